#pragma once

#include "server/asio_fwd.hpp"
#include "server/ip_address.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace samverkan::server {

class logger;
class metrics;
class router;
struct connection;

/// Transport limits; every one has a setting in the configuration.
struct server_limits {
    std::chrono::milliseconds header_timeout{10'000};  ///< from first byte to end of headers
    std::chrono::milliseconds body_timeout{30'000};    ///< to read the whole body
    std::chrono::milliseconds idle_timeout{60'000};    ///< keep-alive wait for the next request
    std::chrono::milliseconds write_timeout{30'000};
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1024 * 1024;
    std::size_t max_connections = 10'000;
    std::size_t max_connections_per_address = 256;  ///< by normalised address; proxies exempt
};

/// What the server believes about its peers and tells every client.
struct client_policy {
    std::vector<address_range> trusted_proxies;  ///< peers whose X-Forwarded-For is believed
    bool strict_transport_security = false;      ///< served over https: browsers must stay on it
};

/// Accepts connections and runs one coroutine per connection, each on its own strand.
class http_server {
public:
    http_server(asio::io_context& ioc, router const& routes, logger& log, metrics& stats,
                server_limits limits, client_policy clients);
    ~http_server();

    /// Binds and listens; throws std::runtime_error naming the address when that fails.
    void listen(std::string const& host, unsigned short port);
    [[nodiscard]] unsigned short port() const;

    /// Starts the accept loop on the io_context.
    void start();

    /// Graceful stop: no new connections, idle ones closed, in-flight requests finish.
    /// `done` runs (on the io_context) once every connection is gone or the deadline passed.
    void shutdown(std::chrono::milliseconds deadline, std::function<void()> done);

    [[nodiscard]] std::size_t open_connections() const { return open_.load(); }

    // Used by the connection coroutines.
    [[nodiscard]] server_limits const& limits() const { return limits_; }

    [[nodiscard]] router const& routes() const { return routes_; }

    [[nodiscard]] logger& log() const { return log_; }

    [[nodiscard]] metrics& stats() const { return stats_; }

    [[nodiscard]] bool draining() const { return draining_.load(); }

    [[nodiscard]] client_policy const& clients() const { return clients_; }

    [[nodiscard]] std::string next_request_id();

private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> session(std::shared_ptr<connection> conn);
    asio::awaitable<void> refuse(asio::ip::tcp::socket socket, std::string_view why);
    /// Takes a slot for a new connection from `conn->peer_key`; false when the server or
    /// that address is at its cap.
    bool admit(std::shared_ptr<connection> const& conn);
    asio::awaitable<void> wait_for_drain(std::chrono::milliseconds deadline,
                                         std::function<void()> done);
    void forget(connection const& conn);

    asio::io_context& ioc_;
    asio::ip::tcp::acceptor acceptor_;
    router const& routes_;
    logger& log_;
    metrics& stats_;
    server_limits limits_;
    client_policy clients_;
    std::string id_prefix_;
    std::atomic<std::uint64_t> next_id_{0};
    std::atomic<std::uint64_t> next_request_{0};
    std::atomic<std::size_t> open_{0};
    std::atomic<bool> draining_{false};
    mutable std::mutex connections_mutex_;
    std::unordered_map<std::uint64_t, std::weak_ptr<connection>> connections_;
    std::unordered_map<std::string, std::size_t> per_address_;  ///< open connections by peer_key
};

}  // namespace samverkan::server
