// The two statements every public-sector service owes its users, in Swedish and English
// (API.md "Languages"): how personal data is handled (GDPR articles 13 and 14) and the
// accessibility statement in the form DIGG asks for (lagen 2018:1937). Each statement is
// long-form text, so it is one template per language (privacy_sv, privacy_en,
// accessibility_sv, accessibility_en); the settings fill in the controller and the
// retention periods as configured.
#include "modules/core/page_language.hpp"
#include "modules/core/pages.hpp"
#include "modules/privacy/privacy_routes.hpp"
#include "modules/privacy/privacy_settings.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/object.hpp>

namespace samverkan::privacy {

namespace {

boost::json::object statement_data(privacy_settings const& s) {
    return {{"controller_name", s.controller_name},
            {"controller_contact", s.controller_contact},
            {"has_contact", !s.controller_contact.empty()},
            {"retention_days", s.retention_days},
            {"needs_days", s.needs_retention_days},
            {"outbox_days", s.outbox_retention_days}};
}

server::response statement(core::page_renderer const& pages, privacy_settings const& s,
                           server::request const& req, std::string const& name) {
    auto const lang = core::page_language(req);
    auto data = statement_data(s);
    data["title"] = pages.words(lang)("statement." + name + ".title");
    data["alternate"] = core::language_switch(req, lang);
    auto const page = name + (lang == core::language::sv ? "_sv" : "_en");
    auto res = server::html_response(200, pages.render_page(page, data, lang));
    res.set(http::field::cache_control, "no-cache");
    res.set(http::field::vary, "Accept-Language, Cookie");
    core::remember_language(res, req);
    return res;
}

}  // namespace

void register_statement_pages(server::router& routes, privacy_settings const& settings,
                              core::page_renderer const& pages) {
    for (std::string const name : {"privacy", "accessibility"})
        routes.add(
            http::verb::get, "/" + name,
            [&pages, &settings, name](server::request& req) -> asio::awaitable<server::response> {
                co_return statement(pages, settings, req, name);
            });
}

}  // namespace samverkan::privacy
