#include "modules/organisations/organisation_pages.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/text.hpp"
#include "modules/organisations/organisation_import.hpp"
#include "modules/organisations/organisation_input.hpp"
#include "modules/organisations/organisation_service.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <optional>

namespace samverkan::organisations {

using server::api_error;
namespace json = boost::json;

namespace {

constexpr int blank_contact_rows = 2;

struct page_deps {
    organisation_service* service;
    core::page_renderer const* pages;

    // Staff pages speak Swedish (their users do); texts still come from the catalogue.
    [[nodiscard]] core::wording words() const { return pages->words(core::language::sv); }
};

std::string kind_label(std::string_view kind, core::wording const& w) {
    auto const& k = kinds();
    auto const known = std::find(k.begin(), k.end(), kind) != k.end();
    return w("register.kind." + std::string{known ? kind : "association"});
}

/// The form of `o`, its contact rows followed by `blank_rows` empty ones. Row i (from 0)
/// posts "contacts[i].name|email|phone", as the API's paths; its inputs' ids count from 1.
json::object form_data(organisation const& o, core::wording const& w,
                       int blank_rows = blank_contact_rows) {
    json::array kinds_list;
    for (auto const k : kinds())
        kinds_list.push_back(
            json::object{{"value", k}, {"label", kind_label(k, w)}, {"selected", k == o.kind}});
    json::array contacts;
    for (auto const& c : o.contacts)
        contacts.push_back(json::object{{"name", c.name}, {"email", c.email}, {"phone", c.phone}});
    for (int i = 0; i < blank_rows; ++i)
        contacts.push_back(json::object{{"name", ""}, {"email", ""}, {"phone", ""}});
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        contacts[i].as_object()["i"] = i;
        contacts[i].as_object()["n"] = i + 1;
    }
    return {{"id", o.id},
            {"name", o.name},
            {"org_number", o.org_number},
            {"kinds", std::move(kinds_list)},
            {"urban", o.area == "urban"},
            {"rural", o.area == "rural"},
            {"locality", o.locality},
            {"agreement_joined_on", o.agreement_joined_on},
            {"contacts", std::move(contacts)},
            {"action", o.id == 0 ? std::string{"/staff/organisations/new"}
                                 : "/staff/organisations/" + std::to_string(o.id)}};
}

/// The contact rows as the form sent them, blank ones too: shown again, each error's row
/// number still names its row.
std::vector<contact> rows_sent(core::form_input const& form) {
    server::field_errors unused;
    core::field_reader in{form, unused};
    std::vector<contact> rows;
    for (std::size_t i = 0, n = in.count("contacts"); i < n; ++i) {
        auto row = in.entry("contacts", i);
        rows.push_back({0, row.raw("name"), row.raw("email"), row.raw("phone")});
    }
    return rows;
}

/// The id of the input a problem's path names: "contacts[1].email" is the second row's
/// "contact_email_2"; a problem of the whole list points at the first row.
std::string input_id(std::string const& path) {
    if (!path.starts_with("contacts")) return path;
    std::size_t row = 0;
    std::string part = "name";
    if (auto const close = path.find(']'); path.starts_with("contacts[") && close != path.npos) {
        row = static_cast<std::size_t>(core::whole_number(path.substr(9, close - 9)).value_or(0));
        if (close + 2 < path.size()) part = path.substr(close + 2);
    }
    return "contact_" + part + "_" + std::to_string(row + 1);
}

server::response render(page_deps d, server::request const& req, unsigned status, char const* page,
                        char const* title, json::object extra) {
    auto data = auth::staff_page_data(req, d.words()(title));
    for (auto& [key, value] : extra) data[key] = value;
    auto res = server::html_response(status, d.pages->render_page(page, data));
    res.set(http::field::cache_control, "no-store");
    return res;
}

json::object with_errors(organisation const& o, server::field_errors const& errors,
                         core::wording const& w) {
    auto data = form_data(o, w, 0);
    json::array list;
    for (auto const& [field, message] : errors)
        list.push_back(json::object{{"field", input_id(field)}, {"message", w.say(message)}});
    data["errors"] = std::move(list);
    data["has_errors"] = !errors.empty();
    return data;
}

asio::awaitable<server::response> list_page(page_deps d, server::request& req) {
    organisation_filter f;
    f.query = std::string{req.query_param("q").value_or("")};
    if (!core::clean_text(f.query, false) || f.query.size() > 200) f.query.clear();
    auto const found = co_await d.service->list(f);
    json::array rows;
    for (auto const& o : found)
        rows.push_back(json::object{{"id", o.id},
                                    {"name", o.name},
                                    {"org_number", o.org_number},
                                    {"kind", kind_label(o.kind, d.words())},
                                    {"locality", o.locality},
                                    {"member", !o.agreement_joined_on.empty()},
                                    {"contacts", o.contacts.size()}});
    co_return render(d, req, 200, "organisations", "register.list.title",
                     {{"organisations", std::move(rows)},
                      {"q", f.query},
                      {"has_organisations", !found.empty()},
                      {"count", found.size()}});
}

// Saves the posted form (create when id is 0); the form again with errors when refused.
asio::awaitable<server::response> save(page_deps d, server::request& req, long long id) {
    auto const form = core::form_input::from_request(req);
    server::field_errors errors;
    core::field_reader in{form, errors};
    auto o = read_organisation(in);
    o.id = id;
    std::optional<api_error> refused;
    long long saved = 0;
    if (errors.empty()) {
        try {
            actor const who{auth::current_user(req).user_id, req.client_address};
            organisation_patch patch{o.name,     o.org_number,          o.kind,    o.area,
                                     o.locality, o.agreement_joined_on, o.contacts};
            saved = id == 0 ? (co_await d.service->create(o, who)).id
                            : (co_await d.service->update(id, std::move(patch), who)).id;
        } catch (api_error const& e) {
            if (e.kind() == server::error_kind::not_found) throw;
            refused = e;
        }
    }
    // The service says which field is taken; the page shows its message at that field.
    if (refused) {
        auto const field = refused->fields().contains("org_number") ? "org_number" : "name";
        errors[field] = refused->text();
    }
    if (!errors.empty()) {
        o.contacts = rows_sent(form);
        co_return render(d, req, 422, "organisation_form", "register.form.title",
                         with_errors(o, errors, d.words()));
    }
    co_return server::redirect_response("/staff/organisations/" + std::to_string(saved) +
                                        "?saved=1");
}

asio::awaitable<server::response> import_post(page_deps d, server::request& req) {
    auto const form = core::form_input::from_request(req);
    auto text = form.value("csv");
    actor const who{auth::current_user(req).user_id, req.client_address};
    std::optional<api_error> refused;
    import_result r;
    try {
        r = co_await d.service->import_csv(std::move(text), who);
    } catch (api_error const& e) {
        refused = e;
    }
    auto const w = d.words();
    if (refused)
        co_return render(d, req, 422, "organisations_import", "register.import.title",
                         {{"page_error", w.say(refused->text())}});
    json::array rejected;
    for (auto const& x : r.rejected)
        rejected.push_back(json::object{{"line", x.line}, {"error", rejection_text(x, w)}});
    co_return render(d, req, 200, "organisations_import", "register.import.title",
                     {{"done", true},
                      {"created", r.created},
                      {"updated", r.updated},
                      {"unchanged", r.unchanged},
                      {"rejected", std::move(rejected)},
                      {"has_rejected", !r.rejected.empty()}});
}

}  // namespace

void register_organisation_pages(server::router& routes, organisation_service& service,
                                 auth::auth_service& auth, core::page_renderer const& pages) {
    page_deps const d{&service, &pages};
    auto const organiser = auth::require(auth, auth::role::organiser);
    using result = asio::awaitable<server::response>;
    routes.add(
        http::verb::get, "/staff/organisations",
        [d](server::request& req) -> result { return list_page(d, req); }, organiser);
    routes.add(
        http::verb::get, "/staff/organisations/new",
        [d](server::request& req) -> result {
            co_return render(d, req, 200, "organisation_form", "register.form.title_new",
                             form_data(organisation{}, d.words()));
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/organisations/new",
        [d](server::request& req) -> result { return save(d, req, 0); }, organiser);
    routes.add(
        http::verb::get, "/staff/organisations/import",
        [d](server::request& req) -> result {
            co_return render(d, req, 200, "organisations_import", "register.import.title", {});
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/organisations/import",
        [d](server::request& req) -> result { return import_post(d, req); }, organiser);
    routes.add(
        http::verb::get, "/staff/organisations/{id}",
        [d](server::request& req) -> result {
            auto const o = co_await d.service->get(server::path_id(req, "id"));
            auto data = form_data(o, d.words());
            data["saved"] = req.query_param("saved").has_value();
            co_return render(d, req, 200, "organisation_form", "register.form.title",
                             std::move(data));
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/organisations/{id}",
        [d](server::request& req) -> result { return save(d, req, server::path_id(req, "id")); },
        organiser);
}

}  // namespace samverkan::organisations
