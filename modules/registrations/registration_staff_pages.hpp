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
}

namespace samverkan::registrations {

class staff_registration_service;

/// GET /staff/events/{id} (steering+): the event, its confirmed attendees, the waiting list
/// in order and the cancelled, searchable with ?q=, the CSV link, and for organisers and
/// admins the needs and the catering summary.
/// And the door's pages (door_pages.hpp).
void register_registration_staff_pages(server::router& routes, staff_registration_service& service,
                                       events::event_service& events, auth::auth_service& auth,
                                       core::page_renderer const& pages);

}  // namespace samverkan::registrations
