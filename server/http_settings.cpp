#include "server/http_settings.hpp"

#include "server/settings.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/program_options/value_semantic.hpp>

#include <charconv>
#include <stdexcept>

namespace samverkan::server {

namespace {

std::vector<address_range> ranges_of(char const* setting, std::string const& text) {
    try {
        return parse_range_list(text);
    } catch (std::invalid_argument const& e) {
        throw std::runtime_error(std::string{setting} + ": " + e.what());
    }
}

}  // namespace

void add_http_settings(settings& s, http_settings& out, std::string const& default_web_dir) {
    s.options().add_options()("listen", po::value(&out.listen)->default_value(out.listen),
                              "address:port to serve HTTP on")(
        "base-url", po::value(&out.base_url), "public URL used in links (default http://<listen>)")(
        "io-threads", po::value(&out.io_threads)->default_value(out.io_threads),
        "threads serving HTTP")(
        "trusted-proxies", po::value(&out.trusted_proxies_text),
        "comma-separated addresses or CIDR ranges whose X-Forwarded-For is believed (none by "
        "default)")("metrics-allow",
                    po::value(&out.metrics_allow_text)->default_value(out.metrics_allow_text),
                    "comma-separated addresses or CIDR ranges that may read /metrics")(
        "web-dir", po::value(&out.web_dir)->default_value(default_web_dir),
        "folder with templates/ and static/")(
        "header-timeout-ms",
        po::value(&out.header_timeout_ms)->default_value(out.header_timeout_ms),
        "time allowed to send the request headers")(
        "body-timeout-ms", po::value(&out.body_timeout_ms)->default_value(out.body_timeout_ms),
        "time allowed to send the request body")(
        "idle-timeout-ms", po::value(&out.idle_timeout_ms)->default_value(out.idle_timeout_ms),
        "how long an idle keep-alive connection stays open")(
        "shutdown-timeout-ms",
        po::value(&out.shutdown_timeout_ms)->default_value(out.shutdown_timeout_ms),
        "on SIGTERM, how long in-flight requests may take to finish")(
        "max-header-bytes", po::value(&out.header_limit)->default_value(out.header_limit),
        "largest request header block (431 beyond)")(
        "max-body-bytes", po::value(&out.body_limit)->default_value(out.body_limit),
        "largest request body (413 beyond)")(
        "max-connections", po::value(&out.max_connections)->default_value(out.max_connections),
        "open connections at most; more are answered 503")(
        "max-connections-per-address",
        po::value(&out.max_connections_per_address)->default_value(out.max_connections_per_address),
        "open connections one client address (an IPv6 /64) may hold; more are answered 503; "
        "trusted proxies are exempt");
}

void http_settings::finish() {
    auto const colon = listen.rfind(':');
    unsigned value = 0;
    auto const port_text = colon == std::string::npos ? std::string{} : listen.substr(colon + 1);
    auto const [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (colon == std::string::npos || ec != std::errc{} ||
        end != port_text.data() + port_text.size() || value > 65535)
        throw std::runtime_error("listen: expected host:port, got '" + listen + "'");
    host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    boost::system::error_code bad;
    boost::asio::ip::make_address(host, bad);
    if (bad) throw std::runtime_error("listen: '" + host + "' is not an IP address");
    port = static_cast<unsigned short>(value);
    if (io_threads < 1 || io_threads > 64) throw std::runtime_error("io-threads: must be 1 to 64");
    base_url_given = !base_url.empty();
    if (!base_url_given) base_url = "http://" + listen;
    while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
    if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0)
        throw std::runtime_error("base-url: must start with http:// or https://");
    trusted_proxies = ranges_of("trusted-proxies", trusted_proxies_text);
    metrics_allow = ranges_of("metrics-allow", metrics_allow_text);
    if (header_limit < 1024) throw std::runtime_error("max-header-bytes: must be at least 1024");
    if (max_connections < 1) throw std::runtime_error("max-connections: must be at least 1");
    if (max_connections_per_address < 1)
        throw std::runtime_error("max-connections-per-address: must be at least 1");
}

server_limits http_settings::limits() const {
    server_limits l;
    l.header_timeout = std::chrono::milliseconds(header_timeout_ms);
    l.body_timeout = std::chrono::milliseconds(body_timeout_ms);
    l.idle_timeout = std::chrono::milliseconds(idle_timeout_ms);
    l.header_limit = header_limit;
    l.body_limit = body_limit;
    l.max_connections = max_connections;
    l.max_connections_per_address = max_connections_per_address;
    return l;
}

}  // namespace samverkan::server
