#pragma once

// The audit log's SQL; `audit::record` (audit.hpp) lives here too. The only audit file
// that includes SOCI.
#include "modules/audit/audit_types.hpp"

#include <vector>

namespace soci {
class session;
}

namespace samverkan::audit::repository {

/// `limit` rows from `offset`, newest first.
[[nodiscard]] std::vector<row> list(soci::session& sql, long long offset, long long limit);

[[nodiscard]] long long count(soci::session& sql);

}  // namespace samverkan::audit::repository
