#pragma once
// The syntax tree of one .reply file. Every node keeps byte ranges into its file; nothing here
// knows lines or columns. The tree is plain data: passes read it, the parser alone builds it.
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/base/range.hpp"

namespace replyc::ast {

struct Name {
  std::string text;
  ByteRange range;
};

// ---- Text -----------------------------------------------------------------------------------

struct Branch;

enum class ChoiceKind : std::uint8_t { Plural, Select };

struct TextPart {
  enum class Kind : std::uint8_t {
    Literal,         // `text`: the characters with escapes resolved
    LineBreak,       // a single newline inside a section: the author meant it
    ParagraphBreak,  // one or more blank lines inside a section
    Param,           // {name} or {name:style}
    Snippet,         // {@snippet.id}
    Choice,          // {name, plural|select, key {...} ...}
    PluralCount,     // `#` inside a plural branch
  };

  Kind kind = Kind::Literal;
  ByteRange range;   // the whole part in the source, braces included
  std::string text;  // Literal
  Name name;         // Param / Choice selector / Snippet id
  Name style;        // Param style; empty text when none
  ChoiceKind choice = ChoiceKind::Select;
  std::vector<Branch> branches;  // Choice
  std::uint32_t indent = 0;  // LineBreak/ParagraphBreak: indentation of the next line (parser only)
};

using Text = std::vector<TextPart>;

struct Branch {
  Name key;  // "one", "other", "=0", "none", "card", ...
  Text body;
  ByteRange range;
};

// ---- Declarations ---------------------------------------------------------------------------

// `# replyc: allow RULE -- reason`, attached to the section (or header) that follows it.
struct Suppression {
  Name rule;
  std::string reason;  // empty when the author gave none
  ByteRange range;
};

struct Section {
  Name name;
  Text text;
  ByteRange range;       // from the name to the end of the last text line
  ByteRange text_range;  // the text alone
  std::vector<Suppression> suppressions;
};

struct LocaleBlock {
  Name tag;                // as written, without brackets
  ByteRange header_range;  // `[tag]`
  ByteRange range;         // header through its last section
  std::vector<Section> sections;
  bool has_syntax_errors = false;  // a statement inside could not be parsed
};

struct ParamDecl {
  Name name;
  Name type;
  bool required = false;
  Name requiredness;  // the `required` / `optional` word, if written
  ByteRange range;
};

struct Word {
  std::string text;
  ByteRange range;
};

// `key: value words` in a template or snippet header (everything but params).
struct HeaderField {
  Name key;
  std::vector<Word> words;
  ByteRange value_range;  // from the first to the last word; empty when there is none
  ByteRange range;
};

enum class BlockKind : std::uint8_t { Template, Snippet };

struct Block {
  BlockKind kind = BlockKind::Template;
  Name id;                  // dotted: shipping.late_delivery
  ByteRange keyword_range;  // `template` / `snippet`
  ByteRange range;          // the header through the last locale block
  ByteRange header_end;     // empty range where a new header field would be inserted
  std::vector<HeaderField> fields;
  Name params_keyword;  // `params` when written
  std::vector<ParamDecl> params;
  std::vector<LocaleBlock> locales;
  std::vector<Suppression> suppressions;  // above the block keyword
  bool has_syntax_errors = false;
};

struct Use {
  Name module;  // `std` or the path inside the quotes
  bool is_path = false;
  ByteRange range;
};

struct File {
  FileId file = kNoFile;
  std::vector<Use> uses;
  std::vector<Block> blocks;
  std::vector<Suppression> stray_suppressions;  // not followed by a section or block
};

}  // namespace replyc::ast
