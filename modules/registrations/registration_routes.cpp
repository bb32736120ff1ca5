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

namespace {

handler_result create_registration(registration_service& service, server::request& req) {
    auto const event_id = server::path_id(req, "id");
    auto key = idempotency_key(req);
    auto const body = core::parse_json_object(req);
    server::field_errors errors;
    auto input = validate_registration(raw_from_json(body), "en", errors);
    core::throw_if_invalid(errors);
    std::string client = req.client_address;
    auto result =
        co_await service.register_attendees(event_id, std::move(input), std::move(key), client);
    auto res = server::text_response(201, std::move(result.body), "application/json");
    if (result.replayed) res.set("Idempotent-Replayed", "true");
    co_return res;
}

/// GET, PATCH, cancel and attendee removal through the manage token.
handler_result self_service(registration_service& service, events::event_service& events,
                            server::request& req, std::string_view what) {
    auto token = token_of(req);
    registration r;
    if (what == "get") {
        r = co_await service.find(std::move(token));
    } else if (what == "patch") {
        auto const body = core::parse_json_object(req);
        server::field_errors errors;
        auto changes = validate_changes(raw_from_json(body), "en", errors);
        core::throw_if_invalid(errors);
        r = co_await service.change(std::move(token), std::move(changes));
    } else if (what == "cancel") {
        r = co_await service.cancel(std::move(token));
    } else {
        auto const attendee_id = server::path_id(req, "attendee_id");
        r = co_await service.remove_attendee(std::move(token), attendee_id);
    }
    co_return private_json(200, co_await manage_json(r, events));
}

handler_result list_registrations(registration_service& service, server::request& req) {
    auto const search = std::string{req.query_param("q").value_or("")};
    std::string const action = "registrations.view";
    auto items = co_await service.list_for_event(server::path_id(req, "id"), search,
                                                 events::actor_of(req), action);
    boost::json::array out;
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
    boost::json::array waitlist;
    for (auto& [position, item] : waiting) waitlist.push_back(std::move(item));
    auto res = server::json_response(200, boost::json::object{{"registrations", std::move(out)},
                                                              {"waitlist", std::move(waitlist)}});
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

handler_result export_csv(registration_service& service, server::request& req) {
    auto const event_id = server::path_id(req, "id");
    std::string const search;
    std::string const action = "registrations.export";
    auto items = co_await service.list_for_event(event_id, search, events::actor_of(req), action);
    auto res = server::text_response(200, registrations_csv(items), "text/csv; charset=utf-8");
    res.set(http::field::content_disposition,
            "attachment; filename=\"anmalningar-" + std::to_string(event_id) + ".csv\"");
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

handler_result summary(registration_service& service, server::request& req, std::string_view what) {
    auto const id = server::path_id(req, "id");
    if (what == "catering")
        co_return server::json_response(
            200, catering_json(co_await service.catering(id, events::actor_of(req))));
    co_return server::json_response(
        200, attendance_json(co_await service.attendance(id, events::actor_of(req))));
}

handler_result check_in(registration_service& service, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const body = core::parse_json_object(req);
    server::field_errors errors;
    core::json_reader in{body, errors};
    auto const attended = in.boolean("attended", true);
    core::throw_if_invalid(errors);
    auto const event_id = co_await service.check_in(id, *attended, events::actor_of(req));
    co_return server::json_response(
        200, boost::json::object{{"id", id}, {"event_id", event_id}, {"attended", *attended}});
}

}  // namespace

void register_registration_routes(server::router& routes, registration_service& service,
                                  events::event_service& events, auth::auth_service& auth) {
    routes.add(http::verb::post, "/api/v1/events/{id}/registrations",
               [&service](server::request& req) { return create_registration(service, req); });

    struct self_route {
        http::verb method;
        char const* path;
        char const* what;
    };

    for (auto const& r :
         {self_route{http::verb::get, "/api/v1/registrations/{token}", "get"},
          self_route{http::verb::patch, "/api/v1/registrations/{token}", "patch"},
          self_route{http::verb::post, "/api/v1/registrations/{token}/cancel", "cancel"},
          self_route{http::verb::delete_, "/api/v1/registrations/{token}/attendees/{attendee_id}",
                     "remove"}})
        routes.add(r.method, r.path, [&service, &events, what = r.what](server::request& req) {
            return self_service(service, events, req, what);
        });
    register_staff_registration_routes(routes, service, auth);
}

void register_staff_registration_routes(server::router& routes, registration_service& service,
                                        auth::auth_service& auth) {
    auto const steering = auth::require(auth, auth::role::steering);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/registrations",
        [&service](server::request& req) { return list_registrations(service, req); }, steering);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/registrations.csv",
        [&service](server::request& req) { return export_csv(service, req); }, steering);
    for (auto const* what : {"catering", "attendance"})
        routes.add(
            http::verb::get, std::string{"/api/v1/events/{id}/"} + what,
            [&service, what](server::request& req) { return summary(service, req, what); },
            steering);
    routes.add(
        http::verb::post, "/api/v1/attendees/{id}/check-in",
        [&service](server::request& req) { return check_in(service, req); },
        auth::require(auth, auth::role::organiser));
}

}  // namespace samverkan::registrations
