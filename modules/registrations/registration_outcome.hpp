#pragma once

// What a registration or a self-service change came to, as the database's rules decide it
// (sql/functions/40_registrations.sql): the named outcomes both sides share, and the one
// place where a refusal becomes an answer.
#include "modules/events/event_types.hpp"
#include "server/api_error.hpp"

#include <array>
#include <string_view>

namespace samverkan::registrations {

/// The database type registration_outcome (sql/0006), value for value and in its order.
enum class registration_outcome {
    created,
    replayed,
    changed,
    unchanged,
    cancelled,
    rate_limited,
    not_found,
    registration_closed,
    event_full,
    duplicate_registration,
    organisation_limit,
    idempotency_conflict,
    registration_cancelled,
    unknown_attendee,
    too_many_attendees,
    unknown_organisation,
};

/// Every value's name, in the order of the database type.
[[nodiscard]] std::array<std::string_view, 16> const& outcome_names();

/// "created" → registration_outcome::created …; throws std::invalid_argument otherwise.
[[nodiscard]] registration_outcome outcome_from_sql(std::string_view text);

/// What the rules said besides the outcome.
struct rule_answer {
    registration_outcome outcome = registration_outcome::not_found;
    int detail = 0;  ///< seconds to wait, seats or room left, or an attendee id, by outcome
    events::registration_window reason = events::registration_window::open;  ///< when closed
};

/// Whether the outcome is a success (created, replayed, changed, unchanged, cancelled).
[[nodiscard]] bool succeeded(registration_outcome o);

/// The answer to a refusal (404, 409, 422 or 429 with API.md's error codes); its texts are
/// catalogue messages.
[[nodiscard]] server::api_error refusal(rule_answer const& answer);

/// Why an event takes no registrations.
[[nodiscard]] server::message closed_reason(events::registration_window window);

}  // namespace samverkan::registrations
