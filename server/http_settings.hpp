#pragma once

#include "server/http_server.hpp"
#include "server/ip_address.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace samverkan::server {

class settings;

/// The HTTP side's settings; `add_http_settings` declares them, `finish` checks them.
struct http_settings {
    std::string listen = "127.0.0.1:8080";
    std::string host;             ///< from `listen`
    unsigned short port = 0;      ///< from `listen`
    std::string base_url;         ///< public URL used in links; defaults to http://listen
    bool base_url_given = false;  ///< false: base_url was made from `listen`
    unsigned io_threads = 1;
    std::string trusted_proxies_text;
    std::vector<address_range> trusted_proxies;
    std::string metrics_allow_text = "127.0.0.0/8, ::1";
    std::vector<address_range> metrics_allow;
    std::string web_dir;  ///< templates/ and static/ live here
    unsigned header_timeout_ms = 10'000;
    unsigned body_timeout_ms = 30'000;
    unsigned idle_timeout_ms = 60'000;
    unsigned shutdown_timeout_ms = 10'000;
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1024 * 1024;
    std::size_t max_connections = 10'000;
    std::size_t max_connections_per_address = 256;

    /// Parses `listen` and the address lists and checks ranges; throws naming the setting.
    void finish();
    [[nodiscard]] server_limits limits() const;

    [[nodiscard]] bool https() const { return base_url.rfind("https://", 0) == 0; }
};

void add_http_settings(settings& s, http_settings& out, std::string const& default_web_dir);

}  // namespace samverkan::server
