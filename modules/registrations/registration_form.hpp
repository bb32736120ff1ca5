#pragma once

// The registration and manage forms as page data: every field with its label, what was
// typed, its error (linked from the error summary at the top) and the ids that tie them
// together for screen readers (aria-describedby).
#include "modules/core/messages.hpp"
#include "modules/registrations/registration_input.hpp"
#include "modules/registrations/registration_types.hpp"
#include "server/api_error.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>

namespace samverkan::registrations {

/// What the form shows: what was typed, what is wrong, and how many attendee fieldsets.
struct form_state {
    raw_registration typed;
    server::field_errors errors;
    std::optional<server::message> general_error;  ///< belongs to no field (full, closed …)
    std::size_t attendee_count = 1;
    std::string form_token;  ///< the idempotency key of this form: a double click registers once
};

/// The element id of a field path: "attendees[1].name" → "f-attendees-1-name".
[[nodiscard]] std::string field_id(std::string_view path);

/// The registration form's data (fields, attendee fieldsets, error summary) for
/// templates/_registration_form.mustache, its labels and errors in `words`' language.
[[nodiscard]] boost::json::object registration_form_view(form_state const& state,
                                                         core::wording const& words);

/// The manage page's edit form: contact and the active attendees (ids kept in hidden
/// fields) plus one blank fieldset for a new attendee.
[[nodiscard]] boost::json::object manage_form_view(form_state const& state,
                                                   core::wording const& words);

/// What a stored registration looks like in the manage form before any change.
[[nodiscard]] raw_registration typed_from(registration const& r);

}  // namespace samverkan::registrations
