#pragma once

#include "modules/core/staff.hpp"

#include <optional>
#include <string>
#include <vector>

namespace samverkan::organisations {

/// A contact person of an organisation.
struct contact {
    long long id = 0;
    std::string name;
    std::string email;
    std::string phone;  ///< "" when none
};

/// An organisation of the register. Optional texts are "" when not set;
/// `agreement_joined_on` is "YYYY-MM-DD" or "".
struct organisation {
    long long id = 0;
    std::string name;
    std::string org_number;
    std::string kind = "association";
    std::string area;
    std::string locality;
    std::string agreement_joined_on;
    std::vector<contact> contacts;
    long long created_at = 0;
    long long updated_at = 0;
};

/// Which organisations a list shows.
struct organisation_filter {
    std::string query;  ///< matches name, organisationsnummer, locality or a contact's e-mail
    std::string kind;
    std::string area;
    bool agreement_members_only = false;
    int limit = 1000;
};

/// A PATCH: only the fields given change (an optional text given as "" is cleared);
/// contacts, when given, replace the list (matched by e-mail, so ids stay).
struct organisation_patch {
    std::optional<std::string> name;
    std::optional<std::string> org_number;
    std::optional<std::string> kind;
    std::optional<std::string> area;
    std::optional<std::string> locality;
    std::optional<std::string> agreement_joined_on;
    std::optional<std::vector<contact>> contacts;
};

struct import_rejection {
    int line = 0;
    std::string error;     ///< English, for the API
    std::string error_sv;  ///< the same in Swedish, for the staff page
};

/// What a CSV import did: organisations created, updated (something changed), unchanged,
/// and the lines it could not use.
struct import_result {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    std::vector<import_rejection> rejected;
};

/// Who makes a change (for the audit log).
using actor = core::actor;

/// The allowed `kind` and `area` values (API.md).
[[nodiscard]] std::vector<std::string_view> const& kinds();
[[nodiscard]] std::vector<std::string_view> const& areas();

}  // namespace samverkan::organisations
