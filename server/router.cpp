#include "server/router.hpp"

#include "server/api_error.hpp"
#include "server/logger.hpp"
#include "server/response.hpp"

#include <boost/json/object.hpp>

#include <exception>
#include <optional>
#include <stdexcept>

namespace samverkan::server {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (!path.empty()) {
        auto const slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
        if (path.empty()) parts.emplace_back();  // a trailing slash is a segment of its own
    }
    return parts;
}

router::segment parse_segment(std::string_view text, std::string const& pattern) {
    router::segment seg;
    if (text.empty() || text.front() != '{') {
        seg.literal = text;
        return seg;
    }
    auto const close = text.find('}');
    if (close == std::string_view::npos || close == 1)
        throw std::invalid_argument("bad route pattern: " + pattern);
    auto name = text.substr(1, close - 1);
    if (name.ends_with("...")) {
        seg.rest = true;
        name.remove_suffix(3);
    }
    seg.param = name;
    seg.literal = text.substr(close + 1);
    return seg;
}

// Matches one route's segments against the path, filling `params` on success.
bool matches(std::vector<router::segment> const& segments,
             std::vector<std::string_view> const& parts, string_pairs& params) {
    params.clear();
    std::size_t i = 0;
    for (; i < segments.size(); ++i) {
        auto const& seg = segments[i];
        if (seg.rest) {
            if (i >= parts.size()) return false;
            std::string rest;
            for (std::size_t j = i; j < parts.size(); ++j)
                rest.append(j > i ? "/" : "").append(parts[j]);
            // Like a `{name}` segment, the rest is never empty: "/static/" names no file.
            if (rest.empty()) return false;
            params.emplace_back(seg.param, std::move(rest));
            return true;
        }
        if (i >= parts.size()) return false;
        auto const part = parts[i];
        if (seg.param.empty()) {
            if (part != seg.literal) return false;
            continue;
        }
        if (part.size() <= seg.literal.size() || !part.ends_with(seg.literal)) return false;
        params.emplace_back(seg.param,
                            std::string{part.substr(0, part.size() - seg.literal.size())});
    }
    return i == parts.size();
}

// HEAD is answered by the GET route; the session drops the body.
bool method_fits(http::verb route_method, http::verb asked) {
    return route_method == asked || (asked == http::verb::head && route_method == http::verb::get);
}

}  // namespace

void router::add(http::verb method, std::string pattern, handler run, server::access access) {
    if (pattern.empty() || pattern.front() != '/')
        throw std::invalid_argument("route pattern must start with '/': " + pattern);
    for (auto const& existing : routes_)
        if (existing.method == method && existing.pattern == pattern)
            throw std::invalid_argument("duplicate route: " + pattern);
    std::vector<segment> segments;
    for (auto const part : split_path(pattern)) segments.push_back(parse_segment(part, pattern));
    routes_.push_back(
        route{method, std::move(pattern), std::move(segments), std::move(run), std::move(access)});
}

router::route const* router::match(request& req, std::string& allowed) const {
    auto const parts = split_path(req.path);
    string_pairs params;
    for (auto const& candidate : routes_) {
        if (!matches(candidate.segments, parts, params)) continue;
        if (method_fits(candidate.method, req.message.method())) {
            req.path_params = std::move(params);
            req.route_pattern = candidate.pattern;
            return &candidate;
        }
        auto const name = http::to_string(candidate.method);
        if (allowed.find(name) == std::string::npos)
            allowed.append(allowed.empty() ? "" : ", ").append(name);
    }
    return nullptr;
}

asio::awaitable<response> router::dispatch(request& req) const {
    // Errors are caught into `failure` and answered after the catch blocks: C++20 allows no
    // co_await inside a handler block.
    std::optional<api_error> failure;
    route const* found = nullptr;
    try {
        std::string allowed;
        found = match(req, allowed);
        if (found == nullptr) {
            req.route_pattern = "unmatched";
            if (allowed.empty())
                throw api_error(error_kind::not_found, "No such page or resource.");
            if (allowed.find("GET") != std::string::npos) allowed += ", HEAD";
            throw api_error(error_kind::method_not_allowed, "This method is not allowed here.")
                .with_header("Allow", allowed);
        }
        if (origin_check_) origin_check_->enforce(req);
        if (found->access.check) co_await found->access.check(req);
        auto res = co_await found->run(req);
        if (found->access.no_store) res.set(http::field::cache_control, "no-store");
        co_return res;
    } catch (api_error const& e) {
        failure = e;
    } catch (std::exception const& e) {
        failure = api_error(error_kind::internal, "Something went wrong on our side.")
                      .with_log_detail(e.what());
    } catch (...) {
        failure = api_error(error_kind::internal, "Something went wrong on our side.")
                      .with_log_detail("unknown exception");
    }
    if (failure->kind() == error_kind::internal || !failure->log_detail().empty()) {
        log_->error("request failed", {{"request_id", req.request_id},
                                       {"route", req.route_pattern},
                                       {"status", to_status(failure->kind())},
                                       {"cause", failure->log_detail()}});
    }
    // People get pages, programs get JSON: a browser asks for text/html, and /api/ is only
    // ever for programs.
    std::optional<response> answer;
    if (page_errors_ && !req.path.starts_with("/api/") &&
        req.header("Accept").find("text/html") != std::string_view::npos)
        answer = page_errors_(req, *failure);
    if (!answer) answer = error_response(*failure, req.request_id, translate_);
    if (found != nullptr && found->access.no_store)
        answer->set(http::field::cache_control, "no-store");
    co_return std::move(*answer);
}

}  // namespace samverkan::server
