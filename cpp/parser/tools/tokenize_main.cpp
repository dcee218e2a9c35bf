// dxpy_tokenize: the C++ tokenizer as a command, for the differential tests
// (properties/parser/test_tokenizer*.py) and for timing it without Python.
//
//   dxpy_tokenize [--str] [--eval] FILE...    one JSON line per file
//   dxpy_tokenize --bench ROUNDS FILE...      tokenize all files ROUNDS times, print MB/s
//   FILE "-" reads a list of paths, one per line, from stdin.
//   dxpy_tokenize --serve    requests on stdin, one JSON line each on stdout:
//     a header line "KIND EXEC LENGTH [ENCODING]" then LENGTH bytes, where KIND
//     is bytes (from_bytes), str (from_utf8) or host (from_host_decoded with
//     ENCODING) and EXEC is 1 for exec input, 0 otherwise; or KIND nfkc:
//     the bytes are names separated by '\n', answered with
//     {"nfkc": [normalize_identifier(name)...], "needs": [0|1...]}.
//
// A JSON line: {"path": P, "state": "ready"|"host"|"error", "encoding": E,
// "tokens": [[TYPE, lineno, col, end_lineno, end_col, KW], ...],
// "error": null | {"kind", "origin", "msg", "lineno", "offset", "end_lineno",
// "end_offset", "text", ...}, "warnings": [[lineno, msg], ...]}. TYPE is
// CPython's token name (token.tok_name of the exact type; OP for kOp); KW is
// "h" for a hard keyword, "s" for a soft one, "" otherwise. --str treats the
// file as the UTF-8 of a str (compile(str) semantics), --eval as non-exec input.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "parser/identifier.h"
#include "parser/source_buffer.h"
#include "parser/tokenizer.h"

namespace {

using dxpy::parser::Keyword;
using dxpy::parser::SourceBuffer;
using dxpy::parser::SyntaxErrorInfo;
using dxpy::parser::SyntaxErrorKind;
using dxpy::parser::Token;
using dxpy::parser::Tokenizer;
using dxpy::parser::TokenizerErrorOrigin;
using dxpy::parser::TokenKind;

const char* token_name(TokenKind kind) {
  static const char* const kNames[] = {
      "ENDMARKER", "NAME", "NUMBER", "STRING", "NEWLINE", "INDENT", "DEDENT", "LPAR", "RPAR", "LSQB", "RSQB",
      "COLON", "COMMA", "SEMI", "PLUS", "MINUS", "STAR", "SLASH", "VBAR", "AMPER", "LESS", "GREATER", "EQUAL",
      "DOT", "PERCENT", "LBRACE", "RBRACE", "EQEQUAL", "NOTEQUAL", "LESSEQUAL", "GREATEREQUAL", "TILDE",
      "CIRCUMFLEX", "LEFTSHIFT", "RIGHTSHIFT", "DOUBLESTAR", "PLUSEQUAL", "MINEQUAL", "STAREQUAL", "SLASHEQUAL",
      "PERCENTEQUAL", "AMPEREQUAL", "VBAREQUAL", "CIRCUMFLEXEQUAL", "LEFTSHIFTEQUAL", "RIGHTSHIFTEQUAL",
      "DOUBLESTAREQUAL", "DOUBLESLASH", "DOUBLESLASHEQUAL", "AT", "ATEQUAL", "RARROW", "ELLIPSIS", "COLONEQUAL",
      "EXCLAMATION", "ERRORTOKEN", "OP",
  };
  return kNames[static_cast<int>(kind)];
}

const char* kind_name(SyntaxErrorKind kind) {
  switch (kind) {
    case SyntaxErrorKind::kSyntaxError: return "SyntaxError";
    case SyntaxErrorKind::kIndentationError: return "IndentationError";
    case SyntaxErrorKind::kTabError: return "TabError";
    case SyntaxErrorKind::kMemoryError: return "MemoryError";
    case SyntaxErrorKind::kRecursionError: return "RecursionError";
  }
  return "?";
}

const char* origin_name(TokenizerErrorOrigin origin) {
  switch (origin) {
    case TokenizerErrorOrigin::kNone: return "none";
    case TokenizerErrorOrigin::kRaised: return "raised";
    case TokenizerErrorOrigin::kEndOfFile: return "eof";
    case TokenizerErrorOrigin::kDedent: return "dedent";
    case TokenizerErrorOrigin::kTabSpace: return "tabspace";
    case TokenizerErrorOrigin::kTooDeep: return "toodeep";
    case TokenizerErrorOrigin::kLineContinuation: return "linecont";
    case TokenizerErrorOrigin::kDecode: return "decode";
  }
  return "?";
}

void json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", c);
      out += escape;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

void json_error(std::string& out, const SyntaxErrorInfo& error, TokenizerErrorOrigin origin,
                const std::string& decode_message = {}) {
  out += "{\"kind\":\"";
  out += kind_name(error.kind);
  out += "\",\"origin\":\"";
  out += origin_name(origin);
  out += "\",\"msg\":";
  json_string(out, error.message);
  out += ",\"decode_msg\":";
  json_string(out, decode_message);
  if (error.has_location) {
    out += ",\"lineno\":" + std::to_string(error.lineno) + ",\"offset\":" + std::to_string(error.offset);
  } else {
    out += ",\"lineno\":null,\"offset\":null";
  }
  if (error.has_location && error.has_end) {
    out += ",\"end_lineno\":" + std::to_string(error.end_lineno) + ",\"end_offset\":" + std::to_string(error.end_offset);
  } else {
    out += ",\"end_lineno\":null,\"end_offset\":null";
  }
  out += ",\"text\":";
  if (error.has_text) {
    json_string(out, error.text);
  } else {
    out += "null";
  }
  out += "}";
}

bool read_file(const std::string& path, std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream data;
  data << in.rdbuf();
  content = data.str();
  return true;
}

std::string tokenize_to_json(const std::string& path, const SourceBuffer& source) {
  std::string out = "{\"path\":";
  json_string(out, path);
  out += ",\"encoding\":";
  json_string(out, source.declared_encoding());
  if (source.state() == SourceBuffer::State::kError) {
    out += ",\"state\":\"error\",\"tokens\":[],\"warnings\":[],\"error\":";
    json_error(out, source.error(), TokenizerErrorOrigin::kNone);
    return out + "}";
  }
  if (source.state() == SourceBuffer::State::kNeedsHostDecoding) {
    return out + ",\"state\":\"host\",\"tokens\":[],\"warnings\":[],\"error\":null}";
  }
  out += ",\"state\":\"ready\",\"tokens\":[";
  Tokenizer tokenizer(source);
  bool first = true;
  for (;;) {
    Token token = tokenizer.next();
    if (token.kind == TokenKind::kError) break;
    if (!first) out.push_back(',');
    first = false;
    out += "[\"";
    out += token_name(token.kind);
    out += "\"";
    for (std::int32_t value : {token.lineno, token.col_offset, token.end_lineno, token.end_col_offset}) {
      out.push_back(',');
      out += std::to_string(value);
    }
    out += ",\"";
    if (token.keyword != Keyword::kNone) out += token.is_hard_keyword() ? "h" : "s";
    out += "\"]";
    if (token.kind == TokenKind::kEndMarker) break;
  }
  out += "],\"warnings\":[";
  for (std::size_t i = 0; i < tokenizer.warnings().size(); ++i) {
    if (i) out.push_back(',');
    out.push_back('[');
    out += std::to_string(tokenizer.warnings()[i].lineno);
    out.push_back(',');
    json_string(out, tokenizer.warnings()[i].message);
    out += "]";
  }
  out += "],\"error\":";
  if (tokenizer.failed()) {
    json_error(out, tokenizer.error(), tokenizer.error_origin(), tokenizer.decode_error_message());
  } else {
    out += "null";
  }
  return out + "}";
}

// The --serve loop: the tests send many small sources without a process each.
int serve() {
  std::string header;
  while (std::getline(std::cin, header)) {
    std::istringstream fields(header);
    std::string kind, encoding;
    int exec_input = 1;
    std::size_t length = 0;
    fields >> kind >> exec_input >> length >> encoding;
    std::string content(length, '\0');
    if (length && !std::cin.read(content.data(), static_cast<std::streamsize>(length))) return 2;
    if (kind == "nfkc") {
      std::string line = "{\"nfkc\":[";
      std::string needs = "],\"needs\":[";
      std::size_t begin = 0;
      for (bool first = true;; first = false) {
        std::size_t end = content.find('\n', begin);
        std::string_view name = std::string_view(content).substr(begin, end == std::string::npos ? end : end - begin);
        if (!first) {
          line.push_back(',');
          needs.push_back(',');
        }
        json_string(line, dxpy::parser::normalize_identifier(name));
        needs.push_back(dxpy::parser::identifier_needs_normalization(name) ? '1' : '0');
        if (end == std::string::npos) break;
        begin = end + 1;
      }
      line += needs + "]}\n";
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fflush(stdout);
      continue;
    }
    SourceBuffer source = kind == "str"    ? SourceBuffer::from_utf8(content, exec_input != 0)
                          : kind == "host" ? SourceBuffer::from_host_decoded(content, encoding)
                                           : SourceBuffer::from_bytes(content, exec_input != 0);
    std::string line = tokenize_to_json("-", source);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  }
  return 0;
}

int bench(int rounds, const std::vector<std::string>& paths) {
  std::vector<std::string> contents;
  std::size_t total = 0;
  for (const auto& path : paths) {
    std::string content;
    if (!read_file(path, content)) continue;
    total += content.size();
    contents.push_back(std::move(content));
  }
  std::size_t tokens = 0;
  // Wall time and this process's CPU time: on a loaded machine the CPU time
  // is the fairer figure (both are reported).
  double best = 1e30;
  double best_cpu = 1e30;
  for (int round = 0; round < rounds; ++round) {
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    for (const auto& content : contents) {
      SourceBuffer source = SourceBuffer::from_bytes(content);
      if (source.state() != SourceBuffer::State::kReady) continue;
      Tokenizer tokenizer(source);
      for (;;) {
        Token token = tokenizer.next();
        ++tokens;
        if (token.kind == TokenKind::kEndMarker || token.kind == TokenKind::kError) break;
      }
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    if (seconds < best) best = seconds;
    if (cpu_seconds < best_cpu) best_cpu = cpu_seconds;
  }
  std::printf(
      "{\"files\":%zu,\"bytes\":%zu,\"tokens_per_round\":%zu,\"best_seconds\":%.6f,\"mb_per_s\":%.1f,"
      "\"best_cpu_seconds\":%.6f,\"cpu_mb_per_s\":%.1f}\n",
      contents.size(), total, rounds ? tokens / rounds : 0, best, total / best / 1e6, best_cpu,
      total / best_cpu / 1e6);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool as_str = false;
  bool exec_input = true;
  int rounds = 0;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--str") {
      as_str = true;
    } else if (arg == "--eval") {
      exec_input = false;
    } else if (arg == "--bench" && i + 1 < argc) {
      rounds = std::atoi(argv[++i]);
    } else if (arg == "--serve") {
      return serve();
    } else if (arg == "-") {
      std::string line;
      while (std::getline(std::cin, line)) {
        if (!line.empty()) paths.push_back(line);
      }
    } else {
      paths.push_back(arg);
    }
  }
  if (rounds > 0) return bench(rounds, paths);
  for (const auto& path : paths) {
    std::string content;
    if (!read_file(path, content)) {
      std::fprintf(stderr, "dxpy_tokenize: cannot read %s\n", path.c_str());
      return 2;
    }
    SourceBuffer source =
        as_str ? SourceBuffer::from_utf8(content, exec_input) : SourceBuffer::from_bytes(content, exec_input);
    std::string line = tokenize_to_json(path, source);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return 0;
}
