#pragma once

// The registrations module's rules: seats, the waiting list, self-service and the staff
// views. No HTTP here; errors are server::api_error with messages in the caller's language.
#include "modules/events/event_service.hpp"
#include "modules/events/event_types.hpp"
#include "modules/registrations/registration_settings.hpp"
#include "modules/registrations/registration_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::db {
class database;
}

namespace samverkan::events {
class event_listing;
}

namespace samverkan::registrations {

/// The answer to a registration: 201 with API.md's body (the same body again for a
/// repeated Idempotency-Key).
struct register_result {
    std::string body;
    bool replayed = false;
};

class registration_service final : public events::seat_hooks {
public:
    registration_service(db::database& db, events::event_service& events,
                         events::event_listing& listing, registration_settings settings);

    [[nodiscard]] registration_settings const& settings() const { return settings_; }

    /// Registers the attendees (seats in order, the rest to the waiting list) in one round
    /// trip. Errors: 404 unknown or draft event, 409 registration_closed / event_full /
    /// duplicate_registration, 422 max_per_organisation, 429 rate_limited.
    asio::awaitable<register_result> register_attendees(long long event_id,
                                                        registration_input input,
                                                        std::optional<std::string> idempotency_key,
                                                        std::string client_address,
                                                        std::string language = "en");

    /// What the invitation link `token` fills into the form of `event_id`; nullopt when the
    /// token is not an invitation to that event.
    asio::awaitable<std::optional<invitation_prefill>> invitation(long long event_id,
                                                                  std::string token);

    /// The registration behind a manage token; 404 when unknown.
    asio::awaitable<registration> find(std::string token);

    /// Self-service: a new contact, changed attendees, added attendees (who queue for seats
    /// like new ones). 409 after the event started or for a cancelled registration.
    asio::awaitable<registration> change(std::string token, registration_changes changes,
                                         std::string language = "en");

    /// Cancels the whole registration; freed seats go to the waiting list.
    asio::awaitable<registration> cancel(std::string token, std::string language = "en");

    /// Cancels one attendee; a freed seat goes to the waiting list.
    asio::awaitable<registration> remove_attendee(std::string token, long long attendee_id,
                                                  std::string language = "en");

    // --- staff -------------------------------------------------------------------------

    /// Every registration of the event matching `search`, recorded in the audit log as a
    /// view of personal data.
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

    /// Deletes Idempotency-Key answers older than their 24 hours of replay (they hold manage
    /// links); a periodic job. Returns how many.
    asio::awaitable<long long> forget_old_idempotency_keys();

    asio::awaitable<attendance_summary> attendance(long long event_id, events::actor who);

    // --- events::seat_hooks --------------------------------------------------------------
    void capacity_raised(soci::session& sql, long long event_id) override;
    void event_cancelled(soci::session& sql, long long event_id) override;

private:
    template <class F>
    asio::awaitable<registration> change_locked(std::string token, std::string language, F f);

    db::database& db_;
    events::event_service& events_;
    events::event_listing& listing_;
    registration_settings settings_;
};

/// The overall status of a registration's active attendees: confirmed, waitlisted,
/// partially_waitlisted or cancelled.
[[nodiscard]] std::string overall_status(registration const& r);

}  // namespace samverkan::registrations
