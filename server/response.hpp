#pragma once

#include "server/http_message.hpp"
#include "server/message.hpp"

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>

namespace samverkan::server {

class api_error;

/// `application/json` response with the serialised body.
[[nodiscard]] response json_response(unsigned status, boost::json::value const& body);

/// `text/html; charset=utf-8` response.
[[nodiscard]] response html_response(unsigned status, std::string body);

/// Any other body with its content type.
[[nodiscard]] response text_response(unsigned status, std::string body,
                                     std::string_view content_type);

/// 303 See Other (after a form POST) or another redirect status.
[[nodiscard]] response redirect_response(std::string_view location, unsigned status = 303);

/// A response without a body (204, 304 …).
[[nodiscard]] response empty_response(unsigned status);

/// API.md's error body: {"error", "message", "fields"?, "request_id"}, its texts in
/// `language` through `translate` (as they are when there is no translator).
[[nodiscard]] response error_response(api_error const& error, std::string_view request_id,
                                      translator const& translate = {},
                                      std::string_view language = "en");

}  // namespace samverkan::server
