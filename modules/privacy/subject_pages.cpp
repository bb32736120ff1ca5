// The admin's page for a data subject's rights (GDPR articles 15 and 17): find everything
// held about an address, download it as JSON, and erase it after a confirmation that says
// what will happen. Addresses travel in form bodies (POST), never in a URL, so they reach no
// proxy's access log. Swedish, as every staff page; the texts are the catalogue's.
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/staff.hpp"
#include "modules/privacy/privacy_routes.hpp"
#include "modules/privacy/privacy_service.hpp"
#include "modules/privacy/subject_view.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

namespace samverkan::privacy {

namespace {

using handler_result = asio::awaitable<server::response>;
using server::api_error;
namespace json = boost::json;

struct page_deps {
    privacy_service& service;
    core::page_renderer const& pages;
};

core::wording words(page_deps const& d) {
    return d.pages.words(core::language::sv);
}

// The router sends every staff page with Cache-Control: no-store.
server::response page(page_deps const& d, server::request const& req, unsigned status,
                      std::string_view name, json::object data) {
    auto base = core::staff_page_data(req, words(d)("subjects.title"));
    for (auto& [key, value] : data) base[key] = std::move(value);
    return server::html_response(status, d.pages.render_page(name, base));
}

std::string email_of(server::request const& req) {
    return core::form_input::from_request(req).value("email");
}

// The search form again, saying what is wrong with the address.
server::response refused(page_deps const& d, server::request const& req, std::string email) {
    return page(d, req, 422, "admin_subjects",
                {{"email", std::move(email)}, {"email_error", words(d)("privacy.email_invalid")}});
}

handler_result search_form(page_deps d, server::request& req) {
    co_return page(d, req, 200, "admin_subjects", {});
}

handler_result search(page_deps d, server::request& req) {
    auto email = email_of(req);
    if (!subject_address(email)) co_return refused(d, req, std::move(email));
    auto const found = co_await d.service.subject(email, core::actor_of(req));
    co_return page(d, req, 200, "admin_subjects",
                   {{"email", email}, {"result", subject_view(found, words(d))}});
}

handler_result download(page_deps d, server::request& req) {
    auto email = email_of(req);
    if (!subject_address(email)) co_return refused(d, req, std::move(email));
    auto const found = co_await d.service.subject(email, core::actor_of(req), "subject.export");
    auto res = server::json_response(200, found);
    res.set(http::field::content_disposition, "attachment; filename=\"personuppgifter.json\"");
    co_return res;
}

handler_result confirm(page_deps d, server::request& req) {
    auto email = email_of(req);
    if (!subject_address(email)) co_return refused(d, req, std::move(email));
    auto const found = co_await d.service.subject(email, core::actor_of(req));
    auto const w = words(d);
    auto const summary = counts_in_words(counts_of(found), w);
    co_return page(d, req, 200, "admin_subjects_confirm",
                   {{"email", email},
                    {"lead", w("subjects.confirm.lead", {{"email", email}, {"what", summary}})}});
}

handler_result erase(page_deps d, server::request& req) {
    auto email = email_of(req);
    if (!subject_address(email)) co_return refused(d, req, std::move(email));
    auto const erased = co_await d.service.erase(email, core::actor_of(req));
    auto const w = words(d);
    co_return page(
        d, req, 200, "admin_subjects",
        {{"notice", w("subjects.done", {{"email", email}, {"what", counts_in_words(erased, w)}})}});
}

}  // namespace

void register_subject_pages(server::router& routes, privacy_service& service,
                            server::access const& admin, core::page_renderer const& pages) {
    page_deps const d{service, pages};
    routes.add(
        http::verb::get, "/admin/subjects",
        [d](server::request& req) { return search_form(d, req); }, admin);
    routes.add(
        http::verb::post, "/admin/subjects", [d](server::request& req) { return search(d, req); },
        admin);
    routes.add(
        http::verb::post, "/admin/subjects/export",
        [d](server::request& req) { return download(d, req); }, admin);
    routes.add(
        http::verb::post, "/admin/subjects/confirm",
        [d](server::request& req) { return confirm(d, req); }, admin);
    routes.add(
        http::verb::post, "/admin/subjects/erase",
        [d](server::request& req) { return erase(d, req); }, admin);
}

}  // namespace samverkan::privacy
