#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::events {
class event_service;
}

namespace samverkan::registrations {

class public_registration_service;
class self_service;

/// The event page with the registration form: GET and POST /events/{id}; then the manage
/// pages.
void register_registration_pages(server::router& routes, public_registration_service& service,
                                 self_service& manage, events::event_service& events,
                                 core::page_renderer const& pages);

/// The manage pages behind the personal link: GET/POST /r/{token}, cancelling one attendee
/// (POST /r/{token}/attendees/{attendee_id}/avboka) or all (GET/POST /r/{token}/avboka).
void register_manage_pages(server::router& routes, self_service& service,
                           events::event_service& events, core::page_renderer const& pages);

}  // namespace samverkan::registrations
