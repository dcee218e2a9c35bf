// String literal decoding and implicit concatenation.
#include "parser/parser_strings.h"

#include "parser/unicode_names.h"
#include "parser/utf8_text.h"

namespace dxpy::parser {

using namespace ast;

StringLiteral split_string_literal(std::string_view text) {
  StringLiteral literal;
  std::size_t i = 0;
  while (i < text.size() && text[i] != '\'' && text[i] != '"') {
    switch (text[i] | 0x20) {
      case 'r': literal.raw = true; break;
      case 'b': literal.bytes = true; break;
      case 'f': literal.formatted = true; break;
      case 'u': literal.unicode = true; break;
      default: break;
    }
    ++i;
  }
  std::size_t quote_length =
      text.size() - i >= 6 && text[i + 1] == text[i] && text[i + 2] == text[i] ? 3 : 1;
  literal.body_start = i + quote_length;
  literal.body_end = text.size() - quote_length;
  return literal;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
}  // namespace

bool decode_escapes(std::string_view body, bool bytes, std::string& out, std::string& error) {
  for (std::size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      ++i;
      continue;
    }
    std::size_t escape_start = i;
    char e = body[i + 1];
    i += 2;
    switch (e) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        std::uint32_t value = static_cast<std::uint32_t>(e - '0');
        for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k, ++i)
          value = value * 8 + static_cast<std::uint32_t>(body[i] - '0');
        if (bytes) {
          out += static_cast<char>(value & 0xFF);
        } else {
          append_utf8(out, static_cast<char32_t>(value));
        }
        break;
      }
      case 'x': case 'u': case 'U': {
        if (bytes && e != 'x') {
          out += '\\';
          out += e;
          break;
        }
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        std::uint32_t value = 0;
        for (int k = 0; k < digits; ++k) {
          int digit = i < body.size() ? hex_value(body[i]) : -1;
          if (digit < 0) {
            if (bytes) {
              error = "(value error) invalid \\x escape at position " +
                      std::to_string(escape_start);
            } else {
              error = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                      std::to_string(escape_start) + "-" + std::to_string(i - 1) +
                      ": truncated \\" + std::string(1, e) + std::string(digits, 'X') + " escape";
            }
            return false;
          }
          value = value * 16 + static_cast<std::uint32_t>(digit);
          ++i;
        }
        if (value > 0x10FFFF) {
          error = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                  std::to_string(escape_start) + "-" + std::to_string(i - 1) +
                  ": illegal Unicode character";
          return false;
        }
        if (bytes) {
          out += static_cast<char>(value);
        } else {
          append_utf8(out, static_cast<char32_t>(value));
        }
        break;
      }
      case 'N':
        if (!bytes) {
          std::size_t close = i < body.size() && body[i] == '{' ? body.find('}', i) : std::string_view::npos;
          std::optional<char32_t> code;
          if (close != std::string_view::npos && close > i + 1)
            code = lookup_unicode_name(body.substr(i + 1, close - i - 1));
          if (!code) {
            std::size_t last = close == std::string_view::npos ? body.size() - 1 : close;
            error = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                    std::to_string(escape_start) + "-" + std::to_string(last) +
                    (close == std::string_view::npos || close == i + 1 ? ": malformed \\N character escape"
                                                                      : ": unknown Unicode character name");
            return false;
          }
          append_utf8(out, *code);
          i = close + 1;
          break;
        }
        [[fallthrough]];
      default:
        out += '\\';
        out += e;
        break;
    }
  }
  return true;
}

StringParser::StringParser(Parser& parser, const Token& first, const Token& last)
    : parser_(parser),
      whole_{first.lineno, first.col_offset, last.end_lineno, last.end_col_offset} {}

bool StringParser::fail(std::string message) {
  if (!parser_.error_) {
    // RAISE_SYNTAX_ERROR: at the last token fetched (the one after the strings)
    const Token& last = parser_.tokens_.back();
    parser_.fail_at(last, std::move(message));
  }
  return false;
}

void StringParser::flush(std::string& pending, std::vector<Expr*>& out, const Pos& pos) {
  if (pending.empty()) return;
  auto* constant = parser_.make<Constant>(pos);
  constant->value.kind = ConstantKind::kStr;
  constant->value.text = parser_.arena_.copy(pending);
  out.push_back(constant);
  pending.clear();
}

bool StringParser::append_literal(std::string_view raw_text, bool raw, std::string& pending) {
  if (raw) {
    pending.append(raw_text);
    return true;
  }
  std::string error;
  if (!decode_escapes(raw_text, false, pending, error)) return fail(error);
  return true;
}

Expr* StringParser::parse(const std::vector<Token>& tokens) {
  bool any_bytes = false, any_text = false, any_formatted = false;
  std::vector<StringLiteral> literals;
  for (const Token& token : tokens) {
    StringLiteral literal = split_string_literal(parser_.text_of(token));
    (literal.bytes ? any_bytes : any_text) = true;
    any_formatted |= literal.formatted;
    literals.push_back(literal);
  }
  if (any_bytes && any_text) {
    fail("cannot mix bytes and nonbytes literals");
    return nullptr;
  }
  if (any_bytes) {
    std::string value;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      std::string_view text = parser_.text_of(tokens[k]);
      std::string_view body =
          text.substr(literals[k].body_start, literals[k].body_end - literals[k].body_start);
      for (unsigned char c : body)
        if (c >= 0x80) {
          parser_.fail_at(tokens[k], "bytes can only contain ASCII literal characters");
          return nullptr;
        }
      std::string error;
      if (literals[k].raw) {
        value.append(body);
      } else if (!decode_escapes(body, true, value, error)) {
        fail(error);
        return nullptr;
      }
    }
    auto* constant = parser_.make<Constant>(whole_);
    constant->value.kind = ConstantKind::kBytes;
    constant->value.text = parser_.arena_.copy(value);
    return constant;
  }
  std::string pending;
  std::vector<Expr*> values;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    std::string_view text = parser_.text_of(tokens[k]);
    const StringLiteral& literal = literals[k];
    if (literal.formatted) {
      std::size_t i = literal.body_start;
      if (!fstring(tokens[k], text, i, literal.body_end, literal.raw, 0, values, pending, whole_))
        return nullptr;
    } else {
      std::string_view body = text.substr(literal.body_start, literal.body_end - literal.body_start);
      if (auto decode_error = utf8_decode_error(body)) {
        fail("(unicode error) " + *decode_error);
        return nullptr;
      }
      if (!append_literal(body, literal.raw, pending)) return nullptr;
    }
  }
  if (!any_formatted) {
    auto* constant = parser_.make<Constant>(whole_);
    constant->value.kind = ConstantKind::kStr;
    constant->value.text = parser_.arena_.copy(pending);
    if (literals[0].unicode) constant->kind = parser_.arena_.copy("u");
    return constant;
  }
  flush(pending, values, whole_);
  auto* joined = parser_.make<JoinedStr>(whole_);
  joined->values = parser_.seq(values);
  return joined;
}

Expr* Parser::strings() {
  std::vector<Token> tokens;
  while (is(TokenKind::kString)) {
    tokens.push_back(cur());
    ++pos_;
  }
  (void)cur();  // CPython's STRING+ looks at the token after the last string
  StringParser parser(*this, tokens.front(), tokens.back());
  return parser.parse(tokens);
}

}  // namespace dxpy::parser
