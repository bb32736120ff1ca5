#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::auth {
class auth_service;
}

namespace samverkan::events {

class event_service;

/// Staff pages: GET /staff/events (steering+); GET/POST /staff/events/new and
/// /staff/events/{id}/edit, POST /staff/events/{id}/publish and /copy, GET
/// /staff/events/{id}/cancel (what cancelling would do: how many it mails) and POST
/// /staff/events/{id}/cancel (organiser).
void register_event_staff_pages(server::router& routes, event_service& events,
                                auth::auth_service& auth, core::page_renderer const& pages);

}  // namespace samverkan::events
