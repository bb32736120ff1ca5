#pragma once

// The request and response message types every handler sees.
#include "server/asio_fwd.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace samverkan::server {

using http_request = http::request<http::string_body>;
using response = http::response<http::string_body>;

}  // namespace samverkan::server
