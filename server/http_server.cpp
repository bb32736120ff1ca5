#include "server/http_server.hpp"

#include "server/connection.hpp"
#include "server/logger.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <random>
#include <stdexcept>

namespace samverkan::server {

using tcp = asio::ip::tcp;

namespace {

std::string random_prefix() {
    std::random_device rd;
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 8; ++i) out += digits[rd() % 16];
    return out;
}

// Logs a session coroutine's escaping exception; a null pointer means it ended normally
// (Beast 1.81's example rethrows it unconditionally, which is undefined behaviour).
auto log_failure(logger& log, char const* what) {
    return [&log, what](std::exception_ptr e) {
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (std::exception const& ex) {
            log.error(what, {{"cause", ex.what()}});
        } catch (...) {
            log.error(what, {{"cause", "unknown"}});
        }
    };
}

}  // namespace

http_server::http_server(asio::io_context& ioc, router const& routes, logger& log, metrics& stats,
                         server_limits limits, client_policy clients)
    : ioc_(ioc),
      acceptor_(ioc),
      routes_(routes),
      log_(log),
      stats_(stats),
      limits_(limits),
      clients_(std::move(clients)),
      id_prefix_(random_prefix()) {}

http_server::~http_server() = default;

void http_server::listen(std::string const& host, unsigned short port) {
    boost::system::error_code ec;
    auto const address = asio::ip::make_address(host, ec);
    if (ec) throw std::runtime_error("listen: '" + host + "' is not an IP address");
    tcp::endpoint const endpoint{address, port};
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint, ec);
    if (ec)
        throw std::runtime_error("listen: cannot bind " + host + ":" + std::to_string(port) + ": " +
                                 ec.message());
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

unsigned short http_server::port() const {
    return acceptor_.local_endpoint().port();
}

void http_server::start() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), log_failure(log_, "accept loop ended"));
}

std::string http_server::next_request_id() {
    return id_prefix_ + "-" + std::to_string(++next_request_);
}

asio::awaitable<void> http_server::accept_loop() {
    asio::steady_timer backoff{ioc_};
    for (;;) {
        // Each connection gets its own strand so its stream is never used from two threads.
        auto strand = asio::make_strand(ioc_);
        auto [ec, socket] =
            co_await acceptor_.async_accept(strand, asio::as_tuple(asio::use_awaitable));
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        if (ec) {
            // EMFILE, ENFILE, ENOBUFS …: keep serving and try again shortly, rather than
            // ending the loop for good as Beast's examples do.
            log_.error("accept failed", {{"cause", ec.message()}});
            backoff.expires_after(std::chrono::milliseconds(100));
            co_await backoff.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto const peer = socket.remote_endpoint(ec);
        if (ec) continue;  // already gone: closing the socket is all there is to do
        auto conn = std::make_shared<connection>(++next_id_, beast::tcp_stream{std::move(socket)});
        conn->peer = unmapped(peer.address());
        conn->peer_key = normalised_address(conn->peer);
        conn->peer_trusted = in_ranges(clients_.trusted_proxies, conn->peer);
        if (!admit(conn)) {
            auto const why = open_.load() >= limits_.max_connections
                                 ? "Too many connections, try again."
                                 : "Too many connections from your address, try again.";
            asio::co_spawn(strand, refuse(std::move(conn->stream.socket()), why), asio::detached);
            continue;
        }
        asio::co_spawn(strand, session(std::move(conn)), log_failure(log_, "session failed"));
    }
}

bool http_server::admit(std::shared_ptr<connection> const& conn) {
    if (open_.load() >= limits_.max_connections) return false;
    std::lock_guard lock(connections_mutex_);
    // Trusted proxies carry many clients on their connections: they are not capped.
    if (!conn->peer_trusted) {
        auto& held = per_address_[conn->peer_key];
        if (held >= limits_.max_connections_per_address) return false;
        ++held;
    }
    connections_.emplace(conn->id, conn);
    ++open_;
    return true;
}

asio::awaitable<void> http_server::refuse(tcp::socket socket, std::string_view why) {
    // Over a connection cap: a short, complete answer instead of a silent reset.
    std::string const body = R"({"error":"unavailable","message":")" + std::string{why} + "\"}\n";
    std::string const answer =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
        "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    co_await asio::async_write(socket, asio::buffer(answer), asio::as_tuple(asio::use_awaitable));
    boost::system::error_code ec;
    socket.shutdown(tcp::socket::shutdown_both, ec);
}

void http_server::forget(connection const& conn) {
    std::lock_guard lock(connections_mutex_);
    connections_.erase(conn.id);
    if (!conn.peer_trusted) {
        auto const held = per_address_.find(conn.peer_key);
        if (held != per_address_.end() && --held->second == 0) per_address_.erase(held);
    }
    --open_;
}

void http_server::shutdown(std::chrono::milliseconds deadline, std::function<void()> done) {
    draining_ = true;
    asio::post(acceptor_.get_executor(), [this] {
        boost::system::error_code ec;
        acceptor_.close(ec);
    });
    std::vector<std::shared_ptr<connection>> live;
    {
        std::lock_guard lock(connections_mutex_);
        for (auto const& [id, weak] : connections_)
            if (auto conn = weak.lock()) live.push_back(std::move(conn));
    }
    for (auto& conn : live) {
        // Runs on the connection's strand, so `idle` is read where it is written.
        asio::post(conn->stream.get_executor(), [conn] {
            if (conn->idle) conn->stream.cancel();
        });
    }
    asio::co_spawn(ioc_, wait_for_drain(deadline, std::move(done)), asio::detached);
}

asio::awaitable<void> http_server::wait_for_drain(std::chrono::milliseconds deadline,
                                                  std::function<void()> done) {
    asio::steady_timer timer{ioc_};
    auto const until = std::chrono::steady_clock::now() + deadline;
    while (open_.load() > 0 && std::chrono::steady_clock::now() < until) {
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (open_.load() > 0)
        log_.error("shutdown deadline passed", {{"open_connections", open_.load()}});
    done();
}

}  // namespace samverkan::server
