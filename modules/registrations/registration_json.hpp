#pragma once

#include "modules/registrations/registration_types.hpp"

#include <boost/json/fwd.hpp>

namespace samverkan::registrations {

/// An attendee for the API: id, name, email, affiliation, needs, status, waitlist_position
/// and (for staff) attended.
[[nodiscard]] boost::json::object attendee_json(attendee const& a);

/// A registration for the API without its event: id, event_id, status, organisation,
/// contact, attendees, created_at, cancelled_at.
[[nodiscard]] boost::json::object registration_json(registration const& r);

[[nodiscard]] boost::json::object catering_json(catering_summary const& c);

[[nodiscard]] boost::json::object attendance_json(attendance_summary const& a);

}  // namespace samverkan::registrations
