#pragma once

#include "modules/events/event_types.hpp"
#include "server/api_error.hpp"

#include <boost/json/fwd.hpp>

namespace samverkan::core {
class form_input;
}

namespace samverkan::events {

/// Applies the fields present in an API body onto `target`: for a new event `target` holds
/// the defaults and the required fields must be present; for a PATCH only what is sent
/// changes, and null clears an optional field. Field problems go into `errors` (message
/// keys); a value of the wrong JSON type is a 400 at once.
void apply_event_json(boost::json::object const& body, event& target, bool creating,
                      server::field_errors& errors);

/// The staff page's event form (datetime-local fields in Europe/Stockholm, checkboxes).
/// Every field of the form is sent, so all of `target` is replaced.
void apply_event_form(core::form_input const& form, event& target, server::field_errors& errors);

/// The rules between fields (API.md): ends after it starts, registration closes no later
/// than the start and not before it opens, capacity ≥ 1, max per organisation ≥ 1.
void check_event(event const& e, server::field_errors& errors);

}  // namespace samverkan::events
