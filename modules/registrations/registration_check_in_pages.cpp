// The door: the organisers' check-in page, made for a phone or tablet and no JavaScript.
// Checking in (and undoing it) posts a form and is answered Post/Redirect/Get back to the
// same search and the same row, with a status line naming the attendee.
#include "modules/registrations/registration_check_in_pages.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_routes.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/registrations/registration_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <charconv>

namespace samverkan::registrations {

namespace {

using handler_result = asio::awaitable<server::response>;

struct deps {
    registration_service& service;
    events::event_service& events;
    core::page_renderer const& pages;
};

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
    auto const list = co_await d.service.list_for_check_in(id, search, events::actor_of(req));
    auto data = auth::staff_page_data(req, "Insläpp: " + e.title);
    data["event"] = events::event_view(e, "sv", events::event_service::now());
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
        co_await d.service.set_attendance(event_id, attendee_id, attended, events::actor_of(req));
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

void register_check_in_pages(server::router& routes, registration_service& service,
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
}

}  // namespace samverkan::registrations
