#pragma once

#include <string>

namespace samverkan::server {
class router;
struct request;
}  // namespace samverkan::server

namespace samverkan::auth {
class auth_service;
}

namespace samverkan::events {

class event_service;
struct event_filter;

/// The events API (API.md "Events") and the iCalendar feeds:
/// GET /api/v1/events, GET /api/v1/events/{id} (public), POST /api/v1/events, PATCH
/// /api/v1/events/{id}, POST /api/v1/events/{id}/publish|cancel|copy (organiser),
/// GET /events.ics and /events/{id}.ics.
void register_event_routes(server::router& routes, event_service& events, auth::auth_service& auth,
                           std::string base_url);

/// The list filter from ?from=&to=&kind=&include=; 400 for values it does not know.
[[nodiscard]] event_filter filter_from_query(server::request const& req);

}  // namespace samverkan::events
