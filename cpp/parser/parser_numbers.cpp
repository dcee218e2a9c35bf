// NUMBER tokens to constants: ints of any size kept as their text (the
// bindings and the compiler build the value), floats correctly rounded,
// imaginary literals as complex(0, x).
#include <charconv>
#include <cstdlib>
#include <string>

#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;

namespace {
// Correctly rounded decimal to double; overflow gives inf and underflow 0,
// as float() does.
double decimal_to_double(const std::string& digits) {
  double value = 0.0;
  auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (result.ec == std::errc()) return value;
  return std::strtod(digits.c_str(), nullptr);  // out of range: strtod saturates
}
}  // namespace

ConstantValue Parser::number_value(std::string_view text, bool& valid) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text)
    if (c != '_') digits += c;
  ConstantValue value;
  valid = !digits.empty();
  if (!valid) return value;
  char last = digits.back();
  if (last == 'j' || last == 'J') {
    digits.pop_back();
    value.kind = ConstantKind::kComplex;
    value.number = decimal_to_double(digits);
    return value;
  }
  bool prefixed = digits.size() > 1 && digits[0] == '0' &&
                  ((digits[1] | 0x20) == 'x' || (digits[1] | 0x20) == 'o' ||
                   (digits[1] | 0x20) == 'b');
  bool integer = prefixed || digits.find_first_of(".eE") == std::string::npos;
  if (integer) {
    value.kind = ConstantKind::kInt;
    value.text = arena_.copy(digits);
    return value;
  }
  value.kind = ConstantKind::kFloat;
  value.number = decimal_to_double(digits);
  return value;
}

Expr* Parser::number(const Token& token) {
  bool valid = false;
  ConstantValue value = number_value(text_of(token), valid);
  if (!valid) return nullptr;
  auto* node = make<Constant>(start_of(token));
  node->value = value;
  return node;
}

}  // namespace dxpy::parser
