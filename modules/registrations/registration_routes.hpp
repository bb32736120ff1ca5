#pragma once

// The registrations API (API.md "Registrations (public)" and "(staff)"), one handler per
// route, by audience.
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/fwd.hpp>

namespace samverkan::server {
class router;
}

namespace samverkan::auth {
class auth_service;
}

namespace samverkan::events {
class event_service;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::registrations {

class public_registration_service;
class self_service;
class staff_registration_service;
struct registration;
struct registration_receipt;

/// POST /api/v1/events/{id}/registrations.
void register_public_registration_routes(server::router& routes,
                                         public_registration_service& service);

/// GET and PATCH /api/v1/registrations/{token}, POST …/cancel, DELETE …/attendees/{id}.
void register_self_service_routes(server::router& routes, self_service& service,
                                  events::event_service& events);

/// Lists with search, CSV (its words from `pages`' catalogue, in Swedish), catering,
/// check-in, attendance, walk-ins, cancelling a registration.
void register_staff_registration_routes(server::router& routes, staff_registration_service& service,
                                        auth::auth_service& auth, core::page_renderer const& pages);

/// API.md's 201 body: id, event_id, status, attendees, manage_url.
[[nodiscard]] boost::json::object receipt_json(registration_receipt const& r,
                                               std::string_view manage_url);

}  // namespace samverkan::registrations
