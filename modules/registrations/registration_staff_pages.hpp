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

class registration_service;

/// GET /staff/events/{id} (steering+): the event, its confirmed attendees, the waiting list
/// in order and the cancelled, searchable with ?q=, the catering summary and the CSV link;
/// and the door's check-in page (registration_check_in_pages.hpp).
void register_registration_staff_pages(server::router& routes, registration_service& service,
                                       events::event_service& events, auth::auth_service& auth,
                                       core::page_renderer const& pages);

}  // namespace samverkan::registrations
