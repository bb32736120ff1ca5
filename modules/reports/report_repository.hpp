#pragma once

// The reports' SQL: the only file of the module that includes SOCI. Every figure comes from
// samverkan_participation_report() (sql/functions/70_reports.sql), one aggregate statement.
#include <string>

namespace soci {
class session;
}

namespace samverkan::reports::repository {

/// Folds the changes noted since the last fold into the summaries (its own transaction, a
/// no-op when there are none or another session is folding); returns how many it took.
int fold(soci::session& sql);

/// API.md's participation report for `from`..`to` ("YYYY-MM-DD", valid, from ≤ to) as JSON.
[[nodiscard]] std::string participation_json(soci::session& sql, std::string const& from,
                                             std::string const& to);

}  // namespace samverkan::reports::repository
