#include <catch2/catch.hpp>

#include "lsp/jsonrpc.hpp"

namespace replyc::lsp {
namespace {

using nlohmann::json;

InvalidMessage invalid_of(std::string_view body) {
  const Message message = parse_message(body);
  REQUIRE(std::holds_alternative<InvalidMessage>(message));
  return std::get<InvalidMessage>(message);
}

TEST_CASE("jsonrpc classifies requests notifications and responses", "[jsonrpc]") {
  const Message request =
      parse_message(R"({"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{}})");
  REQUIRE(std::holds_alternative<Request>(request));
  CHECK(std::get<Request>(request).id == 3);
  CHECK(std::get<Request>(request).method == "textDocument/hover");
  CHECK(std::get<Request>(request).params == json::object());

  const Message string_id = parse_message(R"({"jsonrpc":"2.0","id":"a-1","method":"shutdown"})");
  REQUIRE(std::holds_alternative<Request>(string_id));
  CHECK(std::get<Request>(string_id).id == "a-1");
  CHECK(std::get<Request>(string_id).params.is_null());

  const Message notification = parse_message(R"({"jsonrpc":"2.0","method":"initialized"})");
  REQUIRE(std::holds_alternative<Notification>(notification));
  CHECK(std::get<Notification>(notification).method == "initialized");

  const Message response = parse_message(R"({"jsonrpc":"2.0","id":7,"result":null})");
  REQUIRE(std::holds_alternative<Response>(response));
  CHECK(std::get<Response>(response).id == 7);

  const Message error_response =
      parse_message(R"({"jsonrpc":"2.0","id":8,"error":{"code":-1,"message":"x"}})");
  REQUIRE(std::holds_alternative<Response>(error_response));
  CHECK(std::get<Response>(error_response).error["code"] == -1);
}

TEST_CASE("jsonrpc rejects invalid JSON with ParseError and a null id", "[jsonrpc]") {
  for (const std::string_view body : {"", "{", "{\"jsonrpc\":\"2.0\",", "nul", "{\"a\":1}x"}) {
    const InvalidMessage invalid = invalid_of(body);
    CHECK(invalid.code == error_code::kParseError);
    CHECK(invalid.id.is_null());
    CHECK(invalid.reply);
  }
}

TEST_CASE("jsonrpc rejects messages that are not requests with InvalidRequest", "[jsonrpc]") {
  SECTION("not an object") {
    for (const std::string_view body : {"[]", "[1,2]", "3", "\"x\"", "null"}) {
      const InvalidMessage invalid = invalid_of(body);
      CHECK(invalid.code == error_code::kInvalidRequest);
      CHECK(invalid.id.is_null());
    }
  }
  SECTION("missing or wrong jsonrpc keeps a valid id") {
    const InvalidMessage missing = invalid_of(R"({"id":4,"method":"shutdown"})");
    CHECK(missing.code == error_code::kInvalidRequest);
    CHECK(missing.id == 4);
    const InvalidMessage wrong = invalid_of(R"({"jsonrpc":"1.0","id":"x","method":"shutdown"})");
    CHECK(wrong.id == "x");
    const InvalidMessage number = invalid_of(R"({"jsonrpc":2.0,"method":"initialized"})");
    CHECK(number.id.is_null());
  }
  SECTION("bad id types answer with a null id") {
    for (const std::string_view body :
         {R"({"jsonrpc":"2.0","id":1.5,"method":"m"})", R"({"jsonrpc":"2.0","id":{},"method":"m"})",
          R"({"jsonrpc":"2.0","id":[1],"method":"m"})",
          R"({"jsonrpc":"2.0","id":true,"method":"m"})",
          R"({"jsonrpc":"2.0","id":null,"method":"m"})"}) {
      const InvalidMessage invalid = invalid_of(body);
      CHECK(invalid.code == error_code::kInvalidRequest);
      CHECK(invalid.id.is_null());
    }
  }
  SECTION("method must be a string") {
    const InvalidMessage invalid = invalid_of(R"({"jsonrpc":"2.0","id":2,"method":5})");
    CHECK(invalid.id == 2);
    const InvalidMessage missing = invalid_of(R"({"jsonrpc":"2.0","id":2})");
    CHECK(missing.id == 2);
    CHECK(missing.reply);
  }
  SECTION("params must be structured") {
    const InvalidMessage invalid =
        invalid_of(R"({"jsonrpc":"2.0","id":2,"method":"m","params":"text"})");
    CHECK(invalid.code == error_code::kInvalidRequest);
    CHECK(invalid.id == 2);
  }
  SECTION("bad responses are never answered") {
    CHECK_FALSE(invalid_of(R"({"jsonrpc":"2.0","id":2,"result":1,"error":{}})").reply);
    CHECK_FALSE(invalid_of(R"({"id":2,"result":1})").reply);
    CHECK_FALSE(invalid_of(R"({"jsonrpc":"2.0","id":[],"result":1})").reply);
  }
}

TEST_CASE("jsonrpc error codes match the specifications", "[jsonrpc]") {
  CHECK(error_code::kParseError == -32700);
  CHECK(error_code::kInvalidRequest == -32600);
  CHECK(error_code::kMethodNotFound == -32601);
  CHECK(error_code::kInvalidParams == -32602);
  CHECK(error_code::kInternalError == -32603);
  CHECK(error_code::kServerNotInitialized == -32002);
  CHECK(error_code::kRequestCancelled == -32800);
  CHECK(error_code::kContentModified == -32801);
}

TEST_CASE("jsonrpc builds responses and notifications", "[jsonrpc]") {
  CHECK(make_result(1, nullptr) == json::parse(R"({"jsonrpc":"2.0","id":1,"result":null})"));
  CHECK(make_error("a", -32601, "no") ==
        json::parse(R"({"jsonrpc":"2.0","id":"a","error":{"code":-32601,"message":"no"}})"));
  CHECK(make_error(nullptr, -1, "m", json{{"k", 1}})["error"]["data"]["k"] == 1);
  CHECK(make_notification("exit", nullptr) == json::parse(R"({"jsonrpc":"2.0","method":"exit"})"));
  CHECK(make_request(2, "m", json::object())["params"] == json::object());
  CHECK(id_key(json(1)) == id_key(json(1u)));
  CHECK(id_key(json(1)) != id_key(json("1")));
}

}  // namespace
}  // namespace replyc::lsp
