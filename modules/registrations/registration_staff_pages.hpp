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
/// The door's check-in page: GET /staff/events/{id}/check-in (steering+ may look; only
/// organisers get the buttons), ?q= searches name and organisation; POST
/// /staff/events/{id}/check-in/{attendee_id} and …/undo (organiser, CSRF form field) answer
/// 303 back to the list, the same search and the attendee's row.
void register_registration_staff_pages(server::router& routes, staff_registration_service& service,
                                       events::event_service& events, auth::auth_service& auth,
                                       core::page_renderer const& pages);

}  // namespace samverkan::registrations
