#pragma once

#include "server/router.hpp"

namespace samverkan::core {

class page_renderer;

/// How errors look on pages: 401 sends the person to /login?next=<the page>, every other
/// error is a short Swedish HTML page with the status, the message and the request id.
[[nodiscard]] server::page_error_renderer html_error_pages(page_renderer const& pages);

}  // namespace samverkan::core
