#pragma once

// The door's staff pages (Swedish, texts from web/messages/door.msg):
// - GET /staff/events/{id}/check-in (steering+ may look; organisers get the buttons): the
//   confirmed attendees in alphabetical order, ?q= searching name and organisation, the
//   counts (arrived of confirmed, walk-ins, per role); printed, an alphabetical list to tick.
// - POST …/check-in/{attendee_id} and …/undo (organiser, CSRF form field): 303 back to the
//   list, the same search and the attendee's row, with a status line naming the attendee.
// - GET/POST /staff/events/{id}/walk-ins (organiser): someone who came without registering,
//   checked in at once (API.md "Registrations (staff)"), the organisation picked from the
//   register by its name or typed new.
// - GET/POST /staff/events/{id}/attendance-list (organiser): the paper list after the event,
//   every confirmed attendee ticked or not, saved in one transaction.
#include "modules/core/messages.hpp"
#include "modules/events/event_types.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace samverkan::server {
class router;
struct request;
}  // namespace samverkan::server

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

/// What every door handler works with.
struct door_deps {
    staff_registration_service& service;
    events::event_service& events;
    core::page_renderer const& pages;
};

/// Every door page's data: the staff frame, the event and the door's paths.
[[nodiscard]] boost::json::object door_page_data(server::request const& req, events::event const& e,
                                                 core::wording const& w,
                                                 std::string const& title_key);

void register_door_pages(server::router& routes, staff_registration_service& service,
                         events::event_service& events, auth::auth_service& auth,
                         core::page_renderer const& pages);

/// The walk-in form and the paper list (door_forms.cpp); called by register_door_pages.
void register_door_forms(server::router& routes, staff_registration_service& service,
                         events::event_service& events, auth::auth_service& auth,
                         core::page_renderer const& pages);

}  // namespace samverkan::registrations
