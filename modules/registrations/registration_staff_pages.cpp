// The staff page of one event: its facts, the organiser's actions, and the registrations
// split into confirmed attendees, the waiting list in order and the cancelled, with search,
// the catering summary and the CSV export link. And the door: the check-in page, made for a
// phone or tablet and no JavaScript; checking in (and undoing it) posts a form answered
// Post/Redirect/Get back to the same search and row, with a status line naming the attendee.
#include "modules/registrations/registration_staff_pages.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_routes.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/registrations/staff_registration_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <charconv>

namespace samverkan::registrations {

namespace {

using handler_result = asio::awaitable<server::response>;

struct deps {
    staff_registration_service& service;
    events::event_service& events;
    core::page_renderer const& pages;
};

std::string_view dietary_label(std::string_view code) {
    return code == "vegetarian"     ? "vegetarisk"
           : code == "vegan"        ? "vegansk"
           : code == "gluten_free"  ? "glutenfri"
           : code == "lactose_free" ? "laktosfri"
           : code == "nut_allergy"  ? "nötallergi"
                                    : code;
}

std::string_view affiliation_label(std::string_view code) {
    return code == "civil_society"      ? "Idéburen"
           : code == "municipal_staff"  ? "Tjänsteperson"
           : code == "elected_official" ? "Förtroendevald"
                                        : "Annat";
}

// Needs (diet, accessibility) only for organisers and admins: they can reveal health or
// religion, and steering has no need to know them.
boost::json::object attendee_row(registration const& r, attendee const& a, bool with_needs) {
    boost::json::object row{{"id", a.id},
                            {"registration_id", r.id},
                            {"name", a.name},
                            {"organisation", r.organisation_name},
                            {"contact", r.contact_name + " <" + r.contact_email + ">"},
                            {"affiliation", affiliation_label(a.affiliation)},
                            {"position", a.waitlist_position},
                            {"registered", core::format_date(core::from_epoch(r.created_at), "sv")},
                            {"attended", a.attended ? (*a.attended ? "Ja" : "Nej") : ""}};
    if (with_needs) {
        std::string needs;
        for (auto const& d : a.dietary)
            needs.append(needs.empty() ? "" : ", ").append(dietary_label(d));
        if (!a.dietary_other.empty())
            needs.append(needs.empty() ? "" : ", ").append(a.dietary_other);
        row["dietary"] = needs;
        row["accessibility"] = a.accessibility;
    }
    return row;
}

void add_lists(boost::json::object& data, std::vector<registration> const& items, bool with_needs) {
    boost::json::array confirmed, waiting, cancelled;
    std::vector<std::pair<int, boost::json::object>> queue;
    for (auto const& r : items)
        for (auto const& a : r.attendees) {
            if (a.status == "confirmed") confirmed.push_back(attendee_row(r, a, with_needs));
            if (a.status == "cancelled") cancelled.push_back(attendee_row(r, a, with_needs));
            if (a.status == "waitlisted")
                queue.emplace_back(a.waitlist_position, attendee_row(r, a, with_needs));
        }
    std::sort(queue.begin(), queue.end(),
              [](auto const& x, auto const& y) { return x.first < y.first; });
    for (auto& [position, row] : queue) waiting.push_back(std::move(row));
    data["has_confirmed"] = !confirmed.empty();
    data["has_waiting"] = !waiting.empty();
    data["has_cancelled"] = !cancelled.empty();
    data["confirmed"] = std::move(confirmed);
    data["waiting"] = std::move(waiting);
    data["cancelled_attendees"] = std::move(cancelled);
}

boost::json::object catering_data(catering_summary const& c) {
    boost::json::array rows;
    for (auto const& [code, count] : c.dietary)
        rows.push_back(boost::json::object{{"label", dietary_label(code)}, {"count", count}});
    boost::json::array other;
    for (auto const& text : c.other_needs) other.push_back(boost::json::string(text));
    return boost::json::object{{"attendees", c.attendees},
                               {"rows", std::move(rows)},
                               {"has_other", !other.empty()},
                               {"other", std::move(other)}};
}

handler_result event_page(deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const e = co_await d.events.get(id);
    auto search = std::string{req.query_param("q").value_or("")};
    auto const who = core::actor_of(req);
    std::string const action = "registrations.view";
    auto items = co_await d.service.list_for_event(id, search, who, action);
    bool const with_needs = auth::current_user(req).role >= auth::role::organiser;
    auto data = auth::staff_page_data(req, e.title);
    data["show_needs"] = with_needs;
    if (with_needs) data["catering"] = catering_data(co_await d.service.catering(id, who));
    data["event"] = events::event_view(e, d.pages.words(core::language::sv));
    data["status_label"] = e.status == "draft"       ? "Utkast"
                           : e.status == "cancelled" ? "Inställd"
                                                     : "Publicerad";
    data["is_draft"] = e.status == "draft";
    data["can_cancel"] = e.status != "cancelled";
    data["search"] = search;
    data["has_search"] = !search.empty();
    data["confirmed_count"] = e.confirmed_count;
    data["waiting_count"] = e.waitlisted_count;
    add_lists(data, items, with_needs);
    auto res = server::html_response(200, d.pages.render_page("staff_event", data));
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

std::string page_path(long long event_id) {
    return "/staff/events/" + std::to_string(event_id) + "/check-in";
}

std::string clock(long long epoch) {
    return core::format_time(core::from_epoch(epoch), "sv");
}

/// The status line after a redirect: `did` says what the POST found, `entry` who it was.
std::string notice(std::string_view did, check_in_entry const& entry) {
    if (did == "in") return entry.name + " är incheckad.";
    if (did == "already")
        return entry.name + " var redan incheckad" +
               (entry.checked_in_at ? " (kl. " + clock(*entry.checked_in_at) + ")." : ".");
    if (did == "undone") return "Incheckningen av " + entry.name + " är ångrad.";
    if (did == "not_in") return entry.name + " var inte incheckad.";
    return {};
}

boost::json::array entries(check_in_list const& list, std::optional<long long> done,
                           std::string_view did, std::string& message) {
    boost::json::array out;
    for (auto const& a : list.attendees) {
        if (done && *done == a.attendee_id) message = notice(did, a);
        out.push_back(boost::json::object{{"id", a.attendee_id},
                                          {"name", a.name},
                                          {"organisation", a.organisation},
                                          {"has_organisation", !a.organisation.empty()},
                                          {"checked_in", a.checked_in_at.has_value()},
                                          {"time", a.checked_in_at ? clock(*a.checked_in_at) : ""},
                                          {"just_changed", done && *done == a.attendee_id}});
    }
    return out;
}

std::optional<long long> done_of(server::request const& req) {
    auto const text = req.query_param("done").value_or("");
    long long id = 0;
    auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return {};
    return id;
}

handler_result list_page(deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const e = co_await d.events.get(id);
    auto search = std::string{req.query_param("q").value_or("")};
    auto const list = co_await d.service.list_for_check_in(id, search, core::actor_of(req));
    auto data = auth::staff_page_data(req, "Insläpp: " + e.title);
    data["event"] = events::event_view(e, d.pages.words(core::language::sv));
    data["event_id"] = id;
    data["path"] = page_path(id);
    data["arrived"] = list.arrived;
    data["confirmed"] = list.confirmed;
    data["search"] = search;
    data["has_search"] = !search.empty();
    std::string message;
    data["attendees"] = entries(list, done_of(req), req.query_param("did").value_or(""), message);
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
    auto location = page_path(event_id) + "?";
    if (auto const q = form.value("q"); !q.empty())
        location += "q=" + boost::urls::encode(q, boost::urls::unreserved_chars) + "&";
    location +=
        "done=" + std::to_string(attendee_id) + "&did=" + did + "#a-" + std::to_string(attendee_id);
    co_return server::redirect_response(location);
}

}  // namespace

void register_registration_staff_pages(server::router& routes, staff_registration_service& service,
                                       events::event_service& events, auth::auth_service& auth,
                                       core::page_renderer const& pages) {
    deps const d{service, events, pages};
    routes.add(
        http::verb::get, "/staff/events/{id}",
        [d](server::request& req) -> handler_result { return event_page(d, req); },
        auth::require(auth, auth::role::steering));
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
}

}  // namespace samverkan::registrations
