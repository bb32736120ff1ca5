// The self-service API behind a manage token (API.md "Registrations (public)"): one handler
// per route. Answers about a token are private: never cached, never sent on as a referrer.
#include "modules/core/json_input.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/registrations/registration_input.hpp"
#include "modules/registrations/registration_json.hpp"
#include "modules/registrations/registration_routes.hpp"
#include "modules/registrations/self_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

namespace samverkan::registrations {

namespace {

using handler_result = asio::awaitable<server::response>;

struct api_deps {
    self_service& service;
    events::event_service& events;
};

manage_caller caller_of(server::request const& req) {
    return {std::string{req.path_param("token").value_or("")}, req.client_address};
}

/// The registration with its event, as every self-service route answers.
handler_result answer(api_deps const& d, registration const& r) {
    auto const e = co_await d.events.get(r.event_id);
    auto body = registration_json(r, true);
    body["event"] = events::event_json(e);
    auto res = server::json_response(200, body);
    res.set(http::field::cache_control, "no-store");
    res.set("Referrer-Policy", "no-referrer");
    co_return res;
}

handler_result get_registration(api_deps d, server::request& req) {
    co_return co_await answer(d, co_await d.service.find(caller_of(req)));
}

handler_result patch_registration(api_deps d, server::request& req) {
    auto const body = core::parse_json_object(req);
    server::field_errors errors;
    auto changes = validate_changes(raw_from_json(body), errors);
    core::throw_if_invalid(errors);
    auto const done = co_await d.service.change(caller_of(req), std::move(changes));
    co_return co_await answer(d, done.value);
}

handler_result cancel_registration(api_deps d, server::request& req) {
    co_return co_await answer(d, co_await d.service.cancel(caller_of(req)));
}

handler_result remove_attendee(api_deps d, server::request& req) {
    auto const attendee_id = server::path_id(req, "attendee_id");
    co_return co_await answer(d, co_await d.service.remove_attendee(caller_of(req), attendee_id));
}

}  // namespace

void register_self_service_routes(server::router& routes, self_service& service,
                                  events::event_service& events) {
    api_deps const d{service, events};
    routes.add(http::verb::get, "/api/v1/registrations/{token}",
               [d](server::request& req) { return get_registration(d, req); });
    routes.add(http::verb::patch, "/api/v1/registrations/{token}",
               [d](server::request& req) { return patch_registration(d, req); });
    routes.add(http::verb::post, "/api/v1/registrations/{token}/cancel",
               [d](server::request& req) { return cancel_registration(d, req); });
    routes.add(http::verb::delete_, "/api/v1/registrations/{token}/attendees/{attendee_id}",
               [d](server::request& req) { return remove_attendee(d, req); });
}

}  // namespace samverkan::registrations
