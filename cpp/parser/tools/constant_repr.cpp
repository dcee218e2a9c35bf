// repr() of constants as CPython 3.11 writes them, for the dumper.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "parser/tools/ast_dump.h"

namespace dxpy::parser::tools {
namespace {

#include "parser/unicode_printable.inc"

bool is_printable(std::uint32_t code) {
  std::size_t low = 0, high = sizeof(kNonPrintable) / sizeof(kNonPrintable[0]);
  while (low < high) {
    std::size_t mid = (low + high) / 2;
    if (code < kNonPrintable[mid][0]) {
      high = mid;
    } else if (code > kNonPrintable[mid][1]) {
      low = mid + 1;
    } else {
      return false;
    }
  }
  return true;
}

// One code point of generalised UTF-8 (surrogates allowed); the parser only
// stores well-formed sequences.
std::uint32_t decode(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  std::uint32_t lead = byte(i);
  if (lead < 0x80) return i += 1, lead;
  if (lead < 0xE0) return i += 2, ((lead & 0x1F) << 6) | (byte(i - 1) & 0x3F);
  if (lead < 0xF0) {
    i += 3;
    return ((lead & 0x0F) << 12) | ((byte(i - 2) & 0x3F) << 6) | (byte(i - 1) & 0x3F);
  }
  i += 4;
  return ((lead & 0x07) << 18) | ((byte(i - 3) & 0x3F) << 12) | ((byte(i - 2) & 0x3F) << 6) |
         (byte(i - 1) & 0x3F);
}

void hex_escape(std::string& out, char prefix, std::uint32_t code, int digits) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\%c%0*x", prefix, digits, code);
  out += buffer;
}

// Python picks single quotes unless the text has a ' and no ".
char pick_quote(std::string_view text) {
  bool single = text.find('\'') != std::string_view::npos;
  bool dbl = text.find('"') != std::string_view::npos;
  return single && !dbl ? '"' : '\'';
}

std::string bytes_repr(std::string_view bytes) {
  char quote = pick_quote(bytes);
  std::string out = "b";
  out += quote;
  for (unsigned char c : bytes) {
    if (c == quote || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      hex_escape(out, 'x', c, 2);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote;
  return out;
}

// Digits of an int literal (prefix kept, no underscores) in decimal.
std::string int_decimal(std::string_view text) {
  unsigned base = 10;
  if (text.size() > 1 && text[0] == '0') {
    char p = static_cast<char>(text[1] | 0x20);
    if (p == 'x') base = 16;
    if (p == 'o') base = 8;
    if (p == 'b') base = 2;
    if (base != 10) text.remove_prefix(2);
  }
  if (base == 10) {
    std::size_t skip = 0;
    while (skip + 1 < text.size() && text[skip] == '0') ++skip;
    return std::string(text.substr(skip));
  }
  std::vector<std::uint32_t> limbs{0};  // little endian, base 1e9
  for (char c : text) {
    unsigned digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    std::uint64_t carry = digit;
    for (auto& limb : limbs) {
      std::uint64_t value = std::uint64_t{limb} * base + carry;
      limb = static_cast<std::uint32_t>(value % 1000000000u);
      carry = value / 1000000000u;
    }
    if (carry) limbs.push_back(static_cast<std::uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  for (std::size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    out += std::string(9 - part.size(), '0') + part;
  }
  return out;
}

// float.__repr__: shortest round-trip digits, fixed notation when the decimal
// exponent is in [-4, 16), else d.ddde+XX; add_dot_zero for float, not complex.
std::string float_repr(double value, bool add_dot_zero) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (std::isnan(value)) return "nan";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string text(buffer, result.ptr);
  bool negative = text[0] == '-';
  if (negative) text.erase(0, 1);
  std::size_t e = text.find('e');
  int exponent = std::stoi(text.substr(e + 1));
  std::string digits;
  for (std::size_t i = 0; i < e; ++i)
    if (text[i] != '.') digits += text[i];
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int point = exponent + 1;  // digits d1d2... mean 0.d1d2... * 10^point
  std::string out = negative ? "-" : "";
  if (point > -4 && point <= 16) {
    if (point <= 0) {
      out += "0." + std::string(-point, '0') + digits;
    } else if (static_cast<std::size_t>(point) >= digits.size()) {
      out += digits + std::string(point - digits.size(), '0');
      if (add_dot_zero) out += ".0";
    } else {
      out += digits.substr(0, point) + "." + digits.substr(point);
    }
  } else {
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1, std::string::npos);
    }
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp;
  }
  return out;
}

}  // namespace

std::string str_repr(std::string_view text) {
  char quote = pick_quote(text);
  std::string out(1, quote);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    std::uint32_t code = decode(text, i);
    if (code == static_cast<std::uint32_t>(quote) || code == '\\') {
      out += '\\';
      out += static_cast<char>(code);
    } else if (code == '\t') {
      out += "\\t";
    } else if (code == '\n') {
      out += "\\n";
    } else if (code == '\r') {
      out += "\\r";
    } else if (code < 0x20 || code == 0x7F) {
      hex_escape(out, 'x', code, 2);
    } else if (code < 0x7F || is_printable(code)) {
      out.append(text.substr(start, i - start));
    } else if (code < 0x100) {
      hex_escape(out, 'x', code, 2);
    } else if (code < 0x10000) {
      hex_escape(out, 'u', code, 4);
    } else {
      hex_escape(out, 'U', code, 8);
    }
  }
  out += quote;
  return out;
}

std::string constant_repr(const ast::ConstantValue& value) {
  using ast::ConstantKind;
  switch (value.kind) {
    case ConstantKind::kNone: return "None";
    case ConstantKind::kTrue: return "True";
    case ConstantKind::kFalse: return "False";
    case ConstantKind::kEllipsis: return "Ellipsis";
    case ConstantKind::kInt: return int_decimal(value.text);
    case ConstantKind::kFloat: return float_repr(value.number, true);
    case ConstantKind::kComplex: return float_repr(value.number, false) + "j";
    case ConstantKind::kStr: return str_repr(value.text);
    case ConstantKind::kBytes: return bytes_repr(value.text);
  }
  return "?";
}

}  // namespace dxpy::parser::tools
