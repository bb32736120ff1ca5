#include "modules/events/event_routes.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_ics.hpp"
#include "modules/events/event_input.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace samverkan::events {

using server::api_error;
using server::error_kind;
using server::message;

namespace {

using core::actor_of;

using handler_result = asio::awaitable<server::response>;

std::optional<long long> query_time(server::request const& req, std::string_view name) {
    auto const text = req.query_param(name);
    if (!text || text->empty()) return std::nullopt;
    auto t = text->size() == 10 ? core::parse_local_datetime(std::string{*text} + "T00:00")
                                : core::parse_rfc3339(*text);
    if (!t)
        throw api_error(error_kind::bad_request,
                        message::of("event.query.time", {{"name", std::string{name}}}));
    return core::to_epoch(*t);
}

boost::json::object events_body(std::vector<event> const& items) {
    boost::json::array out;
    for (auto const& e : items) out.push_back(event_json(e));
    return boost::json::object{{"events", std::move(out)}};
}

server::response calendar_response(std::string body) {
    auto res = server::text_response(200, std::move(body), "text/calendar; charset=utf-8");
    res.set(http::field::cache_control, "no-cache");
    return res;
}

}  // namespace

event_filter filter_from_query(server::request const& req) {
    event_filter filter;
    filter.from = query_time(req, "from");
    filter.to = query_time(req, "to");
    if (auto kind = req.query_param("kind"); kind && !kind->empty()) {
        if (std::find(event_kinds.begin(), event_kinds.end(), *kind) == event_kinds.end())
            throw api_error(error_kind::bad_request, message::of("event.query.kind"));
        filter.kind = std::string{*kind};
    }
    if (auto include = req.query_param("include"); include && !include->empty()) {
        if (*include != "all")
            throw api_error(error_kind::bad_request, message::of("event.query.include"));
        filter.include_all = true;
    }
    return filter;
}

namespace {

handler_result list_events(event_service& events, server::guard const& staff_check,
                           server::request& req) {
    auto filter = filter_from_query(req);
    if (!filter.include_all)
        co_return server::json_response(200, events_body(co_await events.list_public(filter)));
    co_await staff_check(req);  // drafts are for staff only
    co_return server::json_response(200, events_body(co_await events.list_all(filter)));
}

handler_result get_event(event_service& events, server::request& req) {
    auto found = co_await events.find_public(server::path_id(req, "id"));
    if (!found) throw api_error(error_kind::not_found, message::of("event.no_such_event"));
    co_return server::json_response(200, event_json(*found));
}

handler_result create_event(event_service& events, server::request& req) {
    auto const body = core::parse_json_object(req);
    event e;
    server::field_errors errors;
    core::field_reader in{body, errors};
    read_event(in, e, true);
    core::throw_if_invalid(errors);
    auto created = co_await events.create(std::move(e), actor_of(req));
    co_return server::json_response(201, event_json(created));
}

handler_result patch_event(event_service& events, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const body = core::parse_json_object(req);
    auto updated = co_await events.update(
        id,
        [&body](event& e, server::field_errors& errors) {
            core::field_reader in{body, errors};
            read_event(in, e, false);
        },
        actor_of(req));
    co_return server::json_response(200, event_json(updated));
}

/// The optional {"reason"} of a cancellation.
std::string cancel_reason(server::request const& req) {
    if (req.message.body().empty()) return {};
    auto const body = core::parse_json_object(req);
    server::field_errors errors;
    core::field_reader in{body, errors};
    auto reason = read_cancel_reason(in);
    core::throw_if_invalid(errors);
    return reason;
}

/// The optional {"starts_at"} of a copy.
std::optional<long long> copy_start(server::request const& req) {
    if (req.message.body().empty()) return std::nullopt;
    auto const body = core::parse_json_object(req);
    auto const* v = body.if_contains("starts_at");
    if (v == nullptr || v->is_null()) return std::nullopt;
    auto const t = v->is_string() ? core::parse_rfc3339(v->get_string()) : std::nullopt;
    if (!t)
        throw api_error(error_kind::validation_failed, message::of("input.invalid"))
            .with_fields({{"starts_at", message::of("event.field.copy_time")}});
    return core::to_epoch(*t);
}

handler_result publish_event(event_service& events, server::request& req) {
    auto e = co_await events.publish(server::path_id(req, "id"), actor_of(req));
    co_return server::json_response(200, event_json(e));
}

handler_result cancel_event(event_service& events, server::request& req) {
    auto e = co_await events.cancel(server::path_id(req, "id"), cancel_reason(req), actor_of(req));
    co_return server::json_response(200, event_json(e));
}

handler_result copy_event(event_service& events, server::request& req) {
    auto e = co_await events.copy(server::path_id(req, "id"), copy_start(req), actor_of(req));
    co_return server::json_response(201, event_json(e));
}

handler_result calendar(event_service& events, std::string const& base_url, server::request& req) {
    if (req.path_param("id")) {
        auto found = co_await events.find_public(server::path_id(req, "id"));
        if (!found) throw api_error(error_kind::not_found, message::of("event.no_such_event"));
        co_return calendar_response(events_ics({*found}, base_url, event_service::now()));
    }
    // A named filter: g++ 12 frees a brace-initialised temporary argument of a coroutine call
    // inside co_await wrongly.
    event_filter const everything;
    auto items = co_await events.list_public(everything);
    co_return calendar_response(events_ics(items, base_url, event_service::now()));
}

}  // namespace

void register_event_routes(server::router& routes, event_service& events, auth::auth_service& auth,
                           std::string base_url) {
    auto const organiser = auth::require(auth, auth::role::organiser);
    auto const staff_check = auth::require(auth, auth::role::steering).check;
    routes.add(http::verb::get, "/api/v1/events",
               [&events, staff_check](server::request& req) -> handler_result {
                   return list_events(events, staff_check, req);
               });
    routes.add(http::verb::get, "/api/v1/events/{id}",
               [&events](server::request& req) { return get_event(events, req); });
    routes.add(
        http::verb::post, "/api/v1/events",
        [&events](server::request& req) { return create_event(events, req); }, organiser);
    routes.add(
        http::verb::patch, "/api/v1/events/{id}",
        [&events](server::request& req) { return patch_event(events, req); }, organiser);
    routes.add(
        http::verb::post, "/api/v1/events/{id}/publish",
        [&events](server::request& req) { return publish_event(events, req); }, organiser);
    routes.add(
        http::verb::post, "/api/v1/events/{id}/cancel",
        [&events](server::request& req) { return cancel_event(events, req); }, organiser);
    routes.add(
        http::verb::post, "/api/v1/events/{id}/copy",
        [&events](server::request& req) { return copy_event(events, req); }, organiser);
    // Calendars: before /events/{id}, whose pattern would otherwise take "3.ics" as an id.
    for (auto const* path : {"/events.ics", "/events/{id}.ics"})
        routes.add(http::verb::get, path, [&events, base_url](server::request& req) {
            return calendar(events, base_url, req);
        });
}

}  // namespace samverkan::events
