#include "modules/core/error_pages.hpp"

#include "modules/core/page_language.hpp"
#include "modules/core/pages.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"

#include <boost/json/object.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace samverkan::core {

namespace {

// What a person should read about an error of this kind (the API's own message is for
// programs): the catalogue's heading and text.
struct error_words {
    char const* heading;
    char const* text;
};

error_words words_of(server::error_kind kind) {
    switch (kind) {
        case server::error_kind::not_found:
            return {"error.not_found.heading", "error.not_found.text"};
        case server::error_kind::forbidden:
            return {"error.forbidden.heading", "error.forbidden.text"};
        case server::error_kind::rate_limited:
            return {"error.rate_limited.heading", "error.rate_limited.text"};
        case server::error_kind::unavailable:
            return {"error.unavailable.heading", "error.unavailable.text"};
        case server::error_kind::internal:
            return {"error.internal.heading", "error.internal.text"};
        default:
            return {"error.other.heading", "error.other.text"};
    }
}

// Refusals whose kind alone would mislead: a cross-site form is no question of rights.
error_words words_of(server::api_error const& error) {
    if (error.reason() == "cross_site")
        return {"error.cross_site.heading", "error.cross_site.text"};
    return words_of(error.kind());
}

}  // namespace

server::page_error_renderer html_error_pages(page_renderer const& pages) {
    return [&pages](server::request const& req,
                    server::api_error const& error) -> std::optional<server::response> {
        auto const status = server::to_status(error.kind());
        if (error.kind() == server::error_kind::unauthenticated &&
            req.message.method() == http::verb::get) {
            auto const next = urls::encode(req.message.target(), urls::unreserved_chars);
            return server::redirect_response("/login?next=" + next);
        }
        auto const lang = page_language(req);
        auto const w = pages.words(lang);
        auto const keys = words_of(error);
        boost::json::object data{{"title", w(keys.heading)},
                                 {"heading", w(keys.heading)},
                                 {"message", w(keys.text)},
                                 {"status", status},
                                 {"request_id", req.request_id}};
        auto res = server::html_response(status, pages.render_page("error", data, lang));
        for (auto const& [name, value] : error.headers()) res.set(name, value);
        return res;
    };
}

}  // namespace samverkan::core
