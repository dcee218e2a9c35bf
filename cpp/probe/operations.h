// The operations the probe serves, grouped by the file that serves them.
//
// An operation reads its fields from the request and writes its result
// fields; anything wrong with the request is a RequestError. The client learns
// the operations' numbers from the hello response (their position in
// all_operations()), so the two sides share names, never a numbering.
#pragma once

#include <span>
#include <vector>

#include "simd/registry.h"
#include "wire.h"

namespace dxpy::probe {

struct Operation {
  const char* name;
  void (*serve)(Reader& request, Writer& response);
};

std::span<const Operation> string_operations();      // string_operations.cpp
std::span<const Operation> list_operations();        // list_operations.cpp
std::span<const Operation> swiss_operations();       // swiss_operations.cpp

// hello and touch_past_end (probe_main.cpp) first, then the groups above.
const std::vector<Operation>& all_operations();

// The build a request names by its position in the registry; it must run here.
const simd::EngineBuild& build_from(Reader& request);

}  // namespace dxpy::probe
