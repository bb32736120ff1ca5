#include "modules/registrations/registration_routes.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/json_input.hpp"
#include "modules/events/event_routes.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/registrations/registration_csv.hpp"
#include "modules/registrations/registration_input.hpp"
#include "modules/registrations/registration_json.hpp"
#include "modules/registrations/registration_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

using handler_result = asio::awaitable<server::response>;

constexpr std::size_t idempotency_key_max = 200;

/// The Idempotency-Key header: printable ASCII, at most 200 characters; 400 otherwise.
std::optional<std::string> idempotency_key(server::request const& req) {
    auto const key = req.header("Idempotency-Key");
    if (key.empty()) return std::nullopt;
    bool const printable =
        std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7F; });
    if (!printable || key.size() > idempotency_key_max)
        throw api_error(error_kind::bad_request,
                        "The Idempotency-Key header must be 1–200 printable ASCII characters.");
    return std::string{key};
}

/// Answers about a manage token are private: never cached, never sent on as a referrer.
server::response private_json(unsigned status, boost::json::value const& body) {
    auto res = server::json_response(status, body);
    res.set(http::field::cache_control, "no-store");
    res.set("Referrer-Policy", "no-referrer");
    return res;
}

std::string token_of(server::request const& req) {
    return std::string{req.path_param("token").value_or("")};
}

}  // namespace

asio::awaitable<boost::json::object> manage_json(registration const& r,
                                                 events::event_service& events) {
    auto const e = co_await events.get(r.event_id);
    auto out = registration_json(r);
    out["event"] = events::event_json(e, events::event_service::now());
    co_return out;
}

void register_registration_routes(server::router& routes, registration_service& service,
                                  events::event_service& events, auth::auth_service& auth) {
    routes.add(http::verb::post, "/api/v1/events/{id}/registrations",
               [&service](server::request& req) -> handler_result {
                   auto const event_id = server::path_id(req, "id");
                   auto const key = idempotency_key(req);
                   auto const body = core::parse_json_object(req);
                   server::field_errors errors;
                   auto input = validate_registration(raw_from_json(body), "en", errors);
                   core::throw_if_invalid(errors);
                   auto result = co_await service.register_attendees(event_id, std::move(input),
                                                                     key, req.client_address);
                   auto res =
                       server::text_response(201, std::move(result.body), "application/json");
                   if (result.replayed) res.set("Idempotent-Replayed", "true");
                   co_return res;
               });
    routes.add(http::verb::get, "/api/v1/registrations/{token}",
               [&service, &events](server::request& req) -> handler_result {
                   auto r = co_await service.find(token_of(req));
                   co_return private_json(200, co_await manage_json(r, events));
               });
    routes.add(http::verb::patch, "/api/v1/registrations/{token}",
               [&service, &events](server::request& req) -> handler_result {
                   auto const body = core::parse_json_object(req);
                   server::field_errors errors;
                   auto changes = validate_changes(raw_from_json(body), "en", errors);
                   core::throw_if_invalid(errors);
                   auto r = co_await service.change(token_of(req), std::move(changes));
                   co_return private_json(200, co_await manage_json(r, events));
               });
    routes.add(http::verb::post, "/api/v1/registrations/{token}/cancel",
               [&service, &events](server::request& req) -> handler_result {
                   auto r = co_await service.cancel(token_of(req));
                   co_return private_json(200, co_await manage_json(r, events));
               });
    routes.add(http::verb::delete_, "/api/v1/registrations/{token}/attendees/{attendee_id}",
               [&service, &events](server::request& req) -> handler_result {
                   auto const attendee_id = server::path_id(req, "attendee_id");
                   auto r = co_await service.remove_attendee(token_of(req), attendee_id);
                   co_return private_json(200, co_await manage_json(r, events));
               });
    register_staff_registration_routes(routes, service, auth);
}

void register_staff_registration_routes(server::router& routes, registration_service& service,
                                        auth::auth_service& auth) {
    auto const steering = auth::require(auth, auth::role::steering);
    auto const organiser = auth::require(auth, auth::role::organiser);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/registrations",
        [&service](server::request& req) -> handler_result {
            auto const search = std::string{req.query_param("q").value_or("")};
            auto items = co_await service.list_for_event(
                server::path_id(req, "id"), search, events::actor_of(req), "registrations.view");
            boost::json::array out;
            boost::json::array waitlist;
            std::vector<std::pair<int, boost::json::object>> waiting;
            for (auto const& r : items) {
                out.push_back(registration_json(r));
                for (auto const& a : r.attendees)
                    if (a.waitlist_position > 0)
                        waiting.emplace_back(a.waitlist_position,
                                             boost::json::object{{"position", a.waitlist_position},
                                                                 {"attendee_id", a.id},
                                                                 {"name", a.name},
                                                                 {"registration_id", r.id}});
            }
            std::sort(waiting.begin(), waiting.end(),
                      [](auto const& x, auto const& y) { return x.first < y.first; });
            for (auto& [position, item] : waiting) waitlist.push_back(std::move(item));
            auto res =
                server::json_response(200, boost::json::object{{"registrations", std::move(out)},
                                                               {"waitlist", std::move(waitlist)}});
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        steering);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/registrations.csv",
        [&service](server::request& req) -> handler_result {
            auto const event_id = server::path_id(req, "id");
            auto items = co_await service.list_for_event(event_id, "", events::actor_of(req),
                                                         "registrations.export");
            auto res =
                server::text_response(200, registrations_csv(items), "text/csv; charset=utf-8");
            res.set(http::field::content_disposition,
                    "attachment; filename=\"anmalningar-" + std::to_string(event_id) + ".csv\"");
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        steering);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/catering",
        [&service](server::request& req) -> handler_result {
            auto summary =
                co_await service.catering(server::path_id(req, "id"), events::actor_of(req));
            co_return server::json_response(200, catering_json(summary));
        },
        steering);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/attendance",
        [&service](server::request& req) -> handler_result {
            auto summary =
                co_await service.attendance(server::path_id(req, "id"), events::actor_of(req));
            co_return server::json_response(200, attendance_json(summary));
        },
        steering);
    routes.add(
        http::verb::post, "/api/v1/attendees/{id}/check-in",
        [&service](server::request& req) -> handler_result {
            auto const id = server::path_id(req, "id");
            auto const body = core::parse_json_object(req);
            server::field_errors errors;
            core::json_reader in{body, errors};
            auto const attended = in.boolean("attended", true);
            core::throw_if_invalid(errors);
            auto const event_id = co_await service.check_in(id, *attended, events::actor_of(req));
            co_return server::json_response(
                200,
                boost::json::object{{"id", id}, {"event_id", event_id}, {"attended", *attended}});
        },
        organiser);
}

}  // namespace samverkan::registrations
