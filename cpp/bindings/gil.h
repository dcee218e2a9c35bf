// Releases the GIL for the scope of a kernel whose input is at least `limit`
// units large; below that, saving and restoring the thread state costs more
// than another thread could gain.
#pragma once

#include <Python.h>

#include <cstddef>

namespace dxpy::bindings {

class GilReleasedFor {
 public:
  GilReleasedFor(size_t size, size_t limit)
      : state_(size >= limit ? PyEval_SaveThread() : nullptr) {}
  ~GilReleasedFor() {
    if (state_ != nullptr) PyEval_RestoreThread(state_);
  }
  GilReleasedFor(const GilReleasedFor&) = delete;
  GilReleasedFor& operator=(const GilReleasedFor&) = delete;

 private:
  PyThreadState* state_;
};

}  // namespace dxpy::bindings
