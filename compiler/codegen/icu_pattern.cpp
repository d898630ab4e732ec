#include "compiler/codegen/icu_pattern.hpp"

#include <algorithm>
#include <set>

#include "compiler/codegen/formats.hpp"

namespace replyc::codegen {
namespace {

enum class Parent { None, Plural, Select };

class Writer {
 public:
  Writer(const std::vector<ParamInfo>& params, std::string_view locale)
      : params_(params), locale_(locale) {
    for (const auto& param : params) {
      if (param.required)
        present_.insert(param.name);
    }
  }

  void write(const Parts& parts, Parent parent, const std::string& plural_param) {
    for (const auto& node : parts) {
      switch (node.kind) {
        case Node::Kind::Text:
          out += quote_icu_literal(node.text, parent == Parent::Plural);
          break;
        case Node::Kind::PluralCount:
          if (parent == Parent::Plural)
            out += '#';
          else if (!plural_param.empty())
            out += "{" + plural_param + ", number}";
          else
            out += quote_icu_literal("#", false);
          break;
        case Node::Kind::Param:
          guarded(node.param, node.type, [&] { param(node, parent); });
          break;
        case Node::Kind::Choice:
          if (node.plural)
            guarded(node.param, node.type, [&] { plural(node); });
          else
            select(node, plural_param);
          break;
      }
    }
  }

  std::string out;

 private:
  // An optional param used outside a branch that proves it present renders nothing when absent.
  template <typename Body>
  void guarded(const std::string& name, const std::string& type, Body body) {
    if (present_.count(name) != 0 || !is_declared(name)) {
      body();
      return;
    }
    out += "{" + select_argument(name, type) + ", select, none {} other {";
    present_.insert(name);
    body();
    present_.erase(name);
    out += "}}";
  }

  bool is_declared(const std::string& name) const {
    return std::any_of(params_.begin(), params_.end(),
                       [&](const ParamInfo& p) { return p.name == name; });
  }

  void param(const Node& node, Parent parent) {
    const std::string& p = node.param;
    const std::string& type = node.type;
    if (type == "count") {
      out += "{" + p + ", number}";
    } else if (type == "number") {
      out += "{" + p + ", number" + (node.style.empty() ? "" : ", " + node.style) + "}";
    } else if (type == "money") {
      out += "{" + money_argument(p, node.style) + "}";
    } else if (type == "date") {
      out += "{" + p + ", date, ::" + std::string(date_skeleton(node.style)) + "}";
    } else if (type == "datetime") {
      for (const auto& piece : datetime_glue(locale_, node.style)) {
        switch (piece.kind) {
          case GluePiece::Kind::Literal:
            out += quote_icu_literal(piece.text, parent == Parent::Plural);
            break;
          case GluePiece::Kind::Date:
            out += "{" + p + ", date, ::" + std::string(date_skeleton(node.style)) + "}";
            break;
          case GluePiece::Kind::Time:
            out += "{" + p + ", time, short}";
            break;
        }
      }
    } else {
      out += "{" + p + "}";
    }
  }

  void plural(const Node& node) {
    out += "{" + node.param + ", plural,";
    for (const auto& [key, body] : node.branches) {
      out += " " + key + " {";
      write(body, Parent::Plural, node.param);
      out += "}";
    }
    out += "}";
  }

  void select(const Node& node, const std::string& plural_param) {
    out += "{" + select_argument(node.param, node.type) + ", select,";
    // An absent param takes the `none` branch, or `other` when there is none: only a branch that
    // an absent param cannot reach proves it present.
    const bool has_none = std::any_of(node.branches.begin(), node.branches.end(),
                                      [](const auto& branch) { return branch.first == "none"; });
    for (const auto& [key, body] : node.branches) {
      out += " " + key + " {";
      const bool proves = key != "none" && (key != "other" || has_none);
      const bool adds = proves && present_.insert(node.param).second;
      write(body, Parent::Select, plural_param);
      if (adds)
        present_.erase(node.param);
      out += "}";
    }
    out += "}";
  }

  const std::vector<ParamInfo>& params_;
  std::string_view locale_;
  std::set<std::string> present_;
};

}  // namespace

bool is_string_type(std::string_view type) {
  return type == "text" || type == "buyer_name" || type == "order_id" || type == "tracking" ||
         type == "asin" || type == "duration";
}

std::string select_argument(std::string_view param, std::string_view type) {
  if (is_string_type(type))
    return std::string(param);
  return std::string(param) + "__select";
}

std::string money_argument(std::string_view param, std::string_view style) {
  return std::string(param) + "__" + std::string(style.empty() ? "symbol" : style);
}

std::string quote_icu_literal(std::string_view text, bool in_plural) {
  auto special = [&](char c) { return c == '{' || c == '}' || (in_plural && c == '#'); };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'') {
      out += "''";
      ++i;
    } else if (special(c)) {
      // Quote the run of special characters. An apostrophe inside it is doubled there: closing
      // the quote right before a doubled apostrophe ('{'''...) would read as '' inside the quote.
      out += '\'';
      while (i < text.size() && (special(text[i]) || text[i] == '\'')) {
        if (text[i] == '\'')
          out += "''";
        else
          out += text[i];
        ++i;
      }
      out += '\'';
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string write_icu(const Parts& parts, const std::vector<ParamInfo>& params,
                      std::string_view locale) {
  Writer writer(params, locale);
  writer.write(parts, Parent::None, {});
  return std::move(writer.out);
}

}  // namespace replyc::codegen
