// The manage pages behind the personal link /r/{token}: see the registration, change it,
// cancel one attendee or all. The token is in the path only; the access log shows the route
// pattern, so it is never logged.
#include "modules/core/form_input.hpp"
#include "modules/core/page_language.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/qr_code.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/registrations/registration_form.hpp"
#include "modules/registrations/registration_pages.hpp"
#include "modules/registrations/self_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

using handler_result = asio::awaitable<server::response>;

struct page_deps {
    self_service& service;
    events::event_service& events;
    core::page_renderer const& pages;
};

server::response private_page(page_deps const& d, server::request const& req, unsigned status,
                              std::string_view name, boost::json::object data,
                              core::language lang) {
    data["alternate"] = core::language_switch(req, lang);
    auto res = server::html_response(status, d.pages.render_page(name, data, lang));
    res.set(http::field::cache_control, "no-store");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Robots-Tag", "noindex");
    core::remember_language(res, req);
    return res;
}

server::response not_found_page(page_deps const& d, server::request const& req,
                                core::language lang) {
    auto const w = d.pages.words(lang);
    return private_page(d, req, 404, "page_message",
                        {{"title", w("manage.not_found.title")},
                         {"heading", w("manage.not_found.heading")},
                         {"message", w("manage.not_found.text")},
                         {"link_href", "/"},
                         {"link_text", w("site.to_all_events")}},
                        lang);
}

std::string status_label(attendee const& a, core::wording const& w) {
    if (a.status == "confirmed") return w("manage.status.confirmed");
    if (a.status == "waitlisted")
        return w("manage.status.waitlisted", {{"n", std::to_string(a.waitlist_position)}});
    return w("manage.status.cancelled");
}

std::string notice_for(std::string_view done, registration const& r, core::wording const& w) {
    if (done == "anmald") return w("manage.done." + r.status, {{"email", r.contact_email}});
    if (done == "sparad") return w("manage.done.saved");
    if (done == "oforandrad") return w("manage.done.unchanged");
    if (done == "deltagare") return w("manage.done.attendee_cancelled");
    if (done == "avbokad") return w("manage.done.cancelled");
    return {};
}

// What the rules let a contact change (samverkan_check_change): until the event starts.
bool editable(registration const& r, events::event const& e) {
    using enum events::registration_window;
    return !r.cancelled_at && e.window != cancelled && e.window != started && e.window != draft;
}

// The door link's QR code, drawn inline (no request of its own) with its name from the
// catalogue; empty when the registration has no seat.
std::string door_code_svg(std::string const& door_link, core::wording const& w) {
    if (door_link.empty()) return {};
    return core::qr_svg(core::qr_encode(door_link), w("manage.door.image"), 200);
}

boost::json::object manage_data(std::string const& token, registration const& r,
                                events::event const& e, form_state state, std::string notice,
                                core::wording const& w, std::string door_svg) {
    boost::json::array rows;
    bool const can_change = editable(r, e);
    for (auto const& a : r.attendees)
        rows.push_back(boost::json::object{{"id", a.id},
                                           {"name", a.name},
                                           {"status_label", status_label(a, w)},
                                           {"can_remove", can_change && a.status != "cancelled"}});
    if (state.typed.attendees.size() < max_attendees)
        state.typed.attendees.emplace_back();  // room for one more attendee
    return boost::json::object{{"title", w("manage.title", {{"title", e.title}})},
                               {"token", token},
                               {"event", events::event_view(e, w)},
                               {"has_notice", !notice.empty()},
                               {"notice", notice},
                               {"registration_cancelled", r.cancelled_at.has_value()},
                               {"attendees", std::move(rows)},
                               {"editable", can_change},
                               {"has_door_code", !door_svg.empty()},
                               {"door_svg", std::move(door_svg)},
                               {"form", manage_form_view(state, w)}};
}

std::string token_of(server::request const& req) {
    return std::string{req.path_param("token").value_or("")};
}

manage_caller caller_of(server::request const& req) {
    return {token_of(req), req.client_address};
}

/// The registration and its event, or nullopt when the token is unknown.
asio::awaitable<std::optional<std::pair<registration, events::event>>> load(
    page_deps const& d, server::request const& req) {
    std::optional<registration> found;
    try {
        found = co_await d.service.find(caller_of(req));
    } catch (api_error const& e) {
        if (e.kind() != error_kind::not_found) throw;
    }
    if (!found) co_return std::nullopt;
    auto e = co_await d.events.get(found->event_id);
    co_return std::make_pair(std::move(*found), std::move(e));
}

handler_result show(page_deps d, server::request& req) {
    auto const lang = core::page_language(req);
    auto const w = d.pages.words(lang);
    auto const token = token_of(req);
    auto loaded = co_await load(d, req);
    if (!loaded) co_return not_found_page(d, req, lang);
    auto& [r, e] = *loaded;
    form_state state;
    state.typed = typed_from(r);
    auto notice = notice_for(req.query_param("klart").value_or(""), r, w);
    auto door = door_code_svg(d.service.door_link_of(r), w);
    co_return private_page(d, req, 200, "manage",
                           manage_data(token, r, e, std::move(state), notice, w, std::move(door)),
                           lang);
}

handler_result save(page_deps d, server::request& req) {
    auto const lang = core::page_language(req);
    auto const w = d.pages.words(lang);
    auto const token = token_of(req);
    auto loaded = co_await load(d, req);
    if (!loaded) co_return not_found_page(d, req, lang);
    auto& [r, e] = *loaded;
    auto const form = core::form_input::from_request(req);
    form_state state;
    state.typed = raw_from_form(form);
    auto changes = validate_changes(state.typed, state.errors);
    unsigned status = 422;
    if (state.errors.empty()) {
        try {
            auto const done = co_await d.service.change(caller_of(req), std::move(changes));
            co_return server::redirect_response(
                "/r/" + token + "?klart=" + (done.changed ? "sparad" : "oforandrad"));
        } catch (api_error const& error) {
            if (error.kind() == error_kind::internal || error.kind() == error_kind::unavailable)
                throw;
            if (!error.fields().empty())
                state.errors = error.fields();
            else
                state.general_error = error.text();
            status = server::to_status(error.kind());
        }
    }
    state.typed.attendees.erase(
        std::remove_if(state.typed.attendees.begin(), state.typed.attendees.end(),
                       [](raw_attendee const& a) { return a.id.empty() && !a.any(); }),
        state.typed.attendees.end());
    auto door = door_code_svg(d.service.door_link_of(r), w);
    co_return private_page(d, req, status, "manage",
                           manage_data(token, r, e, std::move(state), "", w, std::move(door)),
                           lang);
}

handler_result message(page_deps const& d, server::request const& req, unsigned status,
                       std::string text, std::string const& token, core::language lang) {
    auto const w = d.pages.words(lang);
    co_return private_page(d, req, status, "page_message",
                           {{"title", w("manage.failed.title")},
                            {"heading", w("manage.failed.heading")},
                            {"message", std::move(text)},
                            {"link_href", "/r/" + token},
                            {"link_text", w("manage.back")}},
                           lang);
}

/// Cancelling one attendee (`attendee_id`) or the whole registration, then back to the page.
handler_result cancel(page_deps d, server::request& req, std::optional<long long> attendee_id) {
    auto const lang = core::page_language(req);
    auto token = token_of(req);
    std::optional<server::message> failure;
    unsigned status = 200;
    try {
        if (attendee_id)
            (void)co_await d.service.remove_attendee(caller_of(req), *attendee_id);
        else
            (void)co_await d.service.cancel(caller_of(req));
    } catch (api_error const& e) {
        if (e.kind() == error_kind::internal || e.kind() == error_kind::unavailable) throw;
        failure = e.text();
        status = server::to_status(e.kind());
    }
    if (!failure)
        co_return server::redirect_response("/r/" + token +
                                            "?klart=" + (attendee_id ? "deltagare" : "avbokad"));
    co_return co_await message(d, req, status, d.pages.words(lang).say(*failure), token, lang);
}

handler_result confirm_cancel(page_deps d, server::request& req) {
    auto const lang = core::page_language(req);
    auto const w = d.pages.words(lang);
    auto const token = token_of(req);
    auto loaded = co_await load(d, req);
    if (!loaded) co_return not_found_page(d, req, lang);
    co_return private_page(d, req, 200, "manage_cancel",
                           {{"title", w("manage_cancel.title")},
                            {"token", token},
                            {"event", events::event_view(loaded->second, w)}},
                           lang);
}

// The erasure asks first, saying what goes and what stays.
handler_result confirm_erase(page_deps d, server::request& req) {
    auto const lang = core::page_language(req);
    auto const w = d.pages.words(lang);
    auto loaded = co_await load(d, req);
    if (!loaded) co_return not_found_page(d, req, lang);
    co_return private_page(d, req, 200, "manage_erase",
                           {{"title", w("manage_erase.title")}, {"token", token_of(req)}}, lang);
}

// After the erasure the link leads nowhere: the answer is a page of its own.
handler_result erase(page_deps d, server::request& req) {
    auto const lang = core::page_language(req);
    auto const w = d.pages.words(lang);
    co_await d.service.erase(caller_of(req));
    co_return private_page(d, req, 200, "page_message",
                           {{"title", w("manage_erase.title")},
                            {"heading", w("manage_erase.done_heading")},
                            {"message", w("manage_erase.done")},
                            {"link_href", "/"},
                            {"link_text", w("manage_erase.home")}},
                           lang);
}

}  // namespace

void register_manage_pages(server::router& routes, self_service& service,
                           events::event_service& events, core::page_renderer const& pages) {
    page_deps const d{service, events, pages};
    routes.add(http::verb::get, "/r/{token}",
               [d](server::request& req) -> handler_result { return show(d, req); });
    routes.add(http::verb::post, "/r/{token}",
               [d](server::request& req) -> handler_result { return save(d, req); });
    routes.add(http::verb::post, "/r/{token}/attendees/{attendee_id}/avboka",
               [d](server::request& req) -> handler_result {
                   return cancel(d, req, server::path_id(req, "attendee_id"));
               });
    routes.add(http::verb::get, "/r/{token}/avboka",
               [d](server::request& req) -> handler_result { return confirm_cancel(d, req); });
    routes.add(http::verb::post, "/r/{token}/avboka", [d](server::request& req) -> handler_result {
        return cancel(d, req, std::nullopt);
    });
    routes.add(http::verb::get, "/r/{token}/radera",
               [d](server::request& req) -> handler_result { return confirm_erase(d, req); });
    routes.add(http::verb::post, "/r/{token}/radera",
               [d](server::request& req) -> handler_result { return erase(d, req); });
}

}  // namespace samverkan::registrations
