#pragma once

// The cross-site request rule for pages: a form post that changes something is taken only
// from this site's own pages (Origin or Sec-Fetch-Site), never from another site's.
#include "server/request.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::server {

/// "https://Example.org:443/samverkan" → "https://example.org": scheme, host and port as a
/// browser writes them in an Origin header (default ports left out). "" when `url` is not an
/// absolute http(s) URL.
[[nodiscard]] std::string origin_of(std::string_view url);

/// For an unsafe method (anything but GET, HEAD, OPTIONS) outside /api/: a browser that sends
/// `Origin` must send one of ours, and `Sec-Fetch-Site: cross-site` is refused. `Origin: null`
/// passes only with `Sec-Fetch-Site: same-origin` (a form on a no-referrer page of ours). A client
/// that sends neither is not a browser and passes (a forged cross-site request needs a victim's
/// browser, and every current browser sends Origin with a form POST). The API needs no such
/// check: its bodies are JSON, which no cross-site form can send without CORS, which it has not.
class origin_check {
public:
    /// `origins` as origin_of gives them; `origin_of(base-url)` at least.
    explicit origin_check(std::vector<std::string> origins) : origins_(std::move(origins)) {}

    /// Throws api_error forbidden (reason "cross_site") when the request breaks the rule.
    void enforce(request const& req) const;

    [[nodiscard]] std::vector<std::string> const& origins() const { return origins_; }

private:
    std::vector<std::string> origins_;
};

}  // namespace samverkan::server
