#pragma once

// A response as the bytes that go on the wire, built into one buffer the connection reuses:
// one contiguous write instead of Beast's serializer walking a buffer sequence of every
// header field (which the HTTP profile in bench/README.md showed as the largest per-request
// cost after routing).
#include "server/http_message.hpp"

#include <string>

namespace samverkan::server {

/// Writes the status line, the header fields, a Content-Length and the body of `res` into
/// `out` (cleared first, capacity kept). Content-Length is the body's size, except for a
/// response to HEAD (`head_request`), which keeps the length the handler set and sends no
/// body; 1xx, 204 and 304 carry neither.
void write_wire_format(response const& res, bool head_request, std::string& out);

}  // namespace samverkan::server
