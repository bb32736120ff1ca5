// The staff side of the registrations API (API.md "Registrations (staff)"): one handler per
// route. Need-to-know: dietary and accessibility needs reach organisers and admins only —
// steering gets the lists without them and no catering summary.
#include "modules/auth/auth.hpp"
#include "modules/core/json_input.hpp"
#include "modules/events/event_routes.hpp"
#include "modules/registrations/registration_csv.hpp"
#include "modules/registrations/registration_input.hpp"
#include "modules/registrations/registration_json.hpp"
#include "modules/registrations/registration_routes.hpp"
#include "modules/registrations/staff_registration_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace samverkan::registrations {

namespace {

using handler_result = asio::awaitable<server::response>;

bool may_see_needs(server::request const& req) {
    return auth::current_user(req).role >= auth::role::organiser;
}

/// Personal data: never kept by a cache on the way.
server::response private_json(boost::json::value const& body) {
    auto res = server::json_response(200, body);
    res.set(http::field::cache_control, "no-store");
    return res;
}

boost::json::array waitlist_json(std::vector<registration> const& items) {
    std::vector<std::pair<int, boost::json::object>> waiting;
    for (auto const& r : items)
        for (auto const& a : r.attendees)
            if (a.waitlist_position > 0)
                waiting.emplace_back(a.waitlist_position,
                                     boost::json::object{{"position", a.waitlist_position},
                                                         {"attendee_id", a.id},
                                                         {"name", a.name},
                                                         {"registration_id", r.id}});
    std::sort(waiting.begin(), waiting.end(),
              [](auto const& x, auto const& y) { return x.first < y.first; });
    boost::json::array out;
    for (auto& [position, item] : waiting) out.push_back(std::move(item));
    return out;
}

handler_result list_registrations(staff_registration_service& service, server::request& req) {
    auto const search = std::string{req.query_param("q").value_or("")};
    std::string const action = "registrations.view";
    auto items = co_await service.list_for_event(server::path_id(req, "id"), search,
                                                 core::actor_of(req), action);
    bool const needs = may_see_needs(req);
    boost::json::array out;
    for (auto const& r : items) out.push_back(registration_json(r, needs));
    co_return private_json(
        boost::json::object{{"registrations", std::move(out)}, {"waitlist", waitlist_json(items)}});
}

handler_result export_csv(staff_registration_service& service, server::request& req) {
    auto const event_id = server::path_id(req, "id");
    std::string const search;
    std::string const action = "registrations.export";
    auto items = co_await service.list_for_event(event_id, search, core::actor_of(req), action);
    auto res = server::text_response(200, registrations_csv(items, may_see_needs(req)),
                                     "text/csv; charset=utf-8");
    res.set(http::field::content_disposition,
            "attachment; filename=\"anmalningar-" + std::to_string(event_id) + ".csv\"");
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

handler_result catering(staff_registration_service& service, server::request& req) {
    auto const id = server::path_id(req, "id");
    co_return private_json(catering_json(co_await service.catering(id, core::actor_of(req))));
}

handler_result attendance(staff_registration_service& service, server::request& req) {
    auto const id = server::path_id(req, "id");
    co_return server::json_response(
        200, attendance_json(co_await service.attendance(id, core::actor_of(req))));
}

handler_result check_in(staff_registration_service& service, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const body = core::parse_json_object(req);
    server::field_errors errors;
    core::field_reader in{body, errors};
    auto const attended = in.boolean("attended", true);
    core::throw_if_invalid(errors);
    auto const event_id = co_await service.check_in(id, *attended, core::actor_of(req));
    co_return server::json_response(
        200, boost::json::object{{"id", id}, {"event_id", event_id}, {"attended", *attended}});
}

handler_result add_walk_ins(staff_registration_service& service, server::request& req) {
    auto const event_id = server::path_id(req, "id");
    auto const body = core::parse_json_object(req);
    server::field_errors errors;
    core::field_reader in{body, errors};
    auto input = read_walk_in(in);
    core::throw_if_invalid(errors);
    auto const r = co_await service.add_walk_ins(event_id, std::move(input), core::actor_of(req));
    boost::json::array attendees;
    for (auto const& a : r.attendees)
        attendees.push_back(boost::json::object{{"id", a.id},
                                                {"name", a.name},
                                                {"status", "confirmed"},
                                                {"attended", true},
                                                {"over_capacity", a.over_capacity}});
    auto res = server::json_response(
        201, boost::json::object{
                 {"id", r.id}, {"event_id", r.event_id}, {"attendees", std::move(attendees)}});
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

handler_result cancel_registration(staff_registration_service& service, server::request& req) {
    auto const event_id = server::path_id(req, "id");
    auto const registration_id = server::path_id(req, "registration_id");
    auto const r =
        co_await service.cancel_registration(event_id, registration_id, core::actor_of(req));
    co_return private_json(registration_json(r, may_see_needs(req)));
}

}  // namespace

void register_staff_registration_routes(server::router& routes, staff_registration_service& service,
                                        auth::auth_service& auth) {
    auto const steering = auth::require(auth, auth::role::steering);
    auto const organiser = auth::require(auth, auth::role::organiser);
    auto& s = service;
    routes.add(
        http::verb::get, "/api/v1/events/{id}/registrations",
        [&s](server::request& req) { return list_registrations(s, req); }, steering);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/registrations.csv",
        [&s](server::request& req) { return export_csv(s, req); }, steering);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/catering",
        [&s](server::request& req) { return catering(s, req); }, organiser);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/attendance",
        [&s](server::request& req) { return attendance(s, req); }, steering);
    routes.add(
        http::verb::post, "/api/v1/attendees/{id}/check-in",
        [&s](server::request& req) { return check_in(s, req); }, organiser);
    routes.add(
        http::verb::post, "/api/v1/events/{id}/walk-ins",
        [&s](server::request& req) { return add_walk_ins(s, req); }, organiser);
    routes.add(
        http::verb::post, "/api/v1/events/{id}/registrations/{registration_id}/cancel",
        [&s](server::request& req) { return cancel_registration(s, req); }, organiser);
}

}  // namespace samverkan::registrations
