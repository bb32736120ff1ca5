#pragma once

#include "server/message.hpp"
#include "server/origin_check.hpp"
#include "server/request.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::server {

class api_error;
class logger;

using handler = std::function<asio::awaitable<response>(request&)>;

/// Runs before the handler and may throw (401, 403, 429 …); it can also put who the caller
/// is into `request::identity`. Modules supply guards; the server does not know roles.
using guard = std::function<asio::awaitable<void>(request&)>;

/// Turns an error for a browser (Accept: text/html, any path outside /api/) into what a person
/// should see: an HTML page, or a redirect to the login page for 401. nullopt keeps JSON.
using page_error_renderer =
    std::function<std::optional<response>(request const& req, api_error const& error)>;

/// Who may call a route: a label for the route table (and its tests) plus the guard that
/// enforces it. The default is public. `no_store`: its answers hold personal data or
/// secrets, so the router sends every one of them (errors too) with Cache-Control: no-store,
/// whatever the handler set.
struct access {
    std::string label = "public";
    guard check;
    bool no_store = false;
};

/// Method + path pattern → handler. Patterns are literal segments and `{name}` parameters;
/// a parameter may carry a literal suffix (`{id}.ics`) and the last one may take the rest of
/// the path (`{path...}`). The table is filled once by `main` and read-only afterwards.
class router {
public:
    struct segment {
        std::string literal;  ///< literal text, or the suffix after a parameter
        std::string param;    ///< parameter name; empty for a literal segment
        bool rest = false;    ///< `{name...}`: matches all remaining segments
    };

    struct route {
        http::verb method;
        std::string pattern;
        std::vector<segment> segments;
        handler run;
        server::access access;
    };

    explicit router(logger& log) : log_(&log) {}

    /// Adds a route; throws std::invalid_argument for a malformed or duplicate pattern.
    void add(http::verb method, std::string pattern, handler run, server::access access = {});

    /// Finds the route, runs its guard and handler, and turns every error into API.md's JSON
    /// error response: this is the one place where exceptions become HTTP.
    asio::awaitable<response> dispatch(request& req) const;

    [[nodiscard]] std::vector<route> const& routes() const { return routes_; }

    /// Set once by main, before the server starts.
    void set_page_error_renderer(page_error_renderer render) { page_errors_ = std::move(render); }

    /// The cross-site rule for unsafe requests outside /api/, checked before any guard;
    /// set once by main, before the server starts (none: every origin passes).
    void set_origin_check(origin_check check) { origin_check_ = std::move(check); }

    /// Set once by main: how error messages are put into words (the API answers in English).
    void set_translator(translator translate) { translate_ = std::move(translate); }

    [[nodiscard]] translator const& translate() const { return translate_; }

private:
    route const* match(request& req, std::string& allowed) const;

    std::vector<route> routes_;
    logger* log_;
    page_error_renderer page_errors_;
    std::optional<origin_check> origin_check_;
    translator translate_;
};

}  // namespace samverkan::server
