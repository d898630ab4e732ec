#include "lsp/server.hpp"

#include <fmt/format.h>

#include <deque>
#include <memory>
#include <set>
#include <string_view>
#include <utility>
#include <variant>

#include "lsp/capabilities.hpp"
#include "lsp/diagnostics_publisher.hpp"
#include "lsp/document_store.hpp"
#include "lsp/jsonrpc.hpp"
#include "lsp/params.hpp"
#include "lsp/parent_watch.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp {

namespace {

using nlohmann::json;

bool is_document_notification(std::string_view method) {
  return method == "textDocument/didOpen" || method == "textDocument/didChange" ||
         method == "textDocument/didClose" || method == "textDocument/didSave";
}

// params.textDocument.uri of a document notification, or nullptr.
const std::string* notification_uri(const Notification& notification) {
  if (!is_document_notification(notification.method) || !notification.params.is_object()) {
    return nullptr;
  }
  const auto document = notification.params.find("textDocument");
  if (document == notification.params.end() || !document->is_object())
    return nullptr;
  const auto uri = document->find("uri");
  if (uri == document->end() || !uri->is_string())
    return nullptr;
  return &uri->get_ref<const std::string&>();
}

void check_document(const json& params) {
  text_document_uri(params);
}

void check_code_action(const json& params) {
  text_document_uri(params);
  parse_range(require_object(params, "range"), "params.range");
  require_object(params, "context");
}

void check_references(const json& params) {
  check_text_document_position(params);
  require_object(params, "context");
}

void check_rename(const json& params) {
  check_text_document_position(params);
  require_string(params, "newName");
}

void check_formatting(const json& params) {
  text_document_uri(params);
  require_object(params, "options");
}

struct Route {
  std::string_view method;
  json (Backend::*handler)(const DocumentStore&, const json&);
  void (*check)(const json&);
};

constexpr Route kRoutes[] = {
    {"textDocument/codeAction", &Backend::code_actions, check_code_action},
    {"textDocument/hover", &Backend::hover, check_text_document_position},
    {"textDocument/completion", &Backend::completion, check_text_document_position},
    {"textDocument/definition", &Backend::definition, check_text_document_position},
    {"textDocument/references", &Backend::references, check_references},
    {"textDocument/prepareRename", &Backend::prepare_rename, check_text_document_position},
    {"textDocument/rename", &Backend::rename, check_rename},
    {"textDocument/documentSymbol", &Backend::document_symbols, check_document},
    {"textDocument/formatting", &Backend::formatting, check_formatting},
};

std::string root_path(const json& params) {
  if (const auto uri = params.find("rootUri"); uri != params.end() && uri->is_string()) {
    if (auto path = uri_to_path(uri->get_ref<const std::string&>()))
      return *path;
  }
  if (const auto folders = params.find("workspaceFolders");
      folders != params.end() && folders->is_array() && !folders->empty() &&
      folders->front().is_object()) {
    const auto uri = folders->front().find("uri");
    if (uri != folders->front().end() && uri->is_string()) {
      if (auto path = uri_to_path(uri->get_ref<const std::string&>()))
        return *path;
    }
  }
  if (const auto path = params.find("rootPath"); path != params.end() && path->is_string()) {
    return path->get<std::string>();
  }
  return {};
}

class Server {
 public:
  Server(Backend& backend, MessageReader& reader, MessageWriter& writer,
         const ServerOptions& options, Log& log)
      : backend_(backend),
        reader_(reader),
        writer_(writer),
        options_(options),
        log_(log),
        publisher_(writer, log) {}

  int run();

 private:
  enum class State { kUninitialized, kRunning, kShutDown };

  bool read_one();
  void cancel(const json& params);
  void handle(Message& message);
  void handle_request(const Request& request);
  json dispatch(const Request& request);
  json initialize(const json& params);
  void watch_parent(const json& params);
  void handle_notification(const Notification& notification);
  void document_notification(const Notification& notification);
  bool apply_document_notification(const Notification& notification, bool& closed);
  bool change_queued(const std::string& uri) const;
  void analyse(const std::string& uri, bool closed);
  void analyse_all();
  void reply_error(const json& id, int code, std::string_view message, const json& data = nullptr);

  Backend& backend_;
  MessageReader& reader_;
  MessageWriter& writer_;
  const ServerOptions& options_;
  Log& log_;
  DocumentStore store_;
  DiagnosticsPublisher publisher_;
  std::deque<Message> queue_;
  std::set<std::string> cancelled_;  // ids of queued requests the client cancelled
  std::set<std::string> deferred_;   // uris whose analysis waits for a queued notification
  State state_ = State::kUninitialized;
  bool exit_queued_ = false;
  bool exit_ = false;
  std::unique_ptr<ParentWatch> parent_watch_;
};

int Server::run() {
  bool end = false;
  while (!exit_ && !writer_.failed()) {
    if (queue_.empty()) {
      if (end)
        break;
      end = !read_one();
      continue;
    }
    while (!end && !exit_queued_ && queue_.size() < options_.max_read_ahead && reader_.ready()) {
      end = !read_one();
    }
    Message message = std::move(queue_.front());
    queue_.pop_front();
    handle(message);
  }
  if (writer_.failed())
    log_.write("the output stream failed; stopping");
  if (!exit_ && end)
    log_.write("end of input without an exit notification");
  return state_ == State::kShutDown ? 0 : 1;
}

bool Server::read_one() {
  Frame frame = reader_.read();
  if (frame.kind == Frame::Kind::kEnd)
    return false;
  if (frame.kind == Frame::Kind::kTooLarge) {
    InvalidMessage refused;
    refused.id = frame.id;
    refused.code = error_code::kInvalidRequest;
    refused.message = fmt::format("message of {} bytes exceeds the limit of {} bytes", frame.length,
                                  options_.max_message_bytes);
    refused.reply = !frame.id.is_null();
    queue_.emplace_back(std::move(refused));
    return true;
  }
  Message message = parse_message(frame.body);
  if (const auto* notification = std::get_if<Notification>(&message)) {
    if (notification->method == "$/cancelRequest") {
      cancel(notification->params);
      return true;
    }
    if (notification->method == "exit")
      exit_queued_ = true;
  }
  queue_.push_back(std::move(message));
  return true;
}

void Server::cancel(const json& params) {
  if (!params.is_object() || !params.contains("id") || !is_valid_id(params["id"])) {
    log_.write("$/cancelRequest without a valid id; ignored");
    return;
  }
  const std::string key = id_key(params["id"]);
  for (const Message& message : queue_) {
    const auto* request = std::get_if<Request>(&message);
    if (request != nullptr && id_key(request->id) == key) {
      cancelled_.insert(key);
      return;
    }
  }
  // Already answered (or never sent): nothing to do.
}

void Server::handle(Message& message) {
  try {
    if (const auto* request = std::get_if<Request>(&message)) {
      handle_request(*request);
    } else if (const auto* notification = std::get_if<Notification>(&message)) {
      handle_notification(*notification);
    } else if (const auto* invalid = std::get_if<InvalidMessage>(&message)) {
      if (invalid->reply) {
        reply_error(invalid->id, invalid->code, invalid->message);
      } else {
        log_.write(fmt::format("invalid message ignored: {}", invalid->message));
      }
    } else if (const auto* response = std::get_if<Response>(&message)) {
      log_.write(fmt::format("ignored a response to request {}", response->id.dump()));
    }
  } catch (const std::exception& error) {
    log_.write(fmt::format("internal error: {}", error.what()));
  } catch (...) {
    log_.write("internal error: unknown exception");
  }
}

void Server::reply_error(const json& id, int code, std::string_view message, const json& data) {
  writer_.write(make_error(id, code, message, data));
}

void Server::handle_request(const Request& request) {
  if (cancelled_.erase(id_key(request.id)) > 0) {
    reply_error(request.id, error_code::kRequestCancelled, "request cancelled");
    return;
  }
  if (state_ == State::kShutDown) {
    reply_error(request.id, error_code::kInvalidRequest,
                fmt::format("{}: the server is shut down, only exit is accepted", request.method));
    return;
  }
  if (request.method == "initialize") {
    if (state_ != State::kUninitialized) {
      reply_error(request.id, error_code::kInvalidRequest, "initialize may only be sent once");
      return;
    }
  } else if (state_ == State::kUninitialized) {
    reply_error(request.id, error_code::kServerNotInitialized,
                fmt::format("{}: the server is not initialized", request.method));
    return;
  }
  try {
    json result = dispatch(request);
    writer_.write(make_result(request.id, std::move(result)));
  } catch (const ParamsError& error) {
    reply_error(request.id, error_code::kInvalidParams,
                fmt::format("{}: {}", request.method, error.what()));
  } catch (const RequestError& error) {
    reply_error(request.id, error.code(), error.what(), error.data());
  } catch (const std::exception& error) {
    log_.write(fmt::format("{} failed: {}", request.method, error.what()));
    reply_error(request.id, error_code::kInternalError,
                fmt::format("{}: internal error: {}", request.method, error.what()));
  } catch (...) {
    reply_error(request.id, error_code::kInternalError,
                fmt::format("{}: internal error", request.method));
  }
}

json Server::dispatch(const Request& request) {
  const std::string& method = request.method;
  if (method == "initialize")
    return initialize(request.params);
  if (method == "shutdown") {
    state_ = State::kShutDown;
    return nullptr;
  }
  for (const Route& route : kRoutes) {
    if (method != route.method)
      continue;
    if (route.handler == &Backend::formatting && !backend_.formats())
      break;
    route.check(request.params);
    return (backend_.*route.handler)(store_, request.params);
  }
  if (!method.starts_with("$/")) {
    if (auto result = backend_.custom_request(store_, method, request.params)) {
      return std::move(*result);
    }
  }
  throw RequestError(error_code::kMethodNotFound, fmt::format("unknown method {}", method));
}

void Server::watch_parent(const json& params) {
  const auto pid = params.find("processId");
  if (!options_.on_parent_gone || pid == params.end() || !pid->is_number_integer())
    return;
  const long id = pid->get<long>();
  // A client in another pid namespace (a container, a remote host) names a process we cannot
  // see: watching it would end the session at once.
  if (!process_exists(id)) {
    log_.write(fmt::format("processId {} is not visible from here; not watched", id));
    return;
  }
  parent_watch_ = std::make_unique<ParentWatch>(id, options_.parent_poll_interval,
                                                [this, id] { options_.on_parent_gone(id); });
}

json Server::initialize(const json& params) {
  require_params_object(params);
  json client_capabilities = json::object();
  if (const auto it = params.find("capabilities"); it != params.end()) {
    if (!it->is_object())
      throw ParamsError("params.capabilities must be an object");
    client_capabilities = *it;
  }
  const PositionEncoding encoding = negotiate_encoding(client_capabilities);
  const json options = params.value("initializationOptions", json(nullptr));
  watch_parent(params);

  backend_.set_client_capabilities(client_capabilities);
  const json extra = backend_.initialize(options, root_path(params));

  store_.set_encoding(encoding);
  json result = {
      {"capabilities", server_capabilities(encoding, backend_.formats())},
      {"serverInfo", {{"name", options_.server_name}, {"version", options_.server_version}}},
  };
  if (extra.is_object()) {
    if (const auto it = extra.find("capabilities"); it != extra.end() && it->is_object()) {
      result["capabilities"].merge_patch(*it);
    }
    if (const auto it = extra.find("serverInfo"); it != extra.end() && it->is_object()) {
      result["serverInfo"].update(*it);
    }
  }
  state_ = State::kRunning;
  return result;
}

void Server::handle_notification(const Notification& notification) {
  const std::string& method = notification.method;
  if (method == "exit") {
    exit_ = true;
    return;
  }
  if (state_ != State::kRunning) {
    log_.write(fmt::format("dropped {}: the server is {}", method,
                           state_ == State::kUninitialized ? "not initialized" : "shut down"));
    return;
  }
  if (is_document_notification(method)) {
    document_notification(notification);
    return;
  }
  try {
    if (method == "initialized")
      return;
    if (method == "workspace/didChangeConfiguration") {
      require_params_object(notification.params);
      backend_.configuration_changed(notification.params.value("settings", json(nullptr)));
      analyse_all();
    } else if (method == "workspace/didChangeWatchedFiles") {
      require_params_object(notification.params);
      backend_.watched_files_changed(notification.params);
      analyse_all();
    } else if (!method.starts_with("$/")) {
      log_.write(fmt::format("ignored notification {}", method));
    }
  } catch (const std::exception& error) {
    log_.write(fmt::format("{}: {}", method, error.what()));
  }
}

void Server::document_notification(const Notification& notification) {
  bool closed = false;
  bool changed = false;
  try {
    changed = apply_document_notification(notification, closed);
  } catch (const ParamsError& error) {
    log_.write(fmt::format("{}: invalid params: {}", notification.method, error.what()));
  }
  const std::string* uri = notification_uri(notification);
  if (uri == nullptr)
    return;
  // A rejected change still runs an analysis that an earlier change deferred to it.
  if (changed || deferred_.contains(*uri))
    analyse(*uri, closed);
}

bool Server::apply_document_notification(const Notification& notification, bool& closed) {
  const json& params = notification.params;
  const std::string& uri = text_document_uri(params);
  const json& document = require_object(params, "textDocument");
  const std::string& method = notification.method;
  EditResult result;
  if (method == "textDocument/didOpen") {
    const std::int64_t version = require_integer(document, "version", "params.textDocument");
    const std::string& text = require_string(document, "text", "params.textDocument");
    const auto language = document.find("languageId");
    result = store_.open(uri,
                         language != document.end() && language->is_string()
                             ? language->get<std::string>()
                             : std::string(),
                         version, text);
    if (result.ok())
      publisher_.forget(uri);
  } else if (method == "textDocument/didChange") {
    const std::int64_t version = require_integer(document, "version", "params.textDocument");
    const std::vector<TextChange> changes =
        parse_content_changes(require_array(params, "contentChanges"));
    result = store_.change(uri, version, changes);
  } else if (method == "textDocument/didClose") {
    result = store_.close(uri);
    if (result.ok()) {
      publisher_.clear(uri);
      closed = true;
    }
  }
  // didSave changes nothing here, but the backend may read saved files: analyse again.
  if (!result.message.empty())
    log_.write(result.message);
  return result.ok();
}

bool Server::change_queued(const std::string& uri) const {
  for (const Message& message : queue_) {
    const auto* notification = std::get_if<Notification>(&message);
    if (notification == nullptr)
      continue;
    const std::string* queued_uri = notification_uri(*notification);
    if (queued_uri != nullptr && *queued_uri == uri)
      return true;
  }
  return false;
}

void Server::analyse(const std::string& uri, bool closed) {
  if (change_queued(uri)) {
    deferred_.insert(uri);
    return;
  }
  deferred_.erase(uri);
  std::vector<json> results;
  try {
    results = backend_.diagnostics(store_, uri);
  } catch (const std::exception& error) {
    log_.write(fmt::format("diagnostics of {} failed: {}", uri, error.what()));
    return;
  }
  publisher_.publish(store_, std::move(results), closed ? std::string_view(uri) : "");
}

void Server::analyse_all() {
  std::vector<json> results;
  try {
    results = backend_.diagnostics(store_, "");
  } catch (const std::exception& error) {
    log_.write(fmt::format("diagnostics failed: {}", error.what()));
    return;
  }
  publisher_.publish(store_, std::move(results));
}

}  // namespace

int run_server(ByteSource& in, std::ostream& out, Backend& backend, const ServerOptions& options) {
  Log log(options.log);
  MessageReader reader(in, log, options.max_message_bytes);
  MessageWriter writer(out);
  Server server(backend, reader, writer, options, log);
  return server.run();
}

int run_server(std::istream& in, std::ostream& out, Backend& backend,
               const ServerOptions& options) {
  IstreamSource source(in);
  return run_server(source, out, backend, options);
}

}  // namespace replyc::lsp
