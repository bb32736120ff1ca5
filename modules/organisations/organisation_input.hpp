#pragma once

// Reading the register's input: one rule per field, applied alike to the API's JSON, the
// staff form (both read through core::field_reader) and the CSV import (cell by cell).
#include "modules/organisations/organisation_types.hpp"
#include "server/api_error.hpp"

#include <optional>
#include <string>

namespace samverkan::core {
class field_reader;
}

namespace samverkan::organisations {

/// The register's fields; contact_* are a contact's (in JSON "contacts[i].name" …).
enum class field {
    name,
    org_number,
    kind,
    area,
    locality,
    agreement_joined_on,
    contact_name,
    contact_email,
    contact_phone
};

/// Applies `f`'s rule to `value`: trims it and puts it as the register keeps it
/// ("802400-1235"; "village_association" for "byalag"; "rural" for "landsbygd"), and says
/// what is wrong with it (a catalogue message), nullopt when nothing. Empty passes for the
/// optional fields (kind: "association"); a refused value is left as it was sent, trimmed.
[[nodiscard]] std::optional<server::message> check_field(field f, std::string& value);

/// A new organisation from the API's JSON or the staff form; every problem goes into the
/// reader's errors under its path ("name", "org_number", "contacts[1].email" …). A JSON
/// value of the wrong type is a problem of its field too (422, not 400).
///
/// The form's contact rows are "contacts[i].name|email|phone"; a row without an address is
/// no contact (emptying the address removes one), and its address stands in for a missing
/// name. In JSON every entry of "contacts" is a contact and needs both.
[[nodiscard]] organisation read_organisation(core::field_reader& in);

/// A PATCH: only the keys present change (null clears an optional field; "contacts"
/// replaces the list). A form gives every field.
[[nodiscard]] organisation_patch read_patch(core::field_reader& in);

}  // namespace samverkan::organisations
