#pragma once

#include "server/http_message.hpp"

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
    std::string path;            ///< percent-decoded path, without the query
    string_pairs path_params;    ///< filled by the router from `{name}` segments
    string_pairs query;          ///< decoded query parameters, in order
    std::string request_id;      ///< also sent back as X-Request-Id
    std::string client_address;  ///< peer address, or X-Forwarded-For from a trusted proxy
    std::string route_pattern;   ///< e.g. "/api/v1/events/{id}"; "unmatched" when none
    std::any identity;           ///< set by a route guard; the server never looks inside

    [[nodiscard]] std::optional<std::string_view> path_param(std::string_view name) const;
    [[nodiscard]] std::optional<std::string_view> query_param(std::string_view name) const;
    [[nodiscard]] std::optional<std::string_view> cookie(std::string_view name) const;
    [[nodiscard]] std::string_view header(std::string_view name) const;
    [[nodiscard]] std::string_view content_type() const;  ///< media type, without parameters
};

/// Path parameter as a positive id; anything else is "not found" (404), like an unknown id.
[[nodiscard]] long long path_id(request const& req, std::string_view name);

}  // namespace samverkan::server
