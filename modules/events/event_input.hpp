#pragma once

#include "modules/events/event_types.hpp"
#include "server/api_error.hpp"

namespace samverkan::core {
class field_reader;
}

namespace samverkan::events {

/// Reads an event from the API's JSON body or the staff page's form onto `target`: one
/// reader and one set of rules for both, every problem collected in the reader's errors
/// under the field's name ("title", "starts_at" …).
///
/// JSON: for a new event (`creating`) `target` holds the defaults and the required fields
/// must be present; for a PATCH only what is sent changes, and null clears an optional
/// field. Times are RFC 3339 with an offset; a value of the wrong JSON type is a 400 at once.
///
/// A form sends every field, so all of `target` is replaced: an empty field clears, a
/// checkbox not sent is false. Times are datetime-local in Europe/Stockholm. The form has no
/// status; publishing is its own action.
void read_event(core::field_reader& in, event& target, bool creating);

/// The optional reason of a cancellation, one line (the API's {"reason"} or the staff page's
/// form); "" when none or when it breaks the rule (then a problem at "reason").
[[nodiscard]] std::string read_cancel_reason(core::field_reader& in);

/// The rules between fields (API.md): ends after it starts, registration closes no later
/// than the start and not before it opens, capacity ≥ 1, max per organisation ≥ 1.
void check_event(event const& e, server::field_errors& errors);

}  // namespace samverkan::events
