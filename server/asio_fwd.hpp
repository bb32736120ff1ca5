#pragma once

// The namespace aliases, defined once for the whole code base.
namespace boost::asio {}

namespace boost::beast::http {}

namespace boost::json {}

namespace boost::urls {}

namespace samverkan {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace json = boost::json;
namespace urls = boost::urls;
}  // namespace samverkan
