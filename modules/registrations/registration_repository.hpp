#pragma once

#include "modules/registrations/registration_types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::registrations::repository {

/// The arguments of one registration attempt (sql/0003's samverkan_register).
struct register_call {
    long long event_id = 0;
    std::string input_json;  ///< the validated input as the function expects it
    std::string token;       ///< the new manage token (the database keeps its SHA-256)
    std::string base_url;
    std::optional<std::string> idempotency_key;
    std::optional<std::string> rate_key;  ///< client address; none when the limit is off
    int rate_limit = 0;
    bool lock = true;  ///< false only for the concurrency tests' negative control
};

/// One round trip in autocommit: rate limit, event row lock, idempotency, rules, inserts,
/// counters and the confirmation mail in the outbox.
[[nodiscard]] register_outcome register_attendees(soci::session& sql, register_call const& call);

/// The registration a manage token belongs to (any of its tokens), with its attendees.
[[nodiscard]] std::optional<registration> find_by_token(soci::session& sql,
                                                        std::string const& token);

[[nodiscard]] std::optional<registration> find(soci::session& sql, long long id);

/// The event's row lock, taken before any change of seats (the event id of a registration
/// never changes, so it can be read before the lock).
void lock_event(soci::session& sql, long long event_id);

/// Seats and settings of the locked event.
struct event_seats {
    std::string status;
    long long starts_at = 0;
    std::optional<long long> opens_at;
    std::optional<long long> closes_at;
    int capacity = 0;
    int confirmed = 0;
    bool waitlist = true;
    std::optional<int> max_per_organisation;
};

[[nodiscard]] event_seats seats(soci::session& sql, long long event_id);

/// Cancels every active attendee of the registration and the registration itself, adjusting
/// the counters; returns how many seats were freed.
int cancel_registration(soci::session& sql, long long registration_id, long long event_id);

/// Cancels one active attendee; returns its previous status ("" when not found or
/// cancelled already).
std::string cancel_attendee(soci::session& sql, long long registration_id, long long attendee_id,
                            long long event_id);

/// Gives free seats of the (locked) event to the waiting list in (queued_at, id) order and
/// queues a "promoted" mail per attendee; returns how many were promoted.
int promote_waiting(soci::session& sql, long long event_id, std::string const& base_url);

/// Confirmed + waitlisted attendees of the registration's organisation at its event.
[[nodiscard]] int organisation_attendees(soci::session& sql, long long registration_id);

/// Whether another active registration of the event uses this contact e-mail.
[[nodiscard]] bool contact_email_taken(soci::session& sql, long long event_id,
                                       long long registration_id, std::string const& email);

void update_contact(soci::session& sql, long long registration_id, contact_input const& c);

/// Updates an active attendee of the registration; false when there is none with that id.
bool update_attendee(soci::session& sql, long long registration_id, attendee_input const& a);

/// Adds an attendee queued now with `status`; returns its id.
long long add_attendee(soci::session& sql, long long registration_id, long long event_id,
                       attendee_input const& a, std::string const& status);

void adjust_counters(soci::session& sql, long long event_id, int confirmed, int waitlisted);

/// Queues a mail about the registration to its contact: the event, the contact's name and
/// the attendees with their statuses. "{tx}" in `key` becomes the transaction id, for
/// causes that may repeat (each change is its own cause).
void queue_registration_mail(soci::session& sql, long long registration_id, std::string const& key,
                             std::string const& mail_template, std::string const& base_url,
                             std::string const& manage_url);

/// Queues "event_cancelled" to the contact of every active registration and to every
/// active attendee with an own e-mail address.
void queue_event_cancelled(soci::session& sql, long long event_id, std::string const& base_url);

/// Deletes stored answers of Idempotency-Keys older than 24 hours (replays end there, and
/// each answer holds a manage link); returns how many.
long long forget_old_idempotency_keys(soci::session& sql);

/// The invitation behind a link's token for this event (tokens are stored as SHA-256 of
/// the token's UTF-8 bytes), or nullopt.
[[nodiscard]] std::optional<invitation_prefill> invitation(soci::session& sql, long long event_id,
                                                           std::string const& token);

// --- staff ------------------------------------------------------------------------------

/// The event's registrations (all, cancelled too) whose contact, organisation or attendees
/// match `search` (case-insensitive substring; "" matches all), newest last.
[[nodiscard]] std::vector<registration> list_for_event(soci::session& sql, long long event_id,
                                                       std::string const& search);

/// Confirmed attendees' dietary choices and free texts.
[[nodiscard]] catering_summary catering(soci::session& sql, long long event_id);

/// Sets a confirmed attendee's attendance: true checked in, false did not come, nullopt
/// unknown (a check-in undone). Writes only when the value changes, so two organisers
/// checking in at once make one check-in. `event_id` 0 means any event. Returns the state
/// after the call (an attendee that is not confirmed is returned unchanged), nullopt when
/// there is no such attendee (in that event).
[[nodiscard]] std::optional<check_in_change> set_attendance(soci::session& sql,
                                                            long long attendee_id,
                                                            long long event_id,
                                                            std::optional<bool> attended);

/// The door's list: the event's confirmed attendees whose name or organisation matches
/// `search` (case and accents ignored), in Swedish alphabetical order, and the counts.
[[nodiscard]] check_in_list check_in_list_for_event(soci::session& sql, long long event_id,
                                                    std::string const& search);

[[nodiscard]] attendance_summary attendance(soci::session& sql, long long event_id);

}  // namespace samverkan::registrations::repository
