// One connection: wait for a request, read it within its limits, dispatch it, answer, and
// loop while keep-alive holds. Implements http_server::session.
#include "server/api_error.hpp"
#include "server/connection.hpp"
#include "server/http_server.hpp"
#include "server/logger.hpp"
#include "server/metrics.hpp"
#include "server/request.hpp"
#include "server/response.hpp"
#include "server/router.hpp"
#include "server/utf8.hpp"
#include "server/wire_format.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace samverkan::server {

namespace {

using clock = std::chrono::steady_clock;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Maps a parse failure to the answer the client deserves instead of a silent close.
std::optional<api_error> parse_failure(boost::system::error_code ec) {
    if (ec == http::error::body_limit)
        return api_error(error_kind::payload_too_large, "The request body is too large.");
    if (ec == http::error::header_limit)
        return api_error(error_kind::headers_too_large, "The request headers are too large.");
    if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
        return api_error(error_kind::bad_request, "The request is not valid HTTP.");
    return std::nullopt;  // timeouts, resets, EOF: nobody is listening for an answer
}

bool valid_request_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

// Who the client is: the peer, or whom trusted proxies name in X-Forwarded-For (every line
// of it), in the normalised form that limits and the audit log use.
void identify_client(request& req, http_server const& server, connection const& conn) {
    if (!conn.peer_trusted) {
        req.client_ip = conn.peer;
        req.client_address = conn.peer_key;
        return;
    }
    std::vector<std::string_view> lines;
    auto [it, end] = req.message.equal_range("X-Forwarded-For");
    for (; it != end; ++it) lines.emplace_back(it->value().data(), it->value().size());
    req.client_ip = forwarded_client(conn.peer, lines, server.clients().trusted_proxies);
    req.client_address = normalised_address(req.client_ip);
}

// Fills path and query from the target; false when the target is not a valid origin-form.
bool parse_target(request& req) {
    auto const target = req.message.target();
    auto parsed = urls::parse_origin_form({target.data(), target.size()});
    if (!parsed) return false;
    req.path = parsed->path();
    // Percent escapes may spell any bytes: a path or query that is not UTF-8 goes no further.
    if (!valid_utf8(req.path)) return false;
    for (auto const& param : parsed->params()) {
        if (!valid_utf8(param.key) || !valid_utf8(param.value)) return false;
        req.query.emplace_back(param.key, param.value);
    }
    return true;
}

void add_default_headers(response& res, std::string_view request_id, bool https) {
    res.set("X-Request-Id", request_id);
    // A year, the usual value; no includeSubDomains: the municipality's other hosts are
    // not ours to commit.
    if (https) res.set("Strict-Transport-Security", "max-age=31536000");
    // Security headers on every response; a handler may have set stricter ones already.
    auto set_default = [&res](char const* name, char const* value) {
        if (res.find(name) == res.end()) res.set(name, value);
    };
    set_default("X-Content-Type-Options", "nosniff");
    set_default("Referrer-Policy", "same-origin");
    set_default("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    set_default("X-Frame-Options", "DENY");
}

// Appends `text` as a JSON string literal.
void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : text) {
        auto const u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

// Built by hand rather than through a JSON object: it runs once per request.
std::string access_line(request const& req, unsigned status, double seconds) {
    std::string line;
    line.reserve(192);
    line += "{\"time\":\"";
    line += log_timestamp();
    line += "\",\"request_id\":";
    append_json_string(line, req.request_id);
    line += ",\"method\":";
    auto const method = req.message.method_string();
    append_json_string(line, {method.data(), method.size()});
    line += ",\"route\":";
    append_json_string(line, req.route_pattern);
    line += ",\"status\":";
    line += std::to_string(status);
    line += ",\"duration_us\":";
    line += std::to_string(static_cast<long long>(seconds * 1e6));
    line += '}';
    return line;
}

// What reading one request produced: a message, an error to answer, or nothing (the peer
// went away or timed out, and nobody waits for an answer).
struct read_outcome {
    std::optional<http_request> message;
    std::optional<api_error> refused;
};

// Waits for the first byte of the next request under the idle timeout. Only this wait may be
// cut short by a graceful shutdown (`idle` tells the shutdown it is safe to cancel).
asio::awaitable<bool> wait_for_request(connection& conn, beast::flat_buffer& buffer,
                                       server_limits const& limits) {
    if (buffer.size() > 0) co_return true;  // a pipelined request is already here
    conn.idle = true;
    conn.stream.expires_after(limits.idle_timeout);
    auto [ec, n] = co_await conn.stream.async_read_some(buffer.prepare(4096), use_tuple);
    conn.idle = false;
    if (ec) co_return false;
    buffer.commit(n);
    co_return true;
}

asio::awaitable<read_outcome> read_request(connection& conn, beast::flat_buffer& buffer,
                                           server_limits const& limits) {
    auto& stream = conn.stream;
    // A fresh parser per request: limits are per parser, and it must start empty.
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    parser.body_limit(limits.body_limit);
    stream.expires_after(limits.header_timeout);
    auto [ec, ignored] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
    if (ec) co_return read_outcome{std::nullopt, parse_failure(ec)};
    auto const length = parser.content_length();
    if (length && *length > limits.body_limit)
        co_return read_outcome{std::nullopt, parse_failure(http::error::body_limit)};
    if (parser.get()[http::field::expect] == "100-continue") {
        // curl and others wait for this before they send a body.
        http::response<http::empty_body> go_on{http::status::continue_, 11};
        stream.expires_after(limits.write_timeout);
        co_await http::async_write(stream, go_on, use_tuple);
    }
    stream.expires_after(limits.body_timeout);
    std::tie(ec, ignored) = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (ec) co_return read_outcome{std::nullopt, parse_failure(ec)};
    co_return read_outcome{parser.release(), std::nullopt};
}

// Fills `req` from the message and lets the router answer it.
asio::awaitable<response> answer(http_server& server, connection const& conn, router const& routes,
                                 http_request message, request& req) {
    req.message = std::move(message);
    auto const incoming_id = req.header("X-Request-Id");
    if (valid_request_id(incoming_id)) req.request_id = incoming_id;
    identify_client(req, server, conn);
    if (!parse_target(req))
        co_return error_response(
            api_error(error_kind::bad_request, "The request target is not valid."), req.request_id);
    co_return co_await routes.dispatch(req);
}

}  // namespace

asio::awaitable<void> http_server::session(std::shared_ptr<connection> conn) {
    auto& stream = conn->stream;
    beast::flat_buffer buffer;
    std::string wire;  // the response bytes, one buffer reused for every request
    while (!draining() && co_await wait_for_request(*conn, buffer, limits_)) {
        auto const started = clock::now();
        auto outcome = co_await read_request(*conn, buffer, limits_);
        if (!outcome.message && !outcome.refused) break;
        stats_.request_started();

        struct finished {
            metrics& stats;

            ~finished() { stats.request_finished(); }
        } const counted{stats_};  // until the answer is written, whatever happens

        request req;
        req.request_id = next_request_id();
        req.route_pattern = "unmatched";
        bool keep_alive = outcome.message && outcome.message->keep_alive();
        // No co_await inside a conditional expression: g++ 12 miscompiles that.
        response res;
        if (outcome.message)
            res = co_await answer(*this, *conn, routes_, std::move(*outcome.message), req);
        else
            res = error_response(*outcome.refused, req.request_id);
        add_default_headers(res, req.request_id, clients_.strict_transport_security);
        keep_alive = keep_alive && !draining();
        res.keep_alive(keep_alive);
        bool const head = req.message.method() == http::verb::head;
        if (head) res.content_length(res.body().size());  // the length GET would send
        auto const status = res.result_int();
        write_wire_format(res, head, wire);
        stream.expires_after(limits_.write_timeout);
        auto [ec, written] = co_await asio::async_write(stream, asio::buffer(wire), use_tuple);
        double const seconds = std::chrono::duration<double>(clock::now() - started).count();
        stats_.observe_request(req.route_pattern, status, seconds);
        log_.write_line(access_line(req, status, seconds));
        if (ec || !keep_alive) break;
    }
    boost::system::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    stream.close();
    forget(*conn);
}

}  // namespace samverkan::server
