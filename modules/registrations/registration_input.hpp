#pragma once

// Registration input from the API (JSON) and from the page's form, checked by one set of
// rules (API.md "Registrations (public)"); the problems are catalogue messages, put into
// words in the reader's language where the answer is made.
#include "modules/registrations/registration_types.hpp"
#include "server/api_error.hpp"

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::core {
class field_reader;
class form_input;
}  // namespace samverkan::core

namespace samverkan::registrations {

/// Fields as sent, before the rules; absent text is "".
struct raw_attendee {
    std::string id;  ///< an existing attendee's id in a change; "" for a new one
    std::string name;
    std::string email;
    std::string affiliation;
    std::vector<std::string> dietary;
    std::string dietary_other;
    std::string accessibility;

    /// Whether anything was filled in (blank extra fieldsets of the form are ignored).
    [[nodiscard]] bool any() const;
};

struct raw_registration {
    bool form = false;  ///< from the page: blank extra attendee fieldsets are left out
    bool organisation_given = false;
    std::string organisation_name;
    std::string org_number;
    bool contact_given = false;
    std::string contact_name;
    std::string contact_email;
    std::string contact_phone;
    std::vector<raw_attendee> attendees;
    bool consent = false;
    std::string language;
    std::string invitation;
};

/// The fields as sent, through the one field reader: the JSON body (a value of the wrong
/// JSON type is a 400 at once) or the page's form, whose fields are named like the JSON
/// paths ("contact.name", "attendees[0].dietary"). Blank extra fieldsets of the form are
/// left out later, by the rules.
[[nodiscard]] raw_registration raw_from(core::field_reader& in);
[[nodiscard]] raw_registration raw_from_json(boost::json::object const& body);
[[nodiscard]] raw_registration raw_from_form(core::form_input const& form);

/// Checks every rule and collects every problem, as a catalogue message, under its field
/// path ("attendees[1].name", 0-based).
[[nodiscard]] registration_input validate_registration(raw_registration const& raw,
                                                       server::field_errors& errors);

/// A self-service change: a whole new contact when given, attendees to update or add.
[[nodiscard]] registration_changes validate_changes(raw_registration const& raw,
                                                    server::field_errors& errors);

/// A walk-in at the door (API.md "Registrations (staff)"): the organisation (an id from the
/// register, or a name and number) and 1–10 attendees with name, affiliation and e-mail.
[[nodiscard]] walk_in_input read_walk_in(core::field_reader& in);

}  // namespace samverkan::registrations
