#pragma once

// What staff do with registrations: the lists (audited as views of personal data), the
// catering summary, the door's check-in, attendance, and cancelling a registration (undoing
// a flood). No HTTP here; errors are server::api_error.
#include "modules/events/event_types.hpp"
#include "modules/registrations/registration_settings.hpp"
#include "modules/registrations/registration_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

namespace samverkan::db {
class database;
}

namespace samverkan::events {
class event_listing;
class event_service;
}  // namespace samverkan::events

namespace samverkan::registrations {

class staff_registration_service {
public:
    staff_registration_service(db::database& db, events::event_service& events,
                               events::event_listing& listing,
                               registration_settings const& settings);

    /// Every registration of the event matching `search`, recorded in the audit log as a
    /// view of personal data (`action`).
    asio::awaitable<std::vector<registration>> list_for_event(long long event_id,
                                                              std::string search, events::actor who,
                                                              std::string action);

    asio::awaitable<catering_summary> catering(long long event_id, events::actor who);

    /// Marks a confirmed attendee as attended (true) or not (false); 404 unknown, 409 when
    /// the attendee is not confirmed. Returns the attendee's event id.
    asio::awaitable<long long> check_in(long long attendee_id, bool attended, events::actor who);

    /// The door: sets the attendance of a confirmed attendee of `event_id` (true checked in,
    /// nullopt a check-in undone); a repeat changes nothing and says so (`changed` false).
    /// Each change is audited in its transaction. 404 when the attendee is not the event's,
    /// 409 when not confirmed.
    asio::awaitable<check_in_change> set_attendance(long long event_id, long long attendee_id,
                                                    std::optional<bool> attended,
                                                    events::actor who);

    /// The door's list of confirmed attendees matching `search`, audited as a view.
    asio::awaitable<check_in_list> list_for_check_in(long long event_id, std::string search,
                                                     events::actor who);

    asio::awaitable<attendance_summary> attendance(long long event_id, events::actor who);

    /// An organiser cancels a registration of the event (until the event ends): its seats
    /// go to the waiting list and the contact is told; audited. Cancelling twice changes
    /// nothing. 404 when the registration is not the event's. Returns the registration as
    /// it is afterwards.
    asio::awaitable<registration> cancel_registration(long long event_id, long long registration_id,
                                                      events::actor who);

    /// Walk-ins (API.md "Registrations (staff)"): checked in at once, over capacity when the
    /// room is full, matched to the register; audited, no mail. 404 unknown event, 409 for a
    /// cancelled one, 422 an organisation id not in the register.
    asio::awaitable<walk_in_receipt> add_walk_ins(long long event_id, walk_in_input input,
                                                  events::actor who);

    /// The paper list after the event: exactly the `attended` confirmed attendees checked
    /// in, in one transaction with one audit row; returns how many changed.
    asio::awaitable<int> save_attendance_list(long long event_id, std::vector<long long> attended,
                                              events::actor who);

    /// The register's names, for the door's walk-in form.
    asio::awaitable<std::vector<std::string>> organisation_names();

private:
    db::database& db_;
    events::event_service& events_;
    events::event_listing& listing_;
    registration_settings settings_;
};

}  // namespace samverkan::registrations
