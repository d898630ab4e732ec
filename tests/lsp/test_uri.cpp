#include <catch2/catch.hpp>

#include "lsp/document_store.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp {
namespace {

TEST_CASE("uri converts file URIs with percent-encoding to paths", "[uri]") {
  CHECK(uri_to_path("file:///home/u/a%20b/%C3%A9%E6%97%A5.reply") == "/home/u/a b/é日.reply");
  CHECK(uri_to_path("file:///tmp/x.reply") == "/tmp/x.reply");
  CHECK(uri_to_path("FILE:///tmp/x") == "/tmp/x");
  CHECK(uri_to_path("file://localhost/tmp/x") == "/tmp/x");
  CHECK(uri_to_path("file:///tmp/a%23b%3Fc%25d") == "/tmp/a#b?c%d");
  CHECK(uri_to_path("file:///tmp/x.reply#L3") == "/tmp/x.reply");
  CHECK(uri_to_path("file:///tmp/x.reply?query") == "/tmp/x.reply");
  CHECK(uri_to_path("file:///tmp/100%zz") == "/tmp/100%zz");
  CHECK(uri_to_path("file:///tmp/%e6%97%a5") == "/tmp/日");
  CHECK(uri_to_path("file:/tmp/x") == "/tmp/x");
}

TEST_CASE("uri handles Windows drive letters like VS Code", "[uri]") {
  CHECK(uri_to_path("file:///c%3A/Users/x%20y/t.reply") == "c:/Users/x y/t.reply");
  CHECK(uri_to_path("file:///C:/x") == "c:/x");
  CHECK(path_to_uri("C:\\Users\\x y\\t.reply") == "file:///c%3A/Users/x%20y/t.reply");
}

TEST_CASE("uri rejects other schemes and remote hosts", "[uri]") {
  CHECK_FALSE(uri_to_path("untitled:Untitled-1").has_value());
  CHECK_FALSE(uri_to_path("https://example.com/x").has_value());
  CHECK_FALSE(uri_to_path("file://server/share/x").has_value());
  CHECK_FALSE(uri_to_path("fil").has_value());
  CHECK_FALSE(uri_to_path("").has_value());
}

TEST_CASE("uri encodes paths", "[uri]") {
  CHECK(path_to_uri("/tmp/a b/é.reply") == "file:///tmp/a%20b/%C3%A9.reply");
  CHECK(path_to_uri("/tmp/x-y_z.~1") == "file:///tmp/x-y_z.~1");
  CHECK(path_to_uri("/tmp/a#b?c%d:e") == "file:///tmp/a%23b%3Fc%25d%3Ae");
  CHECK(DocumentStore::path_to_uri("/a b") == "file:///a%20b");
  CHECK(DocumentStore::uri_to_path("file:///a%20b") == "/a b");
}

TEST_CASE("uri round-trips paths", "[uri]") {
  for (const char* path : {"/", "/a", "/a b/c d", "/日本/😀.reply", "/%41", "/a+b=c&d",
                           "/tmp/[x]{y}", "/tmp/'q'\"r\"", "/tab\there"}) {
    CHECK(uri_to_path(path_to_uri(path)) == path);
  }
}

}  // namespace
}  // namespace replyc::lsp
