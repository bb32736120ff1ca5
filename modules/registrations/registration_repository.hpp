#pragma once

// The registrations module's SQL: each public and self-service operation is one call of
// its rule function (sql/functions/40_registrations.sql); the staff side reads and checks in.
#include "modules/registrations/registration_outcome.hpp"
#include "modules/registrations/registration_types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::registrations::repository {

/// The arguments of one registration attempt (samverkan_register).
struct register_call {
    long long event_id = 0;
    registration_input const* input = nullptr;
    std::string token;  ///< the new manage token (the database keeps its SHA-256)
    std::string base_url;
    std::optional<std::string> idempotency_key;
    std::optional<std::string> rate_key;  ///< the client address; none when the limit is off
    int rate_budget = 0;                  ///< seats a minute
    bool lock = true;                     ///< false only for the concurrency tests' control
};

struct register_result {
    rule_answer answer;
    std::optional<registration_receipt> receipt;  ///< for created and replayed
};

/// One round trip in autocommit: rate limit, event row lock, idempotency, rules, inserts,
/// counters and the confirmation mail.
[[nodiscard]] register_result register_attendees(soci::session& sql, register_call const& call);

/// The registration behind a manage token, and the manage routes' limits.
struct manage_access {
    std::optional<long long> registration_id;
    int retry_after = 0;  ///< > 0: a limit is reached
};

[[nodiscard]] manage_access access(soci::session& sql, std::string const& token,
                                   std::string const& client_address, int budget);

[[nodiscard]] std::optional<registration> find(soci::session& sql, long long id);

/// Where the door code leads (door_link_repository.cpp); nullopt when no registration has it
/// or it has no attendee.
[[nodiscard]] std::optional<door_target> find_door_target(soci::session& sql,
                                                          std::string const& door_code);

/// Self-service change (samverkan_change_registration), one round trip.
[[nodiscard]] rule_answer change(soci::session& sql, long long registration_id,
                                 registration_changes const& changes, std::string const& token,
                                 std::string const& base_url);

/// Cancels the whole registration (samverkan_cancel_registration), one round trip.
[[nodiscard]] rule_answer cancel(soci::session& sql, long long registration_id, bool by_organiser,
                                 std::string const& base_url);

/// A contact's erasure through the manage link (samverkan_registration_self_erase, in
/// sql/functions/45_registrations_privacy.sql): cancelled where the rules allow, then the
/// contact, every attendee and the mail about it anonymised or purged. One round trip.
void erase(soci::session& sql, long long registration_id, std::string const& base_url);

/// Cancels one attendee (samverkan_cancel_attendee), one round trip.
[[nodiscard]] rule_answer cancel_attendee(soci::session& sql, long long registration_id,
                                          long long attendee_id, std::string const& token,
                                          std::string const& base_url);

/// Gives free seats of the (locked) event to the waiting list; returns how many moved up.
int promote_waiting(soci::session& sql, long long event_id, std::string const& base_url);

/// Queues "event_cancelled" to every active registration's contact and attendee.
void queue_event_cancelled(soci::session& sql, long long event_id, std::string const& base_url);

/// How many mails queue_event_cancelled would queue now (the same recipients' function).
[[nodiscard]] long long count_event_cancelled(soci::session& sql, long long event_id);

/// Deletes stored answers of Idempotency-Keys older than 24 hours (replays end there, and
/// each answer holds a manage token); returns how many.
long long forget_old_idempotency_keys(soci::session& sql);

/// The invitation behind a link's token for this event (tokens are stored as SHA-256 of
/// the token's UTF-8 bytes), or nullopt.
[[nodiscard]] std::optional<invitation_prefill> invitation(soci::session& sql, long long event_id,
                                                           std::string const& token);

// --- staff ------------------------------------------------------------------------------

struct walk_in_result {
    rule_answer answer;
    std::optional<walk_in_receipt> receipt;  ///< when created
};

/// Walk-ins at the door (samverkan_add_walk_ins), one round trip under the event lock.
[[nodiscard]] walk_in_result add_walk_ins(soci::session& sql, long long event_id,
                                          walk_in_input const& input);

/// The paper list: the ticked confirmed attendees checked in, the rest not; returns how
/// many changed.
int save_attendance_list(soci::session& sql, long long event_id,
                         std::vector<long long> const& attended);

/// The register's names, for the door's walk-in form (samverkan_organisation_names).
[[nodiscard]] std::vector<std::string> organisation_names(soci::session& sql);

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
