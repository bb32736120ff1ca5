// The door, made for a phone or tablet and no JavaScript: the check-in list with live counts
// per role (and a printout of it for a door without network), check-in and undo answered
// Post/Redirect/Get back to the same search and row, people who came without registering
// (walk-ins), and the paper list entered after the event in one pass.
#include "modules/registrations/door_pages.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/text.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/registrations/registration_input.hpp"
#include "modules/registrations/registration_labels.hpp"
#include "modules/registrations/staff_registration_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace samverkan::registrations {

namespace {

using handler_result = asio::awaitable<server::response>;
using deps = door_deps;
using server::message;

std::string event_path(long long event_id, std::string_view tail) {
    return "/staff/events/" + std::to_string(event_id) + std::string{tail};
}

std::string clock(long long epoch) {
    return core::format_time(core::from_epoch(epoch), "sv");
}

/// The status line after a redirect: `did` says what the POST found, `entry` who it was.
std::string notice(core::wording const& w, std::string_view did, check_in_entry const& entry) {
    auto const name = server::message::arguments{{"name", entry.name}};
    if (did == "in") return w("door.done.in", name);
    if (did == "already" && entry.checked_in_at)
        return w("door.done.already_at",
                 {{"name", entry.name}, {"time", clock(*entry.checked_in_at)}});
    if (did == "already") return w("door.done.already", name);
    if (did == "undone") return w("door.done.undone", name);
    if (did == "not_in") return w("door.done.not_in", name);
    if (did == "walk_in")
        return w(entry.over_capacity ? "door.done.walk_in_over" : "door.done.walk_in", name);
    return {};
}

boost::json::array entries(core::wording const& w, check_in_list const& list,
                           std::optional<long long> done, std::string_view did,
                           std::string& message) {
    boost::json::array out;
    for (auto const& a : list.attendees) {
        bool const changed = done && *done == a.attendee_id;
        if (changed) message = notice(w, did, a);
        auto const time = a.checked_in_at ? clock(*a.checked_in_at) : "";
        out.push_back(boost::json::object{{"id", a.attendee_id},
                                          {"name", a.name},
                                          {"organisation", a.organisation},
                                          {"has_organisation", !a.organisation.empty()},
                                          {"checked_in", a.checked_in_at.has_value()},
                                          {"time_text", w("door.checked_in_at", {{"time", time}})},
                                          {"walk_in", a.walk_in},
                                          {"over_capacity", a.over_capacity},
                                          {"just_changed", changed}});
    }
    return out;
}

boost::json::array affiliation_counts(core::wording const& w, check_in_list const& list) {
    boost::json::array out;
    for (auto const& [code, n] : list.arrived_by_affiliation)
        out.push_back(boost::json::object{{"label", affiliation_label(w, code)}, {"count", n}});
    return out;
}

handler_result list_page(deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const e = co_await d.events.get(id);
    auto search = std::string{req.query_param("q").value_or("")};
    auto const list = co_await d.service.list_for_check_in(id, search, core::actor_of(req));
    auto const w = d.pages.words(core::language::sv);
    auto data = door_page_data(req, e, w, "door.title");
    data["arrived_text"] = w("door.arrived", {{"arrived", std::to_string(list.arrived)},
                                              {"confirmed", std::to_string(list.confirmed)}});
    data["has_walk_ins"] = list.walk_ins > 0;
    data["walk_ins_text"] =
        w("door.walk_ins_count", {{"walk_ins", std::to_string(list.walk_ins)},
                                  {"over", std::to_string(list.over_capacity)}});
    data["by_affiliation"] = affiliation_counts(w, list);
    data["search"] = search;
    data["has_search"] = !search.empty();
    std::string message;
    auto const done = core::whole_number(req.query_param("done").value_or(""));
    data["attendees"] = entries(w, list, done, req.query_param("did").value_or(""), message);
    data["has_attendees"] = !list.attendees.empty();
    data["message"] = message;
    data["has_message"] = !message.empty();
    auto res = server::html_response(200, d.pages.render_page("check_in", data));
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

/// POST …/check-in/{attendee_id} (attended = true) and …/undo (attended = nullopt).
handler_result change(deps d, server::request& req, std::optional<bool> attended) {
    auto const event_id = server::path_id(req, "id");
    auto const attendee_id = server::path_id(req, "attendee_id");
    auto const form = core::form_input::from_request(req);
    auto const result =
        co_await d.service.set_attendance(event_id, attendee_id, attended, core::actor_of(req));
    std::string const did =
        attended ? (result.changed ? "in" : "already") : (result.changed ? "undone" : "not_in");
    auto location = event_path(event_id, "/check-in?");
    if (auto const q = form.value("q"); !q.empty())
        location += "q=" + boost::urls::encode(q, boost::urls::unreserved_chars) + "&";
    location +=
        "done=" + std::to_string(attendee_id) + "&did=" + did + "#a-" + std::to_string(attendee_id);
    co_return server::redirect_response(location);
}

}  // namespace

boost::json::object door_page_data(server::request const& req, events::event const& e,
                                   core::wording const& w, std::string const& title_key) {
    auto data = auth::staff_page_data(req, w(title_key, {{"title", e.title}}));
    data["event"] = events::event_view(e, w);
    data["path"] = event_path(e.id, "/check-in");
    data["door_path"] = event_path(e.id, "/check-in");
    data["walk_in_path"] = event_path(e.id, "/walk-ins");
    data["paper_list_path"] = event_path(e.id, "/attendance-list");
    return data;
}

void register_door_pages(server::router& routes, staff_registration_service& service,
                         events::event_service& events, auth::auth_service& auth,
                         core::page_renderer const& pages) {
    deps const d{service, events, pages};
    routes.add(
        http::verb::get, "/staff/events/{id}/check-in",
        [d](server::request& req) -> handler_result { return list_page(d, req); },
        auth::require(auth, auth::role::steering));
    auto const organiser = auth::require(auth, auth::role::organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/check-in/{attendee_id}",
        [d](server::request& req) -> handler_result { return change(d, req, true); }, organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/check-in/{attendee_id}/undo",
        [d](server::request& req) -> handler_result { return change(d, req, std::nullopt); },
        organiser);
    register_door_forms(routes, service, events, auth, pages);
}

}  // namespace samverkan::registrations
