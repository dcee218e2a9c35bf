// The recursive-descent parser's shared state, used by the parser_*.cpp files
// (one per syntactic family). Not part of the API: parser.h is.
//
// Strategy (CPython's, Parser/pegen.c): the grammar is PEG, so every rule
// either succeeds and moves the cursor, or fails and the caller restores the
// cursor (mark()/reset()). A failed first pass is reported as "invalid syntax"
// at the furthest token fetched, unless a hard error was recorded on the way
// (a tokenizer error, a literal that does not decode, a depth overflow) or a
// specialised error rule of the second pass matches (parser_errors.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parser/arena.h"
#include "parser/ast_nodes.h"
#include "parser/parser.h"
#include "parser/syntax_error.h"
#include "parser/token.h"
#include "parser/tokenizer.h"

namespace dxpy::parser {

using Kw = Keyword;  // the token keyword; ast::Keyword is the call argument node

enum class InternalMode : std::uint8_t { kExec, kEval, kSingle, kFuncType, kFString };

class Parser {
 public:
  Parser(const SourceBuffer& source, Arena& arena, TokenizerOptions options = {},
         int depth = 0);
  ast::Mod* parse_file(InternalMode mode);
  ast::Expr* parse_fstring_expression();  // "(expr)" text of an f-string field
  bool has_error() const { return error_.has_value(); }
  const SyntaxErrorInfo& error() const { return *error_; }
  void take_error(SyntaxErrorInfo error) { if (!error_) error_ = std::move(error); }

 private:
  using Expr = ast::Expr;
  using Stmt = ast::Stmt;
  using Pos = ast::Position;

  // --- tokens (parser.cpp) -------------------------------------------------
  // Tokens are fetched on demand; the hot path (already fetched) is inline.
  const Token& at(std::size_t index) {
    if (index < tokens_.size()) [[likely]] return tokens_[index];
    return fetch(index);
  }
  const Token& fetch(std::size_t index);
  const Token& cur() { return at(pos_); }
  const Token& peek(std::size_t ahead = 1) { return at(pos_ + ahead); }
  const Token& prev() const { return tokens_[pos_ - 1]; }
  std::size_t mark() const { return pos_; }
  // The index of a token copied from the buffer (tokens are found by offset).
  std::size_t mark_of(const Token& token) const {
    std::size_t m = pos_;
    while (m > 0 && tokens_[m].start != token.start) --m;
    return m;
  }
  void reset(std::size_t mark) { pos_ = mark; }
  bool is(TokenKind kind) { return cur().kind == kind; }
  bool is_keyword(Kw keyword) { return cur().kind == TokenKind::kName && cur().keyword == keyword; }
  bool is_name() { return cur().kind == TokenKind::kName && !cur().is_hard_keyword(); }
  bool accept(TokenKind kind) {
    if (!is(kind)) return false;
    ++pos_;
    return true;
  }
  bool accept_keyword(Kw keyword) {
    if (!is_keyword(keyword)) return false;
    ++pos_;
    return true;
  }
  std::string_view text_of(const Token& token) const { return tokenizer_.text(token); }
  // A NAME's identifier, NFKC-normalised when it is not ASCII (PEP 3131).
  std::string_view identifier(const Token& token) { return name_text(text_of(token)); }
  std::string_view name_text(std::string_view text);
  // Fails (false) with the hard error state left alone; a tokenizer error
  // token is turned into the hard error as soon as it is fetched.
  bool ok() const { return !error_; }

  // --- positions and nodes -------------------------------------------------
  static Pos start_of(const Token& token) {
    return Pos{token.lineno, token.col_offset, token.end_lineno, token.end_col_offset};
  }
  // CPython's EXTRA: from the rule's first token to the last token consumed
  // that is not NEWLINE, INDENT, DEDENT or ENDMARKER
  // (_PyPegen_get_last_nonnwhitespace_token).
  const Token& last_significant() const {
    std::size_t m = pos_ - 1;
    while (m > 0 && (tokens_[m].kind == TokenKind::kNewline || tokens_[m].kind == TokenKind::kIndent ||
                     tokens_[m].kind == TokenKind::kDedent || tokens_[m].kind == TokenKind::kEndMarker))
      --m;
    return tokens_[m];
  }
  Pos span(const Token& first) const {
    const Token& last = last_significant();
    return Pos{first.lineno, first.col_offset, last.end_lineno, last.end_col_offset};
  }
  Pos span_from(const Pos& first) const {
    const Token& last = last_significant();
    return Pos{first.lineno, first.col_offset, last.end_lineno, last.end_col_offset};
  }
  static Pos join(const Pos& first, const Pos& last) {
    return Pos{first.lineno, first.col_offset, last.end_lineno, last.end_col_offset};
  }
  template <class T>
  T* make(const Pos& pos) {
    T* node = arena_.make<T>();
    node->pos = pos;
    return node;
  }
  template <class T>
  ast::Seq<T> seq(const std::vector<T>& items) { return arena_.seq(items); }

  // --- depth (CPython's MAXSTACK) -------------------------------------------
  // depth_ counts CPython's generated-rule levels, approximately: each guard
  // adds what the same construct costs in CPython's parser (README, "Depth"),
  // so the same inputs overflow into the same MemoryError.
  struct DepthGuard {
    Parser& parser;
    int weight;
    explicit DepthGuard(Parser& p, int w = 1) : parser(p), weight(w) { parser.depth_ += w; }
    ~DepthGuard() { parser.depth_ -= weight; }
  };
  bool chained_expression_ = false;  // next expression() continues a lambda/if-else chain
  bool too_deep();  // records the MemoryError CPython gives, true when over

  // --- statements (parser_statements.cpp, parser_compound.cpp) -------------
  bool statements(std::vector<Stmt*>& out, bool until_dedent);
  bool statement(std::vector<Stmt*>& out);
  bool simple_statements(std::vector<Stmt*>& out);
  Stmt* simple_statement();
  Stmt* expression_statement();
  Stmt* import_statement();
  Stmt* from_import_statement();
  Stmt* compound_statement();
  bool block(std::vector<Stmt*>& out, const Token& owner, const char* what);
  Stmt* function_def(std::vector<Expr*>& decorators, const Token& first);
  Stmt* class_def(std::vector<Expr*>& decorators, const Token& first);
  Stmt* if_statement(bool is_elif);
  Stmt* while_statement();
  Stmt* for_statement(const Token* async_token);
  Stmt* with_statement(const Token* async_token);
  Stmt* try_statement();
  Stmt* match_statement();
  ast::Withitem* with_item();
  ast::Arguments* parameters(bool lambda, TokenKind closer);

  // --- expressions (parser_expressions.cpp, parser_primaries.cpp) ---------
  Expr* expression();           // conditional, lambda
  Expr* named_expression();     // NAME ':=' expression | expression
  Expr* star_expressions();     // a, *b, c  -> Tuple when there is a comma
  Expr* star_expression();      // '*' bitwise_or | expression
  Expr* star_named_expression();
  Expr* yield_expression();
  Expr* disjunction();
  Expr* conjunction();
  Expr* inversion();
  Expr* comparison();
  Expr* bitwise_or();
  Expr* bitwise_xor();
  Expr* bitwise_and();
  Expr* shift_expression();
  Expr* sum();
  Expr* term();
  Expr* factor();
  Expr* power();
  Expr* await_primary();
  Expr* primary();
  Expr* atom();
  Expr* lambda_expression();
  Expr* paren_atom();
  Expr* list_atom();
  Expr* brace_atom();
  Expr* slices();
  Expr* slice();
  Expr* call(Expr* func, const Token& first_of_func);
  bool dict_value_checks(const Token& colon);
  bool comprehension_clauses(std::vector<ast::Comprehension*>& out);
  bool starts_comprehension();
  Expr* star_targets();  // for-loop targets and comprehension targets
  Expr* star_target_atom_list(Expr* parsed);

  // --- targets (parser_targets.cpp) ----------------------------------------
  // Sets Store/Del on a parsed expression; returns the first node that cannot
  // be a target (for "cannot assign to ..."), or null when all of it can.
  Expr* set_context(Expr* target, ast::ExprContext context);

  // --- literals (parser_strings.cpp, parser_fstrings.cpp, parser_numbers.cpp)
  Expr* strings();
  Expr* number(const Token& token);
  ast::ConstantValue number_value(std::string_view text, bool& ok);

  // --- patterns (parser_patterns.cpp) --------------------------------------
  ast::MatchCase* case_block();
  ast::Pattern* patterns();
  ast::Pattern* pattern();
  ast::Pattern* or_pattern();
  ast::Pattern* closed_pattern();
  ast::Pattern* sequence_pattern(TokenKind closer, const Token& open);
  ast::Pattern* mapping_pattern();
  ast::Pattern* class_pattern(Expr* cls);
  Expr* value_pattern_expression();  // literals and dotted names
  Expr* signed_number();

  // --- errors (parser.cpp, parser_errors.cpp) -------------------------------
  void fail_at(const Token& token, std::string message,
               SyntaxErrorKind kind = SyntaxErrorKind::kSyntaxError);
  void fail_range(const Pos& pos, std::string message,
                  SyntaxErrorKind kind = SyntaxErrorKind::kSyntaxError);
  void report_generic_failure();
  enum class TargetKind : std::uint8_t { kStar, kDelete, kFor };
  static const char* expression_name(const Expr* e);
  Expr* invalid_target(Expr* e, TargetKind kind);
  bool fail_invalid_target(Expr* e, TargetKind kind);
  bool check_assignment_in_expression(Expr* a, const Token& a_first);
  bool check_juxtaposed(Expr* a, const Token& a_first);
  bool expect_forced(TokenKind kind, const char* text);
  bool expect_colon_or_newline_error();

  friend class StringParser;

  const SourceBuffer& source_;
  Arena& arena_;
  Tokenizer tokenizer_;
  std::vector<Token> tokens_;
  std::vector<std::int32_t> levels_;  // bracket depth after each token (pegen's token->level)
  std::int32_t level_ = 0;
  std::size_t pos_ = 0;
  int depth_ = 0;
  InternalMode mode_ = InternalMode::kExec;
  std::optional<SyntaxErrorInfo> error_;
  std::vector<Expr*> scratch_exprs_;
};

}  // namespace dxpy::parser
