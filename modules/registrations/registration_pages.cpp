// The public pages: the event page with the registration form, and the manage pages behind
// the personal link. They work without JavaScript: every action is a form post answered by
// a redirect (303) or by the same page again with the errors and what was typed.
#include "modules/registrations/registration_pages.hpp"

#include "modules/core/form_input.hpp"
#include "modules/core/page_language.hpp"
#include "modules/core/pages.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/registrations/event_page_cache.hpp"
#include "modules/registrations/manage_token.hpp"
#include "modules/registrations/public_registration_service.hpp"
#include "modules/registrations/registration_form.hpp"
#include "modules/registrations/registration_outcome.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <memory>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

using handler_result = asio::awaitable<server::response>;

struct page_deps {
    public_registration_service& service;
    events::event_service& events;
    core::page_renderer const& pages;
    std::shared_ptr<event_page_cache> cache;
};

/// A public page in the visitor's language; never cached (it may hold what they typed).
server::response page(page_deps const& d, server::request const& req, unsigned status,
                      std::string_view name, boost::json::object data, core::language lang) {
    data["alternate"] = core::language_switch(req, lang);
    auto res = server::html_response(status, d.pages.render_page(name, data, lang));
    res.set(http::field::cache_control, "no-store");
    core::remember_language(res, req);
    return res;
}

server::response message_page(page_deps const& d, server::request const& req, unsigned status,
                              std::string_view heading_key, std::string_view text_key,
                              core::language lang) {
    auto const w = d.pages.words(lang);
    auto const heading = w(heading_key);
    return page(d, req, status, "page_message",
                {{"title", heading + " – Samverkan"},
                 {"heading", heading},
                 {"message", w(text_key)},
                 {"link_href", "/"},
                 {"link_text", w("site.to_all_events")}},
                lang);
}

// Why the form is not shown, in the page's words (the window itself is the database's).
std::string closed_message(events::event const& e, core::wording const& w) {
    using enum events::registration_window;
    switch (e.window) {
        case started:
            return w("event_page.closed.started");
        case not_open_yet: {
            auto const v = events::event_view(e, w);
            return w("event_page.closed.not_open_yet",
                     {{"date", std::string{v.at("opens_date").as_string()}},
                      {"time", std::string{v.at("opens_time").as_string()}}});
        }
        case deadline_passed:
            return w("event_page.closed.deadline_passed");
        default:
            return w.say(closed_reason(e.window));
    }
}

boost::json::object event_page_data(events::event const& e, form_state const& state,
                                    core::wording const& w) {
    auto form = registration_form_view(state, w);
    form["event_id"] = e.id;
    return boost::json::object{
        {"title", e.title + " – Samverkan"},          {"event", events::event_view(e, w)},
        {"registration_open", e.registration_open()}, {"full", e.seats_left() == 0},
        {"closed_message", closed_message(e, w)},     {"form", std::move(form)}};
}

std::size_t attendee_count(core::form_input const& form) {
    std::size_t n = 1;
    auto const text = form.value("attendee_count");
    std::from_chars(text.data(), text.data() + text.size(), n);
    return std::clamp<std::size_t>(n, 1, max_attendees);
}

/// What a failed registration shows: field problems next to their fields, the rest on top.
void show_error(form_state& state, api_error const& e) {
    if (!e.fields().empty())
        state.errors = e.fields();
    else
        state.general_error = e.text();
}

/// The form as it was posted; the registration's language is the page's.
form_state posted_form(core::form_input const& form, core::language lang) {
    form_state state;
    state.attendee_count = attendee_count(form);
    state.typed = raw_from_form(form);
    state.typed.language = std::string{code(lang)};
    state.form_token = form.value("form_token");
    if (!looks_like_manage_token(state.form_token)) state.form_token = new_manage_token();
    return state;
}

asio::awaitable<server::response> submit_registration(page_deps d, server::request& req) {
    auto const lang = core::page_language(req);
    auto const w = d.pages.words(lang);
    auto const id = server::path_id(req, "id");
    auto const found = co_await d.events.find_public(id);
    if (!found)
        co_return message_page(d, req, 404, "event.not_found.heading", "event.not_found.text",
                               lang);
    auto const form = core::form_input::from_request(req);
    auto state = posted_form(form, lang);
    auto const action = form.value("action");
    if (action == "add" || action == "remove") {
        state.attendee_count = action == "add" ? std::min(state.attendee_count + 1, max_attendees)
                                               : std::max<std::size_t>(state.attendee_count - 1, 1);
        co_return page(d, req, 200, "event", event_page_data(*found, state, w), lang);
    }
    if (!form.value("website").empty())  // the honeypot: people never see that field
        co_return message_page(d, req, 400, "form.not_received", "form.not_human", lang);
    auto input = validate_registration(state.typed, state.errors);
    unsigned status = 422;
    if (state.errors.empty()) {
        try {
            // Named arguments: g++ 12 mishandles some temporaries passed to coroutines.
            std::optional<std::string> key = "form:" + state.form_token;
            std::string client = req.client_address;
            auto const receipt = co_await d.service.register_attendees(
                id, std::move(input), std::move(key), std::move(client));
            co_return server::redirect_response("/r/" + receipt.token + "?klart=anmald");
        } catch (api_error const& e) {
            if (e.kind() == error_kind::not_found || e.kind() == error_kind::internal ||
                e.kind() == error_kind::unavailable)
                throw;
            show_error(state, e);
            status = server::to_status(e.kind());
        }
    }
    co_return page(d, req, status, "event", event_page_data(*found, state, w), lang);
}

/// The event page with an empty form, from the cache (rendered once per version of the
/// event and language, the form token filled in per request).
server::response cached_event_page(page_deps const& d, server::request const& req,
                                   events::event const& e, core::language lang) {
    auto key = event_page_cache::key(e) + std::string{code(lang)};
    auto const cache_id = e.id * 2 + (lang == core::language::en ? 1 : 0);
    auto html = d.cache->find(cache_id, key);
    if (!html) {
        form_state state;
        state.form_token = event_page_cache::token_placeholder;
        auto data = event_page_data(e, state, d.pages.words(lang));
        auto const other = lang == core::language::sv ? "en" : "sv";
        data["alternate"] = boost::json::object{
            {"href", "/events/" + std::to_string(e.id) + "?lang=" + other}, {"lang", other}};
        html = std::make_shared<std::string const>(d.pages.render_page("event", data, lang));
        d.cache->store(cache_id, std::move(key), html);
    }
    auto res = server::html_response(200, event_page_cache::with_token(*html, new_manage_token()));
    res.set(http::field::cache_control, "no-store");
    core::remember_language(res, req);
    return res;
}

/// The event page with an empty form, or one filled from an invitation link.
asio::awaitable<server::response> show_event(page_deps d, server::request& req) {
    auto const lang = core::page_language(req);
    auto const id = server::path_id(req, "id");
    auto const found = co_await d.events.find_public(id);
    if (!found)
        co_return message_page(d, req, 404, "event.not_found.heading", "event.not_found.text",
                               lang);
    auto token = std::string{
        req.query_param("invitation").value_or(req.query_param("inbjudan").value_or(""))};
    std::optional<invitation_prefill> invited;
    if (!token.empty()) invited = co_await d.service.invitation(id, token);
    if (!invited) co_return cached_event_page(d, req, *found, lang);
    form_state state;
    state.form_token = new_manage_token();
    state.typed.organisation_name = invited->organisation;
    state.typed.contact_name = invited->name;
    state.typed.contact_email = invited->email;
    raw_attendee invitee;
    invitee.name = invited->name;
    invitee.email = invited->email;
    state.typed.attendees.push_back(std::move(invitee));
    state.typed.invitation = token;
    auto res =
        page(d, req, 200, "event", event_page_data(*found, state, d.pages.words(lang)), lang);
    res.set("Referrer-Policy", "no-referrer");
    co_return res;
}

}  // namespace

void register_registration_pages(server::router& routes, public_registration_service& service,
                                 self_service& manage, events::event_service& events,
                                 core::page_renderer const& pages) {
    page_deps const d{service, events, pages, std::make_shared<event_page_cache>()};
    // /events/{id}/register is the invitation links' address (…?invitation=<token>).
    for (auto const* path : {"/events/{id}", "/events/{id}/register"})
        routes.add(http::verb::get, path,
                   [d](server::request& req) -> handler_result { return show_event(d, req); });
    routes.add(http::verb::post, "/events/{id}",
               [d](server::request& req) -> handler_result { return submit_registration(d, req); });
    register_manage_pages(routes, manage, events, pages);
}

}  // namespace samverkan::registrations
