// dxpy_probe: serves engine calls over a pipe, so that the property tests on
// the host can hold a build of another architecture (run under qemu-user) to
// the same answers as the local engines.
//
// Requests arrive on stdin and responses leave on stdout, one frame each
// (wire.h). A request that cannot be served gets an error response. A fault
// inside a kernel (a read past a guarded argument, an illegal instruction)
// also gets one, naming the signal and where the access went; the probe then
// exits, because a kernel that faulted may have left anything behind, and the
// client starts a fresh probe for its next request.
#include <setjmp.h>
#include <signal.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "guarded_memory.h"
#include "operations.h"

namespace dxpy::probe {
namespace {

constexpr const char* kProtocol = "dxpy-probe/1";
constexpr uint32_t kMaxFrameBytes = 1u << 30;

const char* architecture() {
#if defined(__aarch64__)
  return "aarch64";
#elif defined(__s390x__)
  return "s390x";
#elif defined(__x86_64__)
  return "x86_64";
#else
  return "unknown";
#endif
}

// Observed, not assumed: how this machine stores the integer 0x01020304.
std::string byte_order() {
  const uint32_t value = 0x01020304;
  uint8_t stored[4];
  std::memcpy(stored, &value, 4);
  char seen[16];
  std::snprintf(seen, sizeof seen, "%02x %02x %02x %02x", stored[0], stored[1], stored[2],
                stored[3]);
  const char* order = stored[0] == 0x01 ? "big" : stored[0] == 0x04 ? "little" : "mixed";
  return std::string(order) + " (0x01020304 is stored as " + seen + ")";
}

void serve_hello(Reader& request, Writer& response) {
  request.expect_end();
  response.text(kProtocol);
  response.text(architecture());
  response.text(byte_order());
  response.text("g++ " __VERSION__);
  const auto& operations = all_operations();
  response.u32(static_cast<uint32_t>(operations.size()));
  for (const Operation& operation : operations) response.text(operation.name);
  const auto builds = simd::compiled_builds();
  response.u32(static_cast<uint32_t>(builds.size()));
  for (const simd::EngineBuild& build : builds) {
    response.text(build.name);
    response.text(build.isa);
    response.text(simd::mode_name(build.mode));
    response.u8(simd::runs_here(build) ? 1 : 0);
  }
}

// Reads the byte just past its argument: the self-test of the guard pages and
// the fault report, so that the client can see both work on every machine.
void serve_touch_past_end(Reader& request, Writer& response) {
  const auto bytes = request.blob();
  request.expect_end();
  const volatile uint8_t* placed = memory_of(Slot::kFirst).copy(bytes);
  response.u8(placed[bytes.size()]);
}

// --- faults --------------------------------------------------------------

sigjmp_buf fault_return;
volatile sig_atomic_t fault_signal = 0;
void* volatile fault_address = nullptr;

void on_fault(int signal, siginfo_t* info, void* /*context*/) {
  fault_signal = signal;
  fault_address = info->si_addr;
  siglongjmp(fault_return, 1);
}

void catch_faults() {
  // Its own stack, so that even a stack overflow gets reported.
  static uint8_t alternate_stack[64 * 1024];
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  sigaltstack(&stack, nullptr);
  struct sigaction action{};
  action.sa_sigaction = on_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE}) sigaction(signal, &action, nullptr);
}

std::string fault_message(const char* operation) {
  char text[160];
  std::snprintf(text, sizeof text, "%s: %s at address %p", operation,
                strsignal(fault_signal), fault_address);
  std::string message = text;
  if (const std::string where = describe_address(fault_address); !where.empty()) {
    message += " (" + where + ")";
  }
  return message;
}

// --- frames ---------------------------------------------------------------

// false at end of input before the first byte.
bool read_exactly(uint8_t* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t got = read(STDIN_FILENO, out + done, size - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      if (done == 0) return false;
      std::fprintf(stderr, "dxpy_probe: input ends inside a frame\n");
      std::exit(2);
    }
    done += static_cast<size_t>(got);
  }
  return true;
}

void write_exactly(const uint8_t* data, size_t size) {
  while (size > 0) {
    const ssize_t put = write(STDOUT_FILENO, data, size);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) std::exit(2);  // the client has gone
    data += put;
    size -= static_cast<size_t>(put);
  }
}

void send(uint8_t status, const std::vector<uint8_t>& fields) {
  Writer frame;
  frame.u32(static_cast<uint32_t>(fields.size() + 1));
  frame.u8(status);
  write_exactly(frame.bytes().data(), frame.bytes().size());
  write_exactly(fields.data(), fields.size());
}

constexpr uint8_t kOk = 0, kError = 1, kFault = 2;

void send_error(const std::string& message, uint8_t status = kError) {
  Writer fields;
  fields.text(message);
  send(status, fields.bytes());
}

int serve() {
  catch_faults();
  std::vector<uint8_t> payload;
  Writer response;
  for (;;) {
    uint8_t size_bytes[4];
    if (!read_exactly(size_bytes, 4)) return 0;
    const uint32_t size = Reader({size_bytes, 4}).u32();
    if (size == 0 || size > kMaxFrameBytes) {
      send_error("frame size " + std::to_string(size) + " is out of range", kFault);
      return 2;  // the stream cannot be trusted to be in step any more
    }
    payload.resize(size);
    read_exactly(payload.data(), size);
    const auto& operations = all_operations();
    const uint8_t number = payload[0];
    if (number >= operations.size()) {
      send_error("unknown operation " + std::to_string(number));
      continue;
    }
    const Operation& operation = operations[number];
    response.clear();
    if (sigsetjmp(fault_return, 1) != 0) {
      send_error(fault_message(operation.name), kFault);
      return 3;
    }
    try {
      Reader request({payload.data() + 1, payload.size() - 1});
      operation.serve(request, response);
    } catch (const RequestError& error) {
      send_error(std::string(operation.name) + ": " + error.what());
      continue;
    } catch (const std::bad_alloc&) {
      send_error(std::string(operation.name) + ": out of memory");
      continue;
    } catch (const std::exception& error) {
      send_error(std::string(operation.name) + ": " + error.what());
      continue;
    }
    send(kOk, response.bytes());
  }
}

}  // namespace

const std::vector<Operation>& all_operations() {
  static const std::vector<Operation> operations = [] {
    std::vector<Operation> all{{"hello", serve_hello}, {"touch_past_end", serve_touch_past_end}};
    for (auto group : {string_operations(), list_operations(), swiss_operations()}) {
      all.insert(all.end(), group.begin(), group.end());
    }
    return all;
  }();
  return operations;
}

const simd::EngineBuild& build_from(Reader& request) {
  const uint8_t index = request.u8();
  const auto builds = simd::compiled_builds();
  if (index >= builds.size()) {
    throw RequestError("no build number " + std::to_string(index) + " (there are " +
                       std::to_string(builds.size()) + ")");
  }
  const simd::EngineBuild& build = builds[index];
  if (!simd::runs_here(build)) {
    throw RequestError(std::string(build.name) + " (" + simd::mode_name(build.mode) +
                       ") does not run on this machine");
  }
  return build;
}

}  // namespace dxpy::probe

int main() { return dxpy::probe::serve(); }
