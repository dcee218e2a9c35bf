// dxpy_parse: the C++ parser as a command, without Python.
//
//   dxpy_parse [--attributes] [--mode exec|eval|single|func_type] FILE...
//       for each FILE: a line "=== FILE", then ast.dump's text of its tree
//       (include_attributes with --attributes), or "ERROR <class> <lineno>
//       <offset> <end_lineno> <end_offset> <msg>"
//   dxpy_parse --list LISTFILE ...   read the file names from LISTFILE
//   dxpy_parse --time FILE...        tokenize+parse every file, print bytes,
//       seconds and MB/s (files are read before the clock starts)
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "parser/parser.h"
#include "parser/tools/ast_dump.h"

namespace {

using dxpy::parser::Mode;

const char* kind_name(dxpy::parser::SyntaxErrorKind kind) {
  switch (kind) {
    case dxpy::parser::SyntaxErrorKind::kSyntaxError: return "SyntaxError";
    case dxpy::parser::SyntaxErrorKind::kIndentationError: return "IndentationError";
    case dxpy::parser::SyntaxErrorKind::kTabError: return "TabError";
    case dxpy::parser::SyntaxErrorKind::kMemoryError: return "MemoryError";
    case dxpy::parser::SyntaxErrorKind::kRecursionError: return "RecursionError";
  }
  return "?";
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool attributes = false, timing = false;
  Mode mode = Mode::kExec;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--attributes") {
      attributes = true;
    } else if (arg == "--time") {
      timing = true;
    } else if (arg == "--mode" && i + 1 < argc) {
      std::string name = argv[++i];
      mode = name == "eval" ? Mode::kEval : name == "single" ? Mode::kSingle
             : name == "func_type" ? Mode::kFuncType : Mode::kExec;
    } else if (arg == "--list" && i + 1 < argc) {
      std::ifstream list(argv[++i]);
      for (std::string line; std::getline(list, line);)
        if (!line.empty()) files.push_back(line);
    } else {
      files.push_back(arg);
    }
  }
  std::vector<std::string> contents(files.size());
  for (std::size_t k = 0; k < files.size(); ++k)
    if (!read_file(files[k], contents[k])) std::fprintf(stderr, "cannot read %s\n", files[k].c_str());

  if (timing) {
    std::size_t bytes = 0, failures = 0;
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    for (const std::string& text : contents) {
      auto source = dxpy::parser::SourceBuffer::from_bytes(text, mode == Mode::kExec);
      bytes += text.size();
      if (source.state() != dxpy::parser::SourceBuffer::State::kReady) continue;
      dxpy::parser::Arena arena;
      if (!dxpy::parser::parse(source, mode, arena).tree) ++failures;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    // CPU time too: on a loaded machine the wall clock counts other processes.
    std::printf("files %zu bytes %zu failures %zu seconds %.4f MB/s %.1f cpu_seconds %.4f cpu_MB/s %.1f\n",
                contents.size(), bytes, failures, seconds, bytes / seconds / 1e6, cpu, bytes / cpu / 1e6);
    return 0;
  }
  for (std::size_t k = 0; k < files.size(); ++k) {
    std::printf("=== %s\n", files[k].c_str());
    auto source = dxpy::parser::SourceBuffer::from_bytes(contents[k], mode == Mode::kExec);
    if (source.state() == dxpy::parser::SourceBuffer::State::kError) {
      const auto& e = source.error();
      auto field = [](bool has, int value) { return has ? std::to_string(value) : std::string("None"); };
      std::printf("ERROR %s %s %s %s %s %s\n", kind_name(e.kind), field(e.has_location, e.lineno).c_str(),
                  field(e.has_location, e.offset).c_str(), field(e.has_end, e.end_lineno).c_str(),
                  field(e.has_end, e.end_offset).c_str(), e.message.c_str());
      continue;
    }
    if (source.state() != dxpy::parser::SourceBuffer::State::kReady) {
      std::printf("SKIP needs host decoding (%s)\n", source.declared_encoding().c_str());
      continue;
    }
    dxpy::parser::Arena arena;
    auto result = dxpy::parser::parse(source, mode, arena);
    if (result.tree) {
      std::string text = dxpy::parser::tools::dump(result.tree, attributes);
      if (text.empty()) text = "ERROR RecursionError 0 0 0 0 maximum recursion depth exceeded during ast construction";
      std::printf("%s\n", text.c_str());
    } else {
      const auto& e = result.error;
      std::printf("ERROR %s %d %d %d %d %s\n", kind_name(e.kind), e.lineno, e.offset, e.end_lineno,
                  e.end_offset, e.message.c_str());
    }
  }
  return 0;
}
