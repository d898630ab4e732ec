#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "lsp/transport.hpp"

namespace replyc::lsp {
namespace {

using nlohmann::json;

// Hands out its bytes in chunks of a chosen size, like a pipe delivering partial writes.
class ChunkedSource final : public ByteSource {
 public:
  ChunkedSource(std::string data, std::size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
  std::size_t read(char* buffer, std::size_t capacity) override {
    const std::size_t take = std::min({capacity, chunk_, data_.size() - pos_});
    std::copy_n(data_.data() + pos_, take, buffer);
    pos_ += take;
    return take;
  }
  bool ready() override { return true; }

 private:
  std::string data_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
};

struct Read {
  std::vector<Frame> frames;
  std::string log;
};

Read read_all(const std::string& input, std::size_t max_body = kDefaultMaxMessageBytes,
              std::size_t chunk = 0) {
  std::ostringstream log_stream;
  Log log(&log_stream);
  std::istringstream in(input);
  IstreamSource stream_source(in);
  ChunkedSource chunked_source(input, chunk);
  ByteSource& source = chunk == 0 ? static_cast<ByteSource&>(stream_source) : chunked_source;
  MessageReader reader(source, log, max_body);
  Read result;
  for (;;) {
    Frame frame = reader.read();
    if (frame.kind == Frame::Kind::kEnd)
      break;
    result.frames.push_back(std::move(frame));
    REQUIRE(result.frames.size() < 100);
  }
  result.log = log_stream.str();
  return result;
}

std::vector<std::string> bodies(const Read& read) {
  std::vector<std::string> result;
  for (const Frame& frame : read.frames) {
    result.push_back(frame.kind == Frame::Kind::kMessage ? frame.body : "<too large>");
  }
  return result;
}

std::string framed(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

using Bodies = std::vector<std::string>;

TEST_CASE("transport reads consecutive messages", "[transport]") {
  const std::string input = framed("{\"a\":1}") + framed("{}") + framed("[\"é日😀\"]");
  CHECK(bodies(read_all(input)) == Bodies{"{\"a\":1}", "{}", "[\"é日😀\"]"});
  for (const std::size_t chunk : {1u, 2u, 3u, 7u, 64u}) {
    CHECK(bodies(read_all(input, kDefaultMaxMessageBytes, chunk)) ==
          Bodies{"{\"a\":1}", "{}", "[\"é日😀\"]"});
  }
}

TEST_CASE("transport counts the body in bytes and keeps it binary", "[transport]") {
  const std::string body = std::string("{\"t\":\"a\r\n\\u0000") + "\xC3\xA9\"}";
  CHECK(bodies(read_all(framed(body))) == Bodies{body});
  const std::string with_nul = std::string("ab\0cd", 5);
  CHECK(bodies(read_all(framed(with_nul))) == Bodies{with_nul});
}

TEST_CASE("transport ignores Content-Type and header case", "[transport]") {
  const std::string input =
      "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}"
      "content-length:3\r\nX-Other: 1\r\n\r\n[1]"
      "CONTENT-LENGTH:   4  \r\n\r\n\"ab\"";
  CHECK(bodies(read_all(input)) == Bodies{"{}", "[1]", "\"ab\""});
}

TEST_CASE("transport tolerates bare newlines and blank lines between messages", "[transport]") {
  const std::string input = "Content-Length: 2\n\n{}\r\n\r\nContent-Length: 2\r\n\r\n[]";
  CHECK(bodies(read_all(input)) == Bodies{"{}", "[]"});
}

TEST_CASE("transport resyncs after a missing Content-Length", "[transport]") {
  const Read read = read_all("Content-Type: x\r\n\r\n{\"lost\":1}" + framed("{}"));
  CHECK(bodies(read) == Bodies{"{}"});
  CHECK_THAT(read.log, Catch::Contains("without a Content-Length"));
}

TEST_CASE("transport resyncs after an invalid Content-Length", "[transport]") {
  for (const std::string value : {"abc", "-1", "", "1x", "+2", "99999999999999999999999"}) {
    const Read read = read_all("Content-Length: " + value + "\r\n\r\n{}" + framed("[2]"));
    CHECK(bodies(read) == Bodies{"[2]"});
    CHECK_THAT(read.log, Catch::Contains("invalid Content-Length"));
  }
}

TEST_CASE("transport resyncs after a duplicate Content-Length", "[transport]") {
  const Read read = read_all("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x" + framed("[3]"));
  CHECK(bodies(read) == Bodies{"[3]"});
  CHECK_THAT(read.log, Catch::Contains("more than one Content-Length"));
}

TEST_CASE("transport skips garbage before a header", "[transport]") {
  CHECK(bodies(read_all("garbage\r\n" + framed("{}"))) == Bodies{"{}"});
  CHECK(bodies(read_all("xyz" + framed("{}"))) == Bodies{"{}"});
  CHECK(bodies(read_all("Unknown: header\r\n" + framed("{}"))) == Bodies{"{}"});
  CHECK(bodies(read_all("}" + framed("{}") + "\n\n" + framed("[]"))) == Bodies{"{}", "[]"});
  CHECK(bodies(read_all("\x01\xff junk : \r\n\r\n" + framed("{}"))) == Bodies{"{}"});
  CHECK(bodies(read_all("Content-Length 2\r\n\r\n{}" + framed("[]"))) == Bodies{"[]"});
  // Garbage split across reads.
  CHECK(bodies(read_all("zzzz" + framed("{}"), kDefaultMaxMessageBytes, 3)) == Bodies{"{}"});
  const Read read = read_all(std::string(100000, 'g') + framed("{}"));
  CHECK(bodies(read) == Bodies{"{}"});
  CHECK_THAT(read.log, Catch::Contains("header line too long"));
}

TEST_CASE("transport ends cleanly on truncated input", "[transport]") {
  SECTION("truncated body") {
    const Read read = read_all(framed("{}") + "Content-Length: 10\r\n\r\n{\"a\":");
    CHECK(bodies(read) == Bodies{"{}"});
    CHECK_THAT(read.log, Catch::Contains("inside a message body"));
  }
  SECTION("truncated header") {
    const Read read = read_all(framed("{}") + "Content-Len");
    CHECK(bodies(read) == Bodies{"{}"});
    CHECK_THAT(read.log, Catch::Contains("inside a message header"));
  }
  SECTION("header without body") {
    CHECK(bodies(read_all("Content-Length: 2\r\n")).empty());
    CHECK(bodies(read_all("Content-Length: 2\r\n\r\n")).empty());
  }
  SECTION("garbage only") {
    CHECK(bodies(read_all("no header here")).empty());
  }
  SECTION("empty input") {
    CHECK(read_all("").log.empty());
  }
}

TEST_CASE("transport refuses oversized messages without buffering them", "[transport]") {
  const std::string big_request =
      R"({"jsonrpc":"2.0","id":42,"method":"textDocument/didOpen","params":{"text":")" +
      std::string(5000, 'x') + "\"}}";
  const std::string big_notification =
      R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"id":7,"text":")" +
      std::string(5000, 'x') + "\"}}";
  const std::string input = framed(big_request) + framed(big_notification) + framed("{}");
  for (const std::size_t chunk : {0u, 1u, 100u}) {
    const Read read = read_all(input, 1000, chunk);
    REQUIRE(read.frames.size() == 3);
    CHECK(read.frames[0].kind == Frame::Kind::kTooLarge);
    CHECK(read.frames[0].id == 42);
    CHECK(read.frames[0].length == big_request.size());
    CHECK(read.frames[1].kind == Frame::Kind::kTooLarge);
    CHECK(read.frames[1].id.is_null());  // the nested "id" is not the message's
    CHECK(read.frames[2].body == "{}");
    CHECK_THAT(read.log, Catch::Contains("refused a message of"));
  }
  SECTION("truncated oversized body") {
    const Read read = read_all("Content-Length: 5000\r\n\r\n{\"id\":1", 1000);
    CHECK(read.frames.empty());
  }
  SECTION("a body at the limit is accepted") {
    const std::string body = "[" + std::string(998, ' ') + "]";
    CHECK(bodies(read_all(framed(body), 1000)) == Bodies{body});
  }
}

TEST_CASE("transport recovers the id of a request from a prefix", "[transport]") {
  CHECK(recover_request_id(R"({"jsonrpc":"2.0","id":5,"method":"x")") == 5);
  CHECK(recover_request_id(R"( { "id" : "abc" , "method":"x")") == "abc");
  CHECK(recover_request_id(R"({"params":{"id":3},"id":-4,"method":"x"})") == -4);
  CHECK(recover_request_id(R"({"method":"x","params":{"id":3}})").is_null());
  CHECK(recover_request_id(R"({"id":1,"result":{}})").is_null());
  CHECK(recover_request_id(R"({"error":{},"id":1})").is_null());
  CHECK(recover_request_id(R"({"id":12)").is_null());  // may continue
  CHECK(recover_request_id(R"({"id":1.5,"method":"x"})").is_null());
  CHECK(recover_request_id(R"({"id":true,"method":"x"})").is_null());
  CHECK(recover_request_id(R"({"a":"\"id\":3","id":9})") == 9);
  CHECK(recover_request_id(R"(["id",1])").is_null());
  CHECK(recover_request_id("").is_null());
}

TEST_CASE("transport writes framed messages", "[transport]") {
  std::ostringstream out;
  MessageWriter writer(out);
  CHECK(writer.write(json{{"a", "é"}}));
  CHECK(out.str() == "Content-Length: 10\r\n\r\n{\"a\":\"é\"}");
  CHECK_FALSE(writer.failed());
}

TEST_CASE("transport replaces invalid UTF-8 instead of throwing", "[transport]") {
  std::ostringstream out;
  MessageWriter writer(out);
  CHECK(writer.write(json{{"a", std::string("x\xff")}}));
  CHECK(out.str() == "Content-Length: 12\r\n\r\n{\"a\":\"x\xEF\xBF\xBD\"}");
}

TEST_CASE("transport reports a failed output stream", "[transport]") {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  MessageWriter writer(out);
  CHECK_FALSE(writer.write(json::object()));
  CHECK(writer.failed());
}

TEST_CASE("transport survives random bytes", "[transport]") {
  std::mt19937 random(1234);
  for (int round = 0; round < 300; ++round) {
    std::string input;
    const int pieces = static_cast<int>(random() % 6);
    for (int i = 0; i < pieces; ++i) {
      switch (random() % 4) {
        case 0:
          input += framed("{}");
          break;
        case 1:
          input += "Content-Length: " + std::to_string(random() % 40) + "\r\n";
          break;
        case 2:
          input += "\r\n";
          break;
        default:
          for (auto n = random() % 20; n > 0; --n)
            input += static_cast<char>(random() % 256);
      }
    }
    const Read read = read_all(input, 30, 1 + random() % 5);
    for (const Frame& frame : read.frames)
      CHECK(frame.body.size() <= 30);
  }
}

}  // namespace
}  // namespace replyc::lsp
