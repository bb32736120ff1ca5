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

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <chrono>
#include <optional>

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

// The client's address: the peer, or the last hop that a trusted proxy reports.
std::string client_address(http_server const& server, connection const& conn,
                           http_request const& message) {
    boost::system::error_code ec;
    auto const peer = conn.stream.socket().remote_endpoint(ec);
    std::string address = ec ? std::string{} : peer.address().to_string();
    if (!server.trusted_proxy(address)) return address;
    auto const forwarded = message.find("X-Forwarded-For");
    if (forwarded == message.end()) return address;
    std::string_view list{forwarded->value().data(), forwarded->value().size()};
    auto const comma = list.rfind(',');
    auto last = comma == std::string_view::npos ? list : list.substr(comma + 1);
    while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
    while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
    return last.empty() ? address : std::string{last};
}

// Fills path and query from the target; false when the target is not a valid origin-form.
bool parse_target(request& req) {
    auto const target = req.message.target();
    auto parsed = urls::parse_origin_form({target.data(), target.size()});
    if (!parsed) return false;
    req.path = parsed->path();
    for (auto const& param : parsed->params()) req.query.emplace_back(param.key, param.value);
    return true;
}

void add_default_headers(response& res, std::string_view request_id) {
    res.set("X-Request-Id", request_id);
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

std::string access_line(request const& req, unsigned status, double seconds) {
    boost::json::object line;
    line["time"] = log_timestamp();
    line["request_id"] = req.request_id;
    line["method"] =
        std::string_view{req.message.method_string().data(), req.message.method_string().size()};
    line["route"] = req.route_pattern;
    line["status"] = status;
    line["duration_us"] = static_cast<long long>(seconds * 1e6);
    return boost::json::serialize(line);
}

}  // namespace

asio::awaitable<void> http_server::session(std::shared_ptr<connection> conn) {
    auto& stream = conn->stream;
    beast::flat_buffer buffer;
    for (;;) {
        if (draining()) break;
        // Wait for the first byte of the next request under the idle timeout. Only this wait
        // may be cut short by a graceful shutdown.
        if (buffer.size() == 0) {
            conn->idle = true;
            stream.expires_after(limits_.idle_timeout);
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), use_tuple);
            conn->idle = false;
            if (ec) break;
            buffer.commit(n);
        }
        conn->idle = false;
        auto const started = clock::now();

        // A fresh parser per request: limits are per parser, and it must start empty.
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(limits_.header_limit));
        parser.body_limit(limits_.body_limit);
        stream.expires_after(limits_.header_timeout);
        auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
        std::optional<api_error> refused;
        if (!hec) {
            auto const& head = parser.get();
            auto const length = parser.content_length();
            if (length && *length > limits_.body_limit) {
                refused =
                    api_error(error_kind::payload_too_large, "The request body is too large.");
            } else if (head[http::field::expect] == "100-continue") {
                // curl and others wait for this before sending a body.
                http::response<http::empty_body> go_on{http::status::continue_, 11};
                stream.expires_after(limits_.write_timeout);
                co_await http::async_write(stream, go_on, use_tuple);
            }
        }
        if (!hec && !refused) {
            stream.expires_after(limits_.body_timeout);
            auto [bec, bn] = co_await http::async_read(stream, buffer, parser, use_tuple);
            hec = bec;
        }
        if (hec) refused = parse_failure(hec);
        if (hec && !refused) break;

        request req;
        req.request_id = next_request_id();
        req.route_pattern = "unmatched";
        response res;
        bool keep_alive = false;
        if (refused) {
            res = error_response(*refused, req.request_id);
        } else {
            req.message = parser.release();
            auto const incoming_id = req.header("X-Request-Id");
            if (valid_request_id(incoming_id)) req.request_id = incoming_id;
            req.client_address = client_address(*this, *conn, req.message);
            keep_alive = req.message.keep_alive();
            if (parse_target(req))
                res = co_await routes_.dispatch(req);
            else
                res = error_response(
                    api_error(error_kind::bad_request, "The request target is not valid."),
                    req.request_id);
        }
        add_default_headers(res, req.request_id);
        keep_alive = keep_alive && !draining();
        res.keep_alive(keep_alive);
        if (req.message.method() == http::verb::head) {
            auto const length = res.body().size();
            res.body().clear();
            res.content_length(length);
        }
        auto const status = res.result_int();
        stream.expires_after(limits_.write_timeout);
        auto [wec, wn] = co_await http::async_write(stream, res, use_tuple);
        double const seconds = std::chrono::duration<double>(clock::now() - started).count();
        stats_.observe_request(req.route_pattern, status, seconds);
        log_.write_line(access_line(req, status, seconds));
        if (wec || !keep_alive) break;
    }
    boost::system::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    stream.close();
    forget(conn->id);
}

}  // namespace samverkan::server
