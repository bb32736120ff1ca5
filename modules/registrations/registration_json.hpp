#pragma once

#include "modules/registrations/registration_types.hpp"

#include <boost/json/fwd.hpp>

namespace samverkan::registrations {

/// An attendee for the API: id, name, email, affiliation, status, waitlist_position,
/// attended, and the needs (dietary, dietary_other, accessibility) only `with_needs`: they
/// can reveal health or religion and are for the contact, organisers and admins alone.
[[nodiscard]] boost::json::object attendee_json(attendee const& a, bool with_needs);

/// A registration for the API without its event: id, event_id, status, organisation,
/// contact, attendees, created_at, cancelled_at.
[[nodiscard]] boost::json::object registration_json(registration const& r, bool with_needs);

[[nodiscard]] boost::json::object catering_json(catering_summary const& c);

[[nodiscard]] boost::json::object attendance_json(attendance_summary const& a);

}  // namespace samverkan::registrations
