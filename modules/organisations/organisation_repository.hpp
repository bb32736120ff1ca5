#pragma once

#include "modules/organisations/organisation_types.hpp"

#include <optional>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::organisations::repository {

[[nodiscard]] std::vector<organisation> list(soci::session& sql, organisation_filter const& f);

/// With its contacts; nullopt when there is no such organisation.
[[nodiscard]] std::optional<organisation> find(soci::session& sql, long long id);

/// The organisation with this organisationsnummer, or else (when `org_number` is "" or
/// unknown) the one with this name (case-insensitive); 0 when none.
[[nodiscard]] long long find_id_by_number(soci::session& sql, std::string const& org_number);
[[nodiscard]] long long find_id_by_name(soci::session& sql, std::string const& name);

/// Inserts the organisation (not its contacts); returns the id.
long long insert(soci::session& sql, organisation const& o);

/// Writes every field of `o` (not its contacts).
void update(soci::session& sql, organisation const& o);

/// Adds the contact or, when the organisation has one with this e-mail, updates its name
/// and phone. Returns 0 when nothing changed, 1 when added, 2 when updated.
int upsert_contact(soci::session& sql, long long organisation_id, contact const& c);

/// Removes the organisation's contacts whose e-mail is not among `keep` (lower-cased).
void remove_other_contacts(soci::session& sql, long long organisation_id,
                           std::vector<std::string> const& keep);

/// A savepoint for one row of an import, and its release or rollback.
void savepoint(soci::session& sql);
void release_savepoint(soci::session& sql);
void rollback_to_savepoint(soci::session& sql);

}  // namespace samverkan::organisations::repository
