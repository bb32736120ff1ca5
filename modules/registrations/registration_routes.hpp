#pragma once

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

namespace samverkan::registrations {

class registration_service;
struct registration;

/// API.md "Registrations (public)": POST /api/v1/events/{id}/registrations and the
/// self-service API under /api/v1/registrations/{token}; then the staff routes.
void register_registration_routes(server::router& routes, registration_service& service,
                                  events::event_service& events, auth::auth_service& auth);

/// API.md "Registrations (staff)": lists with search, CSV, catering, check-in, attendance.
void register_staff_registration_routes(server::router& routes, registration_service& service,
                                        auth::auth_service& auth);

/// The self-service answer: the registration with its event.
asio::awaitable<boost::json::object> manage_json(registration const& r,
                                                 events::event_service& events);

}  // namespace samverkan::registrations
