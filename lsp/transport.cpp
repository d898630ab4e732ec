#include "lsp/transport.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "lsp/jsonrpc.hpp"

namespace replyc::lsp {

using nlohmann::json;

namespace {

constexpr std::size_t kChunk = std::size_t{64} << 10;
constexpr std::size_t kMaxHeaderLine = std::size_t{8} << 10;
constexpr std::size_t kIdPrefix = std::size_t{64} << 10;
constexpr std::string_view kContentLength = "content-length";

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i]))
      return false;
  }
  return true;
}

// RFC 9110 token characters.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> parse_length(std::string_view value) {
  value = trim(value);
  if (value.empty() || value.size() > 19)
    return std::nullopt;
  std::uint64_t result = 0;
  for (const char c : value) {
    if (c < '0' || c > '9')
      return std::nullopt;
    result = result * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return result;
}

std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 40)) {
    const auto byte = static_cast<unsigned char>(c);
    out += byte >= 0x20 && byte < 0x7F ? std::string(1, c) : fmt::format("\\x{:02x}", byte);
  }
  if (text.size() > 40)
    out += "...";
  return out;
}

}  // namespace

struct MessageReader::HeaderBlock {
  bool has_length = false;
  bool duplicate = false;
  bool invalid = false;
  std::uint64_t length = 0;
};

MessageReader::MessageReader(ByteSource& source, Log& log, std::size_t max_body)
    : source_(source), log_(log), max_body_(max_body) {}

void MessageReader::compact() {
  if (pos_ == 0)
    return;
  buffer_.erase(0, pos_);
  pos_ = 0;
}

bool MessageReader::fill() {
  if (eof_)
    return false;
  compact();
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunk);
  const std::size_t got = source_.read(buffer_.data() + old_size, kChunk);
  buffer_.resize(old_size + got);
  if (got == 0)
    eof_ = true;
  return got > 0;
}

bool MessageReader::ready() {
  return pos_ < buffer_.size() || eof_ || source_.ready();
}

MessageReader::Line MessageReader::read_line(std::string& line, std::size_t& begin) {
  std::size_t scanned = pos_;
  for (;;) {
    const std::size_t newline = buffer_.find('\n', scanned);
    if (newline != std::string::npos) {
      std::size_t end = newline;
      if (end > pos_ && buffer_[end - 1] == '\r')
        --end;
      if (end - pos_ > kMaxHeaderLine)
        return Line::kTooLong;
      begin = pos_;
      line.assign(buffer_, pos_, end - pos_);
      pos_ = newline + 1;
      return Line::kOk;
    }
    if (buffer_.size() - pos_ > kMaxHeaderLine)
      return Line::kTooLong;
    const std::size_t consumed = buffer_.size() - pos_;
    if (!fill())
      return Line::kEnd;
    scanned = pos_ + consumed;  // fill() moved the unread bytes to the front
  }
}

bool MessageReader::resync(std::size_t from) {
  pos_ = std::min(from, buffer_.size());
  std::size_t skipped = 0;
  for (;;) {
    for (std::size_t i = pos_; i + kContentLength.size() <= buffer_.size(); ++i) {
      if (iequals(std::string_view(buffer_).substr(i, kContentLength.size()), kContentLength)) {
        skipped += i - pos_;
        pos_ = i;
        log_.write(fmt::format("skipped {} bytes to the next Content-Length header", skipped));
        return true;
      }
    }
    // Keep a tail that may be the start of a split header name.
    const std::size_t keep = std::min(buffer_.size() - pos_, kContentLength.size() - 1);
    skipped += buffer_.size() - keep - pos_;
    pos_ = buffer_.size() - keep;
    if (!fill()) {
      skipped += buffer_.size() - pos_;
      pos_ = buffer_.size();
      log_.write(fmt::format("skipped {} bytes: end of input before another header", skipped));
      return false;
    }
  }
}

bool MessageReader::read_body(std::size_t length, std::string& body) {
  body.clear();
  body.reserve(length);
  while (body.size() < length) {
    if (pos_ == buffer_.size() && !fill())
      return false;
    const std::size_t take = std::min(length - body.size(), buffer_.size() - pos_);
    body.append(buffer_, pos_, take);
    pos_ += take;
  }
  return true;
}

bool MessageReader::skip_body(std::uint64_t length, std::string& prefix) {
  prefix.clear();
  std::uint64_t remaining = length;
  while (remaining > 0) {
    if (pos_ == buffer_.size() && !fill())
      return false;
    const std::size_t take = static_cast<std::size_t>(
        std::min<std::uint64_t>(remaining, static_cast<std::uint64_t>(buffer_.size() - pos_)));
    if (prefix.size() < kIdPrefix) {
      prefix.append(buffer_, pos_, std::min(take, kIdPrefix - prefix.size()));
    }
    pos_ += take;
    remaining -= take;
  }
  return true;
}

Frame MessageReader::read() {
  for (;;) {
    HeaderBlock header;
    bool any_header = false;
    bool resynced = false;
    for (;;) {
      std::string line;
      std::size_t line_start = 0;  // valid when status is kOk
      const Line status = read_line(line, line_start);
      if (status == Line::kEnd) {
        if (pos_ < buffer_.size() || any_header) {
          log_.write("end of input inside a message header");
        }
        return Frame{};
      }
      if (status == Line::kTooLong) {
        log_.write("header line too long");
        if (!resync(pos_ + 1))
          return Frame{};  // the long line starts at pos_
        resynced = true;
        break;
      }
      if (line.empty()) {
        if (!any_header)
          continue;  // tolerate blank lines between messages
        break;
      }
      const std::size_t colon = line.find(':');
      const std::string_view name = std::string_view(line).substr(0, colon);
      // "xyzContent-Length: 2" is garbage glued to a header, not an unknown header.
      const bool glued = name.size() > kContentLength.size() &&
                         iequals(name.substr(name.size() - kContentLength.size()), kContentLength);
      if (colon == std::string::npos || name.empty() || glued ||
          !std::all_of(name.begin(), name.end(), is_token_char)) {
        log_.write(fmt::format("not a message header: \"{}\"", printable(line)));
        if (!resync(line_start + 1))
          return Frame{};
        resynced = true;
        break;
      }
      any_header = true;
      if (!iequals(name, kContentLength))
        continue;  // Content-Type and others are ignored
      if (header.has_length)
        header.duplicate = true;
      header.has_length = true;
      if (const auto length = parse_length(std::string_view(line).substr(colon + 1))) {
        header.length = *length;
      } else {
        header.invalid = true;
      }
    }
    if (resynced)
      continue;

    if (!header.has_length || header.duplicate || header.invalid) {
      log_.write(!header.has_length ? "message without a Content-Length header"
                 : header.duplicate ? "message with more than one Content-Length header"
                                    : "message with an invalid Content-Length value");
      if (!resync(pos_))
        return Frame{};
      continue;
    }

    if (header.length > max_body_) {
      Frame frame;
      frame.kind = Frame::Kind::kTooLarge;
      frame.length = header.length;
      std::string prefix;
      if (!skip_body(header.length, prefix)) {
        log_.write(fmt::format("end of input inside an oversized message ({} bytes announced)",
                               header.length));
        return Frame{};
      }
      frame.id = recover_request_id(prefix);
      log_.write(fmt::format("refused a message of {} bytes (limit {}){}", header.length, max_body_,
                             frame.id.is_null() ? ", no request id found" : ""));
      return frame;
    }

    Frame frame;
    frame.kind = Frame::Kind::kMessage;
    if (!read_body(static_cast<std::size_t>(header.length), frame.body)) {
      log_.write(fmt::format("end of input inside a message body ({} of {} bytes)",
                             frame.body.size(), header.length));
      return Frame{};
    }
    return frame;
  }
}

std::string serialize(const json& message) {
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool MessageWriter::write(const json& message) {
  const std::string body = serialize(message);
  const std::lock_guard<std::mutex> lock(mutex_);
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out_.flush();
  if (!out_)
    failed_ = true;
  return !failed_;
}

namespace {

// Index just past the closing quote of the string starting at `start`, if it ends in `text`.
std::optional<std::size_t> string_end(std::string_view text, std::size_t start) {
  for (std::size_t i = start + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return std::nullopt;
}

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
    ++i;
  }
  return i;
}

}  // namespace

json recover_request_id(std::string_view text) {
  std::size_t i = skip_space(text, 0);
  if (i >= text.size() || text[i] != '{')
    return nullptr;
  json id = nullptr;
  bool response = false;
  int depth = 0;
  bool expect_key = false;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      const auto end = string_end(text, i);
      if (!end)
        break;
      if (depth != 1 || !expect_key) {
        i = *end;
        continue;
      }
      const json key = json::parse(text.substr(i, *end - i), nullptr, false);
      expect_key = false;
      i = skip_space(text, *end);
      if (i >= text.size() || text[i] != ':')
        break;
      i = skip_space(text, i + 1);
      if (key == "result" || key == "error")
        response = true;
      if (key != "id" || i >= text.size())
        continue;
      std::size_t value_end = i;
      if (text[i] == '"') {
        const auto quoted_end = string_end(text, i);
        if (!quoted_end)
          break;
        value_end = *quoted_end;
      } else {
        while (value_end < text.size() &&
               std::string_view("-0123456789").find(text[value_end]) != std::string_view::npos) {
          ++value_end;
        }
        if (value_end == text.size())
          break;  // the number may continue past the prefix
        if (std::string_view(".eE").find(text[value_end]) != std::string_view::npos)
          break;
      }
      const json value = json::parse(text.substr(i, value_end - i), nullptr, false);
      if (!value.is_discarded() && is_valid_id(value))
        id = value;
      i = value_end;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth <= 0)
        break;
    } else if (c == ',' && depth == 1) {
      expect_key = true;
    }
    if (depth == 1 && c == '{')
      expect_key = true;
    ++i;
  }
  return response ? json(nullptr) : id;
}

}  // namespace replyc::lsp
