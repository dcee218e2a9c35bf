# Writes dxpy/_build_info.py: the commit of the source tree the module was built
# from, so that every report names what it measured, however dxpy was installed.
# Run at every build (cmake -P, from the dxpy_build_info target), not only at
# configure time: an incremental `pip install .` after a commit must see it.
#
# Inputs: SOURCE_DIR (the repository), OUTPUT (the file to write).
# From a tree that is not a git checkout of dxpy itself (an sdist, a tarball,
# or one unpacked inside another project's repository) the commit is "unknown".
set(commit "unknown")
set(dirty "False")
find_program(GIT_EXECUTABLE git)
if(GIT_EXECUTABLE)
  execute_process(
    COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --show-toplevel
    OUTPUT_VARIABLE toplevel OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE toplevel_status ERROR_QUIET)
  if(toplevel_status EQUAL 0)
    file(REAL_PATH "${toplevel}" toplevel)
    file(REAL_PATH "${SOURCE_DIR}" source)
  endif()
  if(toplevel_status EQUAL 0 AND toplevel STREQUAL source)
    execute_process(
      COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse HEAD
      OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE head_status ERROR_QUIET)
    execute_process(
      COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
      OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE status_status ERROR_QUIET)
    if(head_status EQUAL 0 AND head MATCHES "^[0-9a-f]+$")
      set(commit "${head}")
      if(status_status EQUAL 0 AND NOT changes STREQUAL "")
        set(dirty "True")
      endif()
    endif()
  endif()
endif()
set(content "\"\"\"Written by the build (cpp/bindings/build_info.cmake): where this dxpy came from.\"\"\"

COMMIT = \"${commit}\"  # the full commit id; \"unknown\" when built from an sdist or tarball
DIRTY = ${dirty}  # True when tracked files differed from that commit at build time
")
# Rewritten only when it changes, so an unchanged tree installs nothing new.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
endif()
if(NOT previous STREQUAL content)
  file(WRITE "${OUTPUT}" "${content}")
endif()
