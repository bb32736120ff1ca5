#pragma once

#include "server/http_message.hpp"

#include <boost/asio/ip/address.hpp>

#include <any>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::server {

using string_pairs = std::vector<std::pair<std::string, std::string>>;

/// One HTTP request as a handler sees it: the message plus what the server worked out.
struct request {
    http_request message;
    std::string path;          ///< percent-decoded path, without the query
    string_pairs path_params;  ///< filled by the router from `{name}` segments
    string_pairs query;        ///< decoded query parameters, in order
    std::string request_id;    ///< also sent back as X-Request-Id
    /// The client: the peer, or whom trusted proxies name in X-Forwarded-For (server/
    /// ip_address.hpp), normalised: IPv4 dotted, IPv6 as its /64. Every limit and the audit
    /// log use this form.
    std::string client_address;
    asio::ip::address client_ip;  ///< the same client unabridged, for matching address ranges
    std::string route_pattern;    ///< e.g. "/api/v1/events/{id}"; "unmatched" when none
    std::any identity;            ///< set by a route guard; the server never looks inside

    [[nodiscard]] std::optional<std::string_view> path_param(std::string_view name) const;
    [[nodiscard]] std::optional<std::string_view> query_param(std::string_view name) const;
    [[nodiscard]] std::optional<std::string_view> cookie(std::string_view name) const;
    [[nodiscard]] std::string_view header(std::string_view name) const;
    [[nodiscard]] std::string_view content_type() const;  ///< media type, without parameters
};

/// Path parameter as a positive id; anything else is "not found" (404), like an unknown id.
[[nodiscard]] long long path_id(request const& req, std::string_view name);

}  // namespace samverkan::server
