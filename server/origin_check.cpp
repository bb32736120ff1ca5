#include "server/origin_check.hpp"

#include "server/api_error.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

namespace samverkan::server {

namespace {

std::string lower(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

bool unsafe(http::verb method) {
    return method != http::verb::get && method != http::verb::head && method != http::verb::options;
}

}  // namespace

std::string origin_of(std::string_view url) {
    auto const parsed = urls::parse_absolute_uri({url.data(), url.size()});
    if (!parsed || !parsed->has_authority() || parsed->encoded_host().empty()) return {};
    auto const scheme = lower(parsed->scheme());
    if (scheme != "http" && scheme != "https") return {};
    std::string out = scheme + "://" + lower(parsed->encoded_host());
    auto const port = std::string{parsed->port()};
    bool const default_port =
        port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
    if (!default_port) out += ":" + port;
    return out;
}

void origin_check::enforce(request const& req) const {
    if (!unsafe(req.message.method()) || req.path.starts_with("/api/")) return;
    auto const origin = req.header("Origin");
    auto const fetch_site = req.header("Sec-Fetch-Site");
    // A page sent with Referrer-Policy: no-referrer (our token pages) makes the browser
    // write "Origin: null" on its own forms; Sec-Fetch-Site, which no page can set, then
    // tells our own page from an opaque one elsewhere (a sandboxed frame).
    bool const ours = std::find(origins_.begin(), origins_.end(), origin) != origins_.end() ||
                      (origin == "null" && fetch_site == "same-origin");
    bool const foreign_origin = !origin.empty() && !ours;
    bool const cross_site = fetch_site == "cross-site";
    if (!foreign_origin && !cross_site) return;
    auto const home = origins_.empty() ? std::string{} : origins_.front();
    throw api_error(error_kind::forbidden, message::of("error.cross_site.api", {{"origin", home}}))
        .with_reason("cross_site")
        .with_log_detail("cross-site form refused (Origin '" + std::string{origin.substr(0, 100)} +
                         "', Sec-Fetch-Site '" + std::string{fetch_site.substr(0, 20)} + "')");
}

}  // namespace samverkan::server
