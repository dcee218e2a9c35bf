// ast.dump's format: Name(field=value, ...), lists [a, b], absent optional
// fields left out, attributes after the fields when asked for.
#include "parser/tools/ast_dump.h"

#include <cstdint>
#include <vector>

namespace dxpy::parser::tools {
namespace {

using namespace dxpy::parser::ast;

class DumpWriter {
 public:
  explicit DumpWriter(bool with_attributes) : include_attributes(with_attributes) {}

  void raw(const char* text) { out += text; }
  // CPython's ast2obj stops at about 3 * sys.getrecursionlimit() levels
  // ("maximum recursion depth exceeded during ast construction"); the dumper
  // stops there too instead of overflowing the C stack.
  bool overflowed() const { return overflowed_; }
  void begin(const char* name) {
    if (first_.size() >= kMaxNesting) overflowed_ = true;
    out += name;
    out += '(';
    first_.push_back(true);
  }
  void end() {
    out += ')';
    first_.pop_back();
  }
  void field(const char* name) {
    if (!first_.back()) out += ", ";
    first_.back() = false;
    out += name;
    out += '=';
  }
  void begin_list() { out += '['; }
  void item(std::uint32_t index) {
    if (index != 0) out += ", ";
  }
  void end_list() { out += ']'; }
  void int_value(std::int32_t value) { out += std::to_string(value); }
  void identifier_value(std::string_view text) { out += str_repr(text); }
  void string_value(std::string_view text) { out += str_repr(text); }
  void constant_value(const ConstantValue& value) { out += constant_repr(value); }
  void position(const Position& pos) {
    field("lineno");
    int_value(pos.lineno);
    field("col_offset");
    int_value(pos.col_offset);
    field("end_lineno");
    int_value(pos.end_lineno);
    field("end_col_offset");
    int_value(pos.end_col_offset);
  }

  bool include_attributes;
  std::string out;

 private:
  static constexpr std::size_t kMaxNesting = 2990;
  std::vector<bool> first_;
  bool overflowed_ = false;
};

#include "parser/ast_dump.inc"

}  // namespace

std::string dump(const Mod* tree, bool include_attributes) {
  DumpWriter writer(include_attributes);
  dump(writer, tree);  // the generated overload for Mod
  if (writer.overflowed()) return std::string();
  return writer.out;
}

}  // namespace dxpy::parser::tools
