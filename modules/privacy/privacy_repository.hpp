#pragma once

// The privacy module's SQL: it owns no table of its own, and reaches every other module's
// personal data through that module's privacy door (sql/functions/*_privacy.sql), all in
// the caller's transaction. The only privacy file that includes SOCI.
#include "modules/privacy/privacy_types.hpp"

#include <string>

namespace soci {
class session;
}

namespace samverkan::privacy::repository {

/// One retention run: needs, then identities, invitees, old mail bodies, staff sessions and
/// login attempts, the limits' counters. The cut-offs are this transaction's now() less the
/// policy's days.
[[nodiscard]] retention_counts run_retention(soci::session& sql, retention_policy const& policy);

/// Everything held about `email` (API.md "Personal data"), as JSON text.
[[nodiscard]] std::string subject(soci::session& sql, std::string const& email);

/// Erases `email` everywhere: registrations it is the contact of lose the contact, its
/// attendee rows and invitations are anonymised, organisation contacts deleted, mail to it
/// (and its copies about those registrations) purged.
[[nodiscard]] erase_counts erase_subject(soci::session& sql, std::string const& email);

/// Savepoints, so that a dry run can undo what it did inside the caller's transaction.
void savepoint(soci::session& sql);
void rollback_to_savepoint(soci::session& sql);

}  // namespace samverkan::privacy::repository
