// The manage pages behind the personal link /r/{token}: see the registration, change it,
// cancel one attendee or all. The token is in the path only; the access log shows the route
// pattern, so it is never logged.
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/registrations/registration_form.hpp"
#include "modules/registrations/registration_pages.hpp"
#include "modules/registrations/self_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

#include <charconv>

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

server::response private_page(page_deps const& d, unsigned status, std::string_view name,
                              boost::json::object data) {
    auto res = server::html_response(status, d.pages.render_page(name, data));
    res.set(http::field::cache_control, "no-store");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Robots-Tag", "noindex");
    return res;
}

server::response not_found_page(page_deps const& d) {
    return private_page(d, 404, "page_message",
                        {{"title", "Anmälan finns inte – Samverkan"},
                         {"heading", "Vi hittar inte anmälan"},
                         {"message",
                          "Länken stämmer inte. Kontrollera att du kopierat hela "
                          "länken från e-postmeddelandet."},
                         {"link_href", "/"},
                         {"link_text", "Till alla träffar"}});
}

std::string status_label(attendee const& a) {
    if (a.status == "confirmed") return "Har plats";
    if (a.status == "waitlisted")
        return "På väntelistan, plats " + std::to_string(a.waitlist_position);
    return "Avbokad";
}

std::string notice_for(std::string_view done, registration const& r) {
    if (done == "anmald") {
        auto const& status = r.status;
        auto const mail = " Vi har skickat en bekräftelse till " + r.contact_email +
                          ". Spara länken till den här sidan: här kan du ändra eller avboka.";
        if (status == "confirmed") return "Tack! Anmälan är klar och alla har plats." + mail;
        if (status == "waitlisted")
            return "Tack! Alla platser är tagna, så ni står på väntelistan. Vi skickar e-post om "
                   "en plats blir ledig." +
                   mail;
        return "Tack! Några av er har plats och resten står på väntelistan." + mail;
    }
    if (done == "sparad") return "Ändringarna är sparade.";
    if (done == "deltagare") return "Deltagaren är avbokad.";
    if (done == "avbokad") return "Anmälan är avbokad.";
    return {};
}

// What the rules let a contact change (samverkan_check_change): until the event starts.
bool editable(registration const& r, events::event const& e) {
    using enum events::registration_window;
    return !r.cancelled_at && e.window != cancelled && e.window != started && e.window != draft;
}

boost::json::object manage_data(std::string const& token, registration const& r,
                                events::event const& e, form_state state, std::string notice) {
    boost::json::array rows;
    bool const can_change = editable(r, e);
    for (auto const& a : r.attendees)
        rows.push_back(boost::json::object{{"id", a.id},
                                           {"name", a.name},
                                           {"status_label", status_label(a)},
                                           {"can_remove", can_change && a.status != "cancelled"}});
    if (state.typed.attendees.size() < max_attendees)
        state.typed.attendees.emplace_back();  // room for one more attendee
    return boost::json::object{{"title", "Din anmälan: " + e.title + " – Samverkan"},
                               {"token", token},
                               {"event", events::event_view(e, "sv")},
                               {"has_notice", !notice.empty()},
                               {"notice", notice},
                               {"registration_cancelled", r.cancelled_at.has_value()},
                               {"attendees", std::move(rows)},
                               {"editable", can_change},
                               {"form", manage_form_view(state)}};
}

std::string token_of(server::request const& req) {
    return std::string{req.path_param("token").value_or("")};
}

manage_caller caller_of(server::request const& req) {
    return {token_of(req), req.client_address, "sv"};
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
    auto const token = token_of(req);
    auto loaded = co_await load(d, req);
    if (!loaded) co_return not_found_page(d);
    auto& [r, e] = *loaded;
    form_state state;
    state.typed = typed_from(r);
    auto notice = notice_for(req.query_param("klart").value_or(""), r);
    co_return private_page(d, 200, "manage", manage_data(token, r, e, std::move(state), notice));
}

handler_result save(page_deps d, server::request& req) {
    auto const token = token_of(req);
    auto loaded = co_await load(d, req);
    if (!loaded) co_return not_found_page(d);
    auto& [r, e] = *loaded;
    auto const form = core::form_input::from_request(req);
    std::size_t count = 0;
    auto const text = form.value("attendee_count");
    std::from_chars(text.data(), text.data() + text.size(), count);
    form_state state;
    state.typed = raw_from_form(form, std::min(count, max_attendees));
    auto changes = validate_changes(state.typed, "sv", state.errors);
    unsigned status = 422;
    if (state.errors.empty()) {
        try {
            (void)co_await d.service.change(caller_of(req), std::move(changes));
            co_return server::redirect_response("/r/" + token + "?klart=sparad");
        } catch (api_error const& error) {
            if (error.kind() == error_kind::internal || error.kind() == error_kind::unavailable)
                throw;
            if (!error.fields().empty())
                state.errors = error.fields();
            else
                state.general_error = error.what();
            status = server::to_status(error.kind());
        }
    }
    state.typed.attendees.erase(
        std::remove_if(state.typed.attendees.begin(), state.typed.attendees.end(),
                       [](raw_attendee const& a) { return a.id.empty() && !a.any(); }),
        state.typed.attendees.end());
    co_return private_page(d, status, "manage", manage_data(token, r, e, std::move(state), ""));
}

handler_result message(page_deps const& d, unsigned status, std::string text,
                       std::string const& token) {
    co_return private_page(d, status, "page_message",
                           {{"title", "Din anmälan – Samverkan"},
                            {"heading", "Det gick inte"},
                            {"message", std::move(text)},
                            {"link_href", "/r/" + token},
                            {"link_text", "Tillbaka till anmälan"}});
}

/// Cancelling one attendee (`attendee_id`) or the whole registration, then back to the page.
handler_result cancel(page_deps d, server::request& req, std::optional<long long> attendee_id) {
    auto token = token_of(req);
    std::string failure;
    unsigned status = 200;
    try {
        if (attendee_id)
            (void)co_await d.service.remove_attendee(caller_of(req), *attendee_id);
        else
            (void)co_await d.service.cancel(caller_of(req));
    } catch (api_error const& e) {
        if (e.kind() == error_kind::internal || e.kind() == error_kind::unavailable) throw;
        failure = e.what();
        status = server::to_status(e.kind());
    }
    if (failure.empty())
        co_return server::redirect_response("/r/" + token +
                                            "?klart=" + (attendee_id ? "deltagare" : "avbokad"));
    co_return co_await message(d, status, failure, token);
}

handler_result confirm_cancel(page_deps d, server::request& req) {
    auto const token = token_of(req);
    auto loaded = co_await load(d, req);
    if (!loaded) co_return not_found_page(d);
    co_return private_page(d, 200, "manage_cancel",
                           {{"title", "Avboka anmälan – Samverkan"},
                            {"token", token},
                            {"event", events::event_view(loaded->second, "sv")}});
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
}

}  // namespace samverkan::registrations
