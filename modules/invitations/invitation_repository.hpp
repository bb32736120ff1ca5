#pragma once

#include "modules/invitations/invitation_types.hpp"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::invitations::repository {

/// Locks the event row (so two invitation rounds of one event run one after the other) and
/// returns its status; nullopt when there is no such event.
[[nodiscard]] std::optional<std::string> lock_event(soci::session& sql, long long event_id);

/// The event's status without a lock; nullopt when there is no such event.
[[nodiscard]] std::optional<std::string> event_status(soci::session& sql, long long event_id);

/// Contacts of every organisation, of agreement members, or of the organisations given.
[[nodiscard]] std::vector<recipient> contacts(soci::session& sql, std::string const& audience,
                                              std::vector<long long> const& organisation_ids);

/// Which of `emails` (lower-cased) asked for no more invitations.
[[nodiscard]] std::set<std::string> unsubscribed(soci::session& sql,
                                                 std::vector<std::string> const& emails);

/// Lower-cased addresses already invited to the event.
[[nodiscard]] std::set<std::string> invited(soci::session& sql, long long event_id);

/// Inserts one invitation per recipient (token i for recipient i, stored as its SHA-256)
/// and its outbox row (key "invitation:<id>") in one statement; returns how many.
long long insert(soci::session& sql, long long event_id, std::vector<recipient> const& people,
                 std::vector<std::string> const& tokens, std::string const& base_url);

[[nodiscard]] invitation_status status(soci::session& sql, long long event_id);

/// The address an invitation token was sent to; nullopt for an unknown token.
[[nodiscard]] std::optional<std::string> email_of_token(soci::session& sql,
                                                        std::string const& token);

/// Adds the address to the unsubscribe list (idempotent).
void unsubscribe(soci::session& sql, std::string const& email);

/// Queues one "reminder" (key reminder:registration:<id>, so once) to the contact of every
/// active registration with a confirmed attendee of a published event that starts within
/// `days` days; returns how many were queued now.
long long queue_reminders(soci::session& sql, int days);

/// Registrations of the event with an attendee in one of `statuses` (confirmed,
/// waitlisted, attended, no_show): how many.
[[nodiscard]] long long count_message_recipients(soci::session& sql, long long event_id,
                                                 std::vector<std::string> const& statuses);

/// Stores the message and queues it to each such registration's contact; returns the
/// message id and how many were queued.
std::pair<long long, long long> queue_message(soci::session& sql, long long event_id,
                                              std::string const& subject, std::string const& body,
                                              std::vector<std::string> const& statuses,
                                              long long user_id);

}  // namespace samverkan::invitations::repository
