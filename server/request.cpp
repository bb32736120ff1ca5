#include "server/request.hpp"

#include "server/api_error.hpp"

#include <charconv>

namespace samverkan::server {

namespace {

std::optional<std::string_view> find_value(string_pairs const& pairs, std::string_view name) {
    for (auto const& [key, value] : pairs)
        if (key == name) return std::string_view{value};
    return std::nullopt;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<std::string_view> request::path_param(std::string_view name) const {
    return find_value(path_params, name);
}

std::optional<std::string_view> request::query_param(std::string_view name) const {
    return find_value(query, name);
}

std::optional<std::string_view> request::cookie(std::string_view name) const {
    // Cookie: a=1; b=2 — several Cookie headers are allowed too.
    auto [it, end] = message.equal_range(http::field::cookie);
    for (; it != end; ++it) {
        std::string_view rest{it->value().data(), it->value().size()};
        while (!rest.empty()) {
            auto const end = rest.find(';');
            auto const pair = trim(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            auto const eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name)
                return pair.substr(eq + 1);
        }
    }
    return std::nullopt;
}

std::string_view request::header(std::string_view name) const {
    auto const it = message.find(boost::beast::string_view{name.data(), name.size()});
    if (it == message.end()) return {};
    return {it->value().data(), it->value().size()};
}

std::string_view request::content_type() const {
    auto type = header("Content-Type");
    type = trim(type.substr(0, type.find(';')));
    return type;
}

long long path_id(request const& req, std::string_view name) {
    auto const text = req.path_param(name).value_or("");
    long long id = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0)
        throw api_error(error_kind::not_found, "No such resource.");
    return id;
}

}  // namespace samverkan::server
