// The door's two forms: someone who came without registering (a walk-in, checked in at once,
// the organisation picked from the register by name or typed new), and the paper list
// entered after the event in one pass (one POST, one transaction, one audit row).
#include "modules/auth/auth.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/text.hpp"
#include "modules/events/event_service.hpp"
#include "modules/registrations/door_pages.hpp"
#include "modules/registrations/registration_input.hpp"
#include "modules/registrations/staff_registration_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

namespace samverkan::registrations {

namespace {

using handler_result = asio::awaitable<server::response>;
using deps = door_deps;
using server::message;

/// The form field an error path belongs to (the error summary links to it).
std::string field_id(std::string_view path) {
    if (path.starts_with("organisation")) return "f-organisation";
    if (path.ends_with(".affiliation")) return "f-affiliation";
    return "f-name";
}

boost::json::object error_summary(core::wording const& w, server::field_errors const& errors) {
    boost::json::array items;
    for (auto const& [path, m] : errors) {
        std::string href = "#";  // appended: g++ 12 warns wrongly about "#" + string
        href.append(field_id(path));
        items.push_back(boost::json::object{{"href", href}, {"message", w.say(m)}});
    }
    return {{"has_errors", !errors.empty()},
            {"title", w("walk_in.not_saved")},
            {"has_items", !items.empty()},
            {"items", std::move(items)}};
}

/// The first error of the fields whose form id is `id` ("" for none).
std::string error_for(core::wording const& w, server::field_errors const& errors,
                      std::string_view id) {
    for (auto const& [path, m] : errors)
        if (field_id(path) == id) return w.say(m);
    return {};
}

boost::json::object name_field(core::wording const& w, std::string value, std::string error) {
    return {{"id", "f-name"},
            {"name", "attendees[0].name"},
            {"label", w("walk_in.name")},
            {"type", "text"},
            {"value", std::move(value)},
            {"required", true},
            {"has_autocomplete", true},
            {"autocomplete", "off"},
            {"has_error", !error.empty()},
            {"has_describedby", !error.empty()},
            {"describedby", "f-name-error"},
            {"error", std::move(error)}};
}

boost::json::array affiliation_options(core::wording const& w, std::string_view chosen) {
    boost::json::array out;
    for (auto code : affiliations)
        out.push_back(boost::json::object{{"code", code},
                                          {"label", w("form.affiliation." + std::string{code})},
                                          {"selected", code == chosen}});
    return out;
}

/// The walk-in form, empty (GET) or as sent with its errors (422).
handler_result walk_in_page(deps d, server::request& req, core::form_input const* sent,
                            server::field_errors errors) {
    auto const e = co_await d.events.get(server::path_id(req, "id"));
    auto const w = d.pages.words(core::language::sv);
    auto data = door_page_data(req, e, w, "walk_in.title");
    auto const value = [&](std::string_view key) {
        return sent ? std::string{sent->value(key)} : std::string{};
    };
    data["errors"] = error_summary(w, errors);
    data["name_field"] = name_field(w, value("attendees[0].name"), error_for(w, errors, "f-name"));
    auto const chosen = value("attendees[0].affiliation");
    data["affiliations"] = affiliation_options(w, chosen.empty() ? "civil_society" : chosen);
    data["organisation"] = value("organisation.name");
    data["organisation_error"] = error_for(w, errors, "f-organisation");
    boost::json::array names;
    for (auto& n : co_await d.service.organisation_names()) names.push_back(boost::json::string(n));
    data["names"] = std::move(names);
    auto res = server::html_response(errors.empty() ? 200 : 422,
                                     d.pages.render_page("door_walk_in", data));
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

handler_result add_walk_in(deps d, server::request& req) {
    auto const event_id = server::path_id(req, "id");
    auto const form = core::form_input::from_request(req);
    server::field_errors errors;
    core::field_reader in{form, errors};
    auto input = read_walk_in(in);
    if (!errors.empty()) co_return co_await walk_in_page(d, req, &form, errors);
    std::optional<walk_in_receipt> receipt;
    try {
        receipt = co_await d.service.add_walk_ins(event_id, std::move(input), core::actor_of(req));
    } catch (server::api_error const& e) {
        if (e.fields().empty()) throw;
        errors = e.fields();
    }
    if (!receipt) co_return co_await walk_in_page(d, req, &form, errors);
    auto const first = std::to_string(receipt->attendees.front().id);
    co_return server::redirect_response("/staff/events/" + std::to_string(event_id) +
                                        "/check-in?done=" + first + "&did=walk_in#a-" + first);
}

handler_result paper_list_page(deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const e = co_await d.events.get(id);
    auto const list = co_await d.service.list_for_check_in(id, "", core::actor_of(req));
    auto const w = d.pages.words(core::language::sv);
    auto data = door_page_data(req, e, w, "attendance_list.title");
    boost::json::array rows;
    for (auto const& a : list.attendees)
        rows.push_back(boost::json::object{{"id", a.attendee_id},
                                           {"name", a.name},
                                           {"organisation", a.organisation},
                                           {"has_organisation", !a.organisation.empty()},
                                           {"checked_in", a.checked_in_at.has_value()}});
    data["attendees"] = std::move(rows);
    auto const saved = core::whole_number(req.query_param("saved").value_or(""));
    data["has_message"] = saved.has_value();
    data["message"] = saved ? w("attendance_list.saved", {{"n", std::to_string(*saved)}}) : "";
    auto res = server::html_response(200, d.pages.render_page("attendance_list", data));
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

handler_result save_paper_list(deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const form = core::form_input::from_request(req);
    std::vector<long long> attended;
    for (auto const text : form.get_all("attended")) {
        auto const n = core::whole_number(text);
        if (!n || *n <= 0)
            throw server::api_error(server::error_kind::bad_request,
                                    message::of("attendance_list.bad_id"));
        attended.push_back(*n);
    }
    auto const changed =
        co_await d.service.save_attendance_list(id, std::move(attended), core::actor_of(req));
    co_return server::redirect_response("/staff/events/" + std::to_string(id) +
                                        "/attendance-list?saved=" + std::to_string(changed));
}

}  // namespace

void register_door_forms(server::router& routes, staff_registration_service& service,
                         events::event_service& events, auth::auth_service& auth,
                         core::page_renderer const& pages) {
    deps const d{service, events, pages};
    auto const organiser = auth::require(auth, auth::role::organiser);
    routes.add(
        http::verb::get, "/staff/events/{id}/walk-ins",
        [d](server::request& req) -> handler_result { return walk_in_page(d, req, nullptr, {}); },
        organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/walk-ins",
        [d](server::request& req) -> handler_result { return add_walk_in(d, req); }, organiser);
    routes.add(
        http::verb::get, "/staff/events/{id}/attendance-list",
        [d](server::request& req) -> handler_result { return paper_list_page(d, req); }, organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/attendance-list",
        [d](server::request& req) -> handler_result { return save_paper_list(d, req); }, organiser);
}

}  // namespace samverkan::registrations
