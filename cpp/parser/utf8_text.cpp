#include "parser/utf8_text.h"

#include <cstdio>

namespace dxpy::parser {
namespace {

// The range a valid second byte must fall in after `lead` (Python's strict
// decoder: no overlongs, no surrogates, at most U+10FFFF).
void second_byte_range(unsigned char lead, unsigned char& low, unsigned char& high) {
  low = 0x80;
  high = 0xBF;
  if (lead == 0xE0) low = 0xA0;
  else if (lead == 0xED) high = 0x9F;
  else if (lead == 0xF0) low = 0x90;
  else if (lead == 0xF4) high = 0x8F;
}

}  // namespace

Utf8Step decode_utf8_step(std::string_view text) {
  Utf8Step step;
  auto lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80) {
    step.code_point = lead;
    step.length = 1;
    return step;
  }
  std::uint32_t need;
  char32_t value;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 3;
    value = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 4;
    value = lead & 0x07;
  } else {
    step.invalid_length = 1;
    return step;
  }
  unsigned char low, high;
  second_byte_range(lead, low, high);
  for (std::uint32_t i = 1; i < need; ++i) {
    if (i >= text.size()) {
      step.invalid_length = i;
      step.truncated = true;
      return step;
    }
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < low || byte > high) {
      step.invalid_length = i;
      return step;
    }
    value = (value << 6) | (byte & 0x3F);
    low = 0x80;
    high = 0xBF;
  }
  step.code_point = value;
  step.length = need;
  return step;
}

std::int32_t replace_decoded_length(std::string_view bytes) {
  std::int32_t count = 0;
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
    } else {
      Utf8Step step = decode_utf8_step(bytes.substr(i));
      i += step.length ? step.length : step.invalid_length;
    }
    ++count;
  }
  return count;
}

std::int32_t byte_offset_to_character_offset(std::string_view line, std::int32_t offset) {
  auto length = static_cast<std::int32_t>(line.size());
  if (offset > length + 1) offset = length + 1;
  if (offset <= 0) return replace_decoded_length({});
  // CPython decodes `offset` bytes of the NUL-terminated line: one past the
  // end reads the terminator, which counts as one more character.
  if (offset > length) return replace_decoded_length(line) + 1;
  return replace_decoded_length(line.substr(0, offset));
}

std::optional<std::string> utf8_decode_error(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    Utf8Step step = decode_utf8_step(bytes.substr(i));
    if (step.length) {
      i += step.length;
      continue;
    }
    const char* reason = step.truncated ? "unexpected end of data"
                         : step.invalid_length == 1 && (static_cast<unsigned char>(bytes[i]) < 0xC2 ||
                                                        static_cast<unsigned char>(bytes[i]) > 0xF4)
                             ? "invalid start byte"
                             : "invalid continuation byte";
    char message[160];
    if (step.invalid_length == 1) {
      std::snprintf(message, sizeof message, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                    static_cast<unsigned char>(bytes[i]), i, reason);
    } else {
      std::snprintf(message, sizeof message, "'utf-8' codec can't decode bytes in position %zu-%zu: %s", i,
                    i + step.invalid_length - 1, reason);
    }
    return std::string(message);
  }
  return std::nullopt;
}

std::string replace_invalid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      out.push_back(bytes[i++]);
      continue;
    }
    Utf8Step step = decode_utf8_step(bytes.substr(i));
    if (step.length) {
      out.append(bytes.substr(i, step.length));
      i += step.length;
    } else {
      out.append("\xEF\xBF\xBD");
      i += step.invalid_length;
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace dxpy::parser
