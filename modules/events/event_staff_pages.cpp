// Staff pages for events (Swedish, no JavaScript): the list, a new event, editing,
// publishing, cancelling and copying. Every form posts with the session's CSRF token and is
// answered by a redirect (303) or by the same form again with the errors.
#include "modules/events/event_staff_pages.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_input.hpp"
#include "modules/events/event_routes.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace samverkan::events {

using server::api_error;
using server::error_kind;

namespace {

using handler_result = asio::awaitable<server::response>;

struct deps {
    event_service& events;
    core::page_renderer const& pages;
};

server::response page(deps const& d, unsigned status, std::string_view name,
                      boost::json::object const& data) {
    auto res = server::html_response(status, d.pages.render_page(name, data));
    res.set(http::field::cache_control, "no-store");
    return res;
}

std::string local(std::optional<long long> t) {
    return t ? core::to_local_datetime(core::from_epoch(*t)) : std::string{};
}

// Staff pages speak Swedish (their users do); texts still come from the catalogue.
core::wording swedish(deps const& d) {
    return d.pages.words(core::language::sv);
}

boost::json::object text_field(std::string const& name, char const* label, std::string value,
                               server::field_errors const& errors, core::wording const& w,
                               char const* type = "text", bool required = false,
                               std::string hint = {}) {
    auto const it = errors.find(name);
    std::string described = hint.empty() ? "" : "f-" + name + "-hint";
    if (it != errors.end())
        described += std::string{described.empty() ? "" : " "} + "f-" + name + "-error";
    return boost::json::object{{"id", "f-" + name},
                               {"name", name},
                               {"label", label},
                               {"value", std::move(value)},
                               {"type", type},
                               {"required", required},
                               {"has_hint", !hint.empty()},
                               {"hint", hint},
                               {"has_autocomplete", false},
                               {"autocomplete", ""},
                               {"has_error", it != errors.end()},
                               {"error", it != errors.end() ? w.say(it->second) : ""},
                               {"has_describedby", !described.empty()},
                               {"describedby", described}};
}

boost::json::object form_data(server::request const& req, event const& e,
                              server::field_errors const& errors, bool creating,
                              core::wording const& w) {
    auto data = auth::staff_page_data(req, creating ? "Ny träff" : "Ändra " + e.title);
    boost::json::array kinds;
    for (auto k : event_kinds)
        kinds.push_back(boost::json::object{
            {"value", k}, {"label", kind_label(k, w)}, {"selected", e.kind == k}});
    boost::json::array areas;
    for (auto a : priority_area_codes)
        areas.push_back(boost::json::object{
            {"value", a},
            {"id", "f-priority_areas-" + std::string{a}},
            {"label", w("event.area." + std::string{a})},
            {"checked", std::find(e.priority_areas.begin(), e.priority_areas.end(), a) !=
                            e.priority_areas.end()}});
    boost::json::array summary;
    for (auto const& [field, message] : errors)
        summary.push_back(
            boost::json::object{{"href", "#f-" + field}, {"message", w.say(message)}});
    data["creating"] = creating;
    data["action"] =
        creating ? "/staff/events/new" : "/staff/events/" + std::to_string(e.id) + "/edit";
    data["kinds"] = std::move(kinds);
    data["areas"] = std::move(areas);
    data["summary"] =
        boost::json::object{{"title", "Träffen är inte sparad än"}, {"has_errors", !errors.empty()},
                            {"has_items", !errors.empty()},         {"items", std::move(summary)},
                            {"has_general_error", false},           {"general_error", ""}};
    data["f_title"] = text_field("title", "Rubrik", e.title, errors, w, "text", true);
    data["f_theme"] = text_field("theme", "Tema", e.theme, errors, w);
    data["description"] = e.description;
    data["f_venue"] = text_field("venue", "Plats", e.venue, errors, w);
    data["f_address"] = text_field("address", "Adress", e.address, errors, w);
    data["f_starts_at"] = text_field("starts_at", "Börjar",
                                     local(e.starts_at ? std::optional{e.starts_at} : std::nullopt),
                                     errors, w, "datetime-local", true);
    data["f_ends_at"] =
        text_field("ends_at", "Slutar", local(e.ends_at ? std::optional{e.ends_at} : std::nullopt),
                   errors, w, "datetime-local", true);
    data["f_registration_opens_at"] = text_field(
        "registration_opens_at", "Anmälan öppnar", local(e.registration_opens_at), errors, w,
        "datetime-local", false, "Tomt: anmälan är öppen direkt när träffen publiceras.");
    data["f_registration_closes_at"] =
        text_field("registration_closes_at", "Sista anmälningsdag", local(e.registration_closes_at),
                   errors, w, "datetime-local", false, "Tomt: anmälan stänger när träffen börjar.");
    data["f_capacity"] =
        text_field("capacity", "Antal platser", e.capacity > 0 ? std::to_string(e.capacity) : "",
                   errors, w, "number", true);
    data["f_max_per_organisation"] =
        text_field("max_per_organisation", "Högst antal deltagare per organisation",
                   e.max_per_organisation ? std::to_string(*e.max_per_organisation) : "", errors, w,
                   "number", false, "Tomt: ingen gräns.");
    data["waitlist"] = e.waitlist;
    data["food"] = e.food;
    return data;
}

boost::json::object list_data(server::request const& req, std::vector<event> const& items,
                              core::wording const& w) {
    auto data = auth::staff_page_data(req, "Träffar");
    auto const now = event_service::now();
    boost::json::array rows;
    for (auto const& e : items) {
        auto v = event_view(e, w);
        v["status_label"] = e.status == "draft"       ? "Utkast"
                            : e.status == "cancelled" ? "Inställd"
                            : e.ends_at <= now        ? "Genomförd"
                                                      : "Publicerad";
        v["confirmed"] = e.confirmed_count;
        v["waiting"] = e.waitlisted_count;
        rows.push_back(std::move(v));
    }
    data["has_events"] = !rows.empty();
    data["events"] = std::move(rows);
    return data;
}

handler_result save(deps d, server::request& req, std::optional<long long> id) {
    auto const form = core::form_input::from_request(req);
    event e;
    server::field_errors errors;
    if (id) e = co_await d.events.get(*id);
    apply_event_form(form, e, errors);
    check_event(e, errors, "sv");  // every problem at once, not only the form's own
    if (errors.empty()) {
        try {
            auto const who = core::actor_of(req);
            std::string const language = "sv";
            event saved;
            if (id) {
                event const changed = e;
                saved = co_await d.events.update(
                    *id,
                    [&changed](event& target, server::field_errors&) {
                        auto const keep_status = target.status;
                        target = changed;
                        target.status = keep_status;
                    },
                    who, language);
            } else {
                saved = co_await d.events.create(e, who);
            }
            co_return server::redirect_response("/staff/events/" + std::to_string(saved.id));
        } catch (api_error const& error) {
            if (error.kind() != error_kind::validation_failed &&
                error.kind() != error_kind::conflict)
                throw;
            errors = error.fields();
            if (errors.empty()) errors.emplace("capacity", error.text());
        }
    }
    co_return page(d, 422, "staff_event_form", form_data(req, e, errors, !id, swedish(d)));
}

handler_result action(deps d, server::request& req, std::string_view what) {
    auto const id = server::path_id(req, "id");
    auto const who = core::actor_of(req);
    if (what == "publish") {
        (void)co_await d.events.publish(id, who);
    } else if (what == "copy") {
        std::optional<long long> const same_weekday;
        auto copy = co_await d.events.copy(id, same_weekday, who);
        co_return server::redirect_response("/staff/events/" + std::to_string(copy.id) + "/edit");
    } else {
        auto const form = core::form_input::from_request(req);
        std::string reason = form.value("reason");
        (void)co_await d.events.cancel(id, std::move(reason), who);
    }
    co_return server::redirect_response("/staff/events/" + std::to_string(id));
}

}  // namespace

void register_event_staff_pages(server::router& routes, event_service& events,
                                auth::auth_service& auth, core::page_renderer const& pages) {
    deps const d{events, pages};
    auto const steering = auth::require(auth, auth::role::steering);
    auto const organiser = auth::require(auth, auth::role::organiser);
    routes.add(
        http::verb::get, "/staff/events",
        [d](server::request& req) -> handler_result {
            event_filter all;
            all.include_all = true;
            auto items = co_await d.events.list_all(all);
            co_return page(d, 200, "staff_events", list_data(req, items, swedish(d)));
        },
        steering);
    routes.add(
        http::verb::get, "/staff/events/new",
        [d](server::request& req) -> handler_result {
            event e;
            e.kind = "theme_meeting";
            co_return page(d, 200, "staff_event_form", form_data(req, e, {}, true, swedish(d)));
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/events/new",
        [d](server::request& req) -> handler_result { return save(d, req, std::nullopt); },
        organiser);
    routes.add(
        http::verb::get, "/staff/events/{id}/edit",
        [d](server::request& req) -> handler_result {
            auto e = co_await d.events.get(server::path_id(req, "id"));
            co_return page(d, 200, "staff_event_form", form_data(req, e, {}, false, swedish(d)));
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/edit",
        [d](server::request& req) -> handler_result {
            return save(d, req, server::path_id(req, "id"));
        },
        organiser);
    for (auto const* what : {"publish", "copy", "cancel"})
        routes.add(
            http::verb::post, std::string{"/staff/events/{id}/"} + what,
            [d, what](server::request& req) -> handler_result { return action(d, req, what); },
            organiser);
}

}  // namespace samverkan::events
