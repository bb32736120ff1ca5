#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::auth {
class auth_service;
}

namespace samverkan::registrations {

class staff_registration_service;

/// GET /staff/door/{code} (organiser+), the door link of a confirmation's QR code: 303 to
/// the event's check-in page searched for the registration's first attendee, at that row.
/// Without a login the usual redirect to the login page, which comes back here; a steering
/// user gets 403 and a code no registration has 404, neither saying more.
void register_door_link_route(server::router& routes, staff_registration_service& service,
                              auth::auth_service& auth);

}  // namespace samverkan::registrations
