#pragma once

#include "tests/support/form_encode.hpp"

#include <boost/json/value.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace samverkan::test {

struct http_result {
    unsigned status = 0;
    std::multimap<std::string, std::string> headers;  ///< names lower-cased
    std::string body;
    bool keep_alive = false;

    /// The first value of a header ("" when absent); `name` lower-case.
    [[nodiscard]] std::string header(std::string const& name) const;
    /// The body parsed as JSON (fails the test when it is not JSON).
    [[nodiscard]] boost::json::value json() const;
};

/// A blocking HTTP/1.1 client on one keep-alive connection to 127.0.0.1:port, with a cookie
/// jar, for tests. Reconnects when the server closed the connection. `source_address` is
/// the local address it connects from: 127.0.0.2, 127.0.0.3 … are other clients to the
/// server (all of 127.0.0.0/8 is loopback on Linux).
class http_client {
public:
    /// `source_address` (e.g. "127.0.0.2"): the loopback address to connect from, so that
    /// tests can stand for several clients; empty for the kernel's choice.
    explicit http_client(unsigned short port, std::string source_address = {});
    ~http_client();
    http_client(http_client&&) noexcept;

    http_result request(std::string const& method, std::string const& target,
                        std::string const& body = {}, std::string const& content_type = {},
                        std::map<std::string, std::string> const& headers = {});

    http_result get(std::string const& target) { return request("GET", target); }

    http_result post_json(std::string const& target, boost::json::value const& body,
                          std::map<std::string, std::string> const& headers = {});
    http_result patch_json(std::string const& target, boost::json::value const& body,
                           std::map<std::string, std::string> const& headers = {});
    http_result post_form(std::string const& target,
                          std::vector<std::pair<std::string, std::string>> const& fields,
                          std::map<std::string, std::string> const& headers = {});

    /// TCP connections opened so far (1 while keep-alive holds).
    [[nodiscard]] int connections_opened() const;
    [[nodiscard]] std::map<std::string, std::string> const& cookies() const;
    void set_cookie(std::string const& name, std::string const& value);
    void clear_cookies();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// The value of an unlabelled metric on the server's /metrics page (fails the test when
/// the metric is not there).
[[nodiscard]] long long metric_value(http_client& client, std::string const& name);

/// A raw TCP connection for transport tests: send bytes, read until the peer closes.
class raw_connection {
public:
    explicit raw_connection(unsigned short port, std::string const& source_address = "127.0.0.1");
    ~raw_connection();
    void send(std::string const& bytes);
    /// Reads until the server closes or `timeout` passes; returns what arrived.
    std::string read_until_closed(std::chrono::milliseconds timeout, bool* closed = nullptr);
    /// True when the server has closed the connection: what it sent is read and dropped, and
    /// the end must show within `wait` of the last byte.
    [[nodiscard]] bool closed_by_server(std::chrono::milliseconds wait);

private:
    int fd_ = -1;
};

}  // namespace samverkan::test
