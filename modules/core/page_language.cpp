#include "modules/core/page_language.hpp"

#include "modules/core/text.hpp"
#include "server/request.hpp"

#include <boost/json/object.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <charconv>

namespace samverkan::core {

namespace {

// The weight of one Accept-Language item ("en-GB;q=0.8" → 0.8), 1 without a q.
double weight_of(std::string_view item) {
    auto const q = item.find(";q=");
    if (q == std::string_view::npos) return 1.0;
    auto const text = trim(item.substr(q + 3));
    double value = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} ? value : 0.0;
}

std::optional<language> language_of_tag(std::string_view item) {
    auto const tag = lower_ascii(trim(item.substr(0, item.find(';'))));
    auto const primary = std::string_view{tag}.substr(0, tag.find('-'));
    if (primary == "sv") return language::sv;
    if (primary == "en") return language::en;
    return std::nullopt;
}

}  // namespace

std::optional<language> preferred_language(std::string_view accept_language) {
    std::optional<language> best;
    double best_weight = 0;
    while (!accept_language.empty()) {
        auto const comma = accept_language.find(',');
        auto const item = accept_language.substr(0, comma);
        accept_language = comma == std::string_view::npos ? std::string_view{}
                                                          : accept_language.substr(comma + 1);
        auto const lang = language_of_tag(item);
        auto const weight = weight_of(item);
        if (lang && weight > best_weight) {
            best = lang;
            best_weight = weight;
        }
    }
    return best;
}

language page_language(server::request const& req) {
    if (auto const chosen = language_from_code(req.query_param("lang").value_or("")))
        return *chosen;
    if (auto const kept = language_from_code(req.cookie("lang").value_or(""))) return *kept;
    return preferred_language(req.header("Accept-Language")).value_or(language::sv);
}

void remember_language(server::response& res, server::request const& req) {
    auto const chosen = language_from_code(req.query_param("lang").value_or(""));
    if (!chosen) return;
    res.set(http::field::set_cookie,
            "lang=" + std::string{code(*chosen)} + "; Path=/; Max-Age=31536000; SameSite=Lax");
}

boost::json::object language_switch(server::request const& req, language current) {
    auto const other = current == language::sv ? language::en : language::sv;
    auto const target = req.message.target();
    std::string href{target.substr(0, target.find('?'))};  // the path as the client sent it
    char separator = '?';
    for (auto const& [key, value] : req.query) {
        if (key == "lang") continue;
        href.append(1, separator)
            .append(urls::encode(key, urls::unreserved_chars))
            .append("=")
            .append(urls::encode(value, urls::unreserved_chars));
        separator = '&';
    }
    href.append(1, separator).append("lang=").append(code(other));
    return {{"href", href}, {"lang", code(other)}};
}

}  // namespace samverkan::core
