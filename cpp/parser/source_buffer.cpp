#include "parser/source_buffer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "parser/utf8_text.h"

namespace dxpy::parser {
namespace {

constexpr std::string_view kNullBytesMessage = "source code string cannot contain null bytes";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// get_normal_name of tokenizer.c: the utf-8 and latin-1 spellings CPython
// recognises itself (only the first 12 characters are looked at).
std::string normal_encoding_name(const std::string& name) {
  std::string folded;
  for (std::size_t i = 0; i < name.size() && i < 12; ++i) {
    char c = name[i];
    folded.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  auto starts = [&](std::string_view prefix) { return folded.compare(0, prefix.size(), prefix) == 0; };
  if (folded == "utf-8" || starts("utf-8-")) return "utf-8";
  if (folded == "latin-1" || folded == "iso-8859-1" || folded == "iso-latin-1" || starts("latin-1-") ||
      starts("iso-8859-1-") || starts("iso-latin-1-")) {
    return "iso-8859-1";
  }
  return name;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// get_coding_spec: a "coding[:=]\s*name" inside a comment that is the only
// thing on the line. `size` is CPython's length (its bound is size - 6).
std::string coding_spec(std::string_view line, std::ptrdiff_t size) {
  std::ptrdiff_t i = 0;
  for (; i < size - 6; ++i) {
    char c = line[i];
    if (c == '#') break;
    if (c != ' ' && c != '\t' && c != '\014') return {};
  }
  for (; i < size - 6; ++i) {
    if (line.compare(i, 6, "coding") != 0) continue;
    std::size_t t = i + 6;
    if (t >= line.size() || (line[t] != ':' && line[t] != '=')) continue;
    do {
      ++t;
    } while (t < line.size() && (line[t] == ' ' || line[t] == '\t'));
    std::size_t begin = t;
    while (t < line.size() && is_name_char(line[t])) ++t;
    if (begin < t) return normal_encoding_name(std::string(line.substr(begin, t - begin)));
  }
  return {};
}

// Whether a line without a coding spec still lets line 2 carry one: only
// blank and comment-only lines do (check_coding_spec's STATE_NORMAL switch).
bool only_comment_or_blank(std::string_view line, std::ptrdiff_t size) {
  for (std::ptrdiff_t i = 0; i < size && i < static_cast<std::ptrdiff_t>(line.size()); ++i) {
    char c = line[i];
    if (c == '#' || c == '\n' || c == '\r') break;
    if (c != ' ' && c != '\t' && c != '\014') return false;
  }
  return true;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (unsigned char c : bytes) append_utf8(out, c);
  return out;
}

}  // namespace

std::string translate_newlines(std::string_view text, bool exec_input) {
  std::string out;
  if (text.find('\r') == std::string_view::npos) {  // the common case: nothing to translate
    out.reserve(text.size() + 1);
    out.assign(text);
    if (exec_input && (out.empty() || out.back() != '\n')) out.push_back('\n');
    return out;
  }
  out.reserve(text.size() + 1);
  bool skip_next_lf = false;
  char last = '\0';
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (skip_next_lf) {
      skip_next_lf = false;
      if (c == '\n') {
        if (++i == text.size()) {
          last = '\0';  // CPython's loop ends with c == NUL here: see below
          break;
        }
        c = text[i];
      }
    }
    if (c == '\r') {
      skip_next_lf = true;
      c = '\n';
    }
    out.push_back(c);
    last = c;
  }
  if (exec_input && last != '\n') out.push_back('\n');
  return out;
}

SyntaxErrorInfo SourceBuffer::make_init_error(std::string message) {
  SyntaxErrorInfo info;
  info.message = std::move(message);
  info.lineno = 0;
  info.offset = -1;
  info.end_lineno = 0;
  info.end_offset = 0;
  info.has_end = false;
  info.has_text = false;
  return info;
}

void SourceBuffer::fail(std::string message) {
  state_ = State::kError;
  error_ = make_init_error(std::move(message));
}

void SourceBuffer::set_text(std::string text) {
  text_ = std::move(text);
  line_starts_.clear();
  if (text_.empty()) return;
  line_starts_.push_back(0);
  const char* data = text_.data();
  const char* last = data + text_.size() - 1;  // a '\n' there starts no line
  for (const char* p = data; p < last;) {
    const void* newline = std::memchr(p, '\n', static_cast<std::size_t>(last - p));
    if (!newline) break;
    p = static_cast<const char*>(newline) + 1;
    line_starts_.push_back(static_cast<std::uint32_t>(p - data));
  }
}

SourceBuffer SourceBuffer::from_utf8(std::string_view text, bool exec_input) {
  SourceBuffer buffer;
  buffer.exec_input_ = exec_input;
  if (text.find('\0') != std::string_view::npos) {
    buffer.state_ = State::kError;
    buffer.error_.message = std::string(kNullBytesMessage);
    buffer.error_.has_location = false;
    buffer.error_.has_text = false;
    return buffer;
  }
  buffer.encoding_ = "utf-8";
  buffer.set_text(translate_newlines(text, exec_input));
  return buffer;
}

SourceBuffer SourceBuffer::from_host_decoded(std::string_view utf8, std::string encoding) {
  SourceBuffer buffer;
  buffer.encoding_ = std::move(encoding);
  buffer.set_text(std::string(utf8));
  return buffer;
}

SourceBuffer SourceBuffer::from_bytes(std::string_view bytes, bool exec_input) {
  SourceBuffer buffer;
  buffer.exec_input_ = exec_input;
  if (bytes.find('\0') != std::string_view::npos) {
    buffer.state_ = State::kError;
    buffer.error_.message = std::string(kNullBytesMessage);
    buffer.error_.has_location = false;
    buffer.error_.has_text = false;
    return buffer;
  }
  std::string text = translate_newlines(bytes, exec_input);
  bool bom = text.compare(0, kBom.size(), kBom) == 0;
  if (bom) text.erase(0, kBom.size());

  // decode_str: the declaration is looked for on line 1, and on line 2 when
  // line 1 is blank or a comment; a line counts only if it ends in '\n'.
  std::string declared;
  std::string_view view = text;
  std::size_t first_newline = view.find('\n');
  if (first_newline != std::string_view::npos) {
    std::string_view line1 = view.substr(0, first_newline);
    declared = coding_spec(line1, static_cast<std::ptrdiff_t>(first_newline));
    std::size_t second_newline = view.find('\n', first_newline + 1);
    if (declared.empty() && only_comment_or_blank(line1, static_cast<std::ptrdiff_t>(first_newline)) &&
        second_newline != std::string_view::npos) {
      // CPython passes this line's length *including* its '\n'.
      std::string_view line2 = view.substr(first_newline + 1, second_newline - first_newline);
      declared = coding_spec(line2, static_cast<std::ptrdiff_t>(second_newline - first_newline));
    }
  }

  if (bom) {
    if (!declared.empty() && declared != "utf-8") {
      buffer.fail("encoding problem: " + declared + " with BOM");
      return buffer;
    }
    buffer.encoding_ = "utf-8";
  } else if (declared.empty()) {
    buffer.offsets_in_bytes_ = true;  // tok->encoding stays NULL
  } else {
    buffer.encoding_ = declared;
  }

  if (declared.empty() || declared == "utf-8") {
    buffer.set_text(std::move(text));
  } else if (declared == "iso-8859-1") {
    buffer.set_text(latin1_to_utf8(text));
  } else if (declared == "ascii") {
    for (std::size_t i = 0; i < text.size(); ++i) {
      auto byte = static_cast<unsigned char>(text[i]);
      if (byte >= 0x80) {
        char message[128];
        std::snprintf(message, sizeof message,
                      "'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in range(128)",
                      byte, i);
        buffer.fail(message);
        return buffer;
      }
    }
    buffer.set_text(std::move(text));
  } else {
    buffer.state_ = State::kNeedsHostDecoding;
    buffer.text_ = std::move(text);
  }
  return buffer;
}

std::uint32_t SourceBuffer::line_start(std::int32_t lineno) const {
  if (lineno < 1 || lineno > line_count()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[lineno - 1];
}

std::string_view SourceBuffer::line(std::int32_t lineno) const {
  if (lineno < 1 || lineno > line_count()) return {};
  std::uint32_t start = line_starts_[lineno - 1];
  std::uint32_t end = lineno < line_count() ? line_starts_[lineno] : static_cast<std::uint32_t>(text_.size());
  return std::string_view(text_).substr(start, end - start);
}

std::int32_t SourceBuffer::line_of_offset(std::uint32_t offset) const {
  if (line_starts_.empty()) return 1;
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::int32_t>(it - line_starts_.begin());
}

}  // namespace dxpy::parser
