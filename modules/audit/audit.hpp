#pragma once

// The audit log's public face: every staff change and every view of a personal-data list
// is recorded with who, what, which record and when. Callers record inside the same
// transaction as the change, so a change is never committed without its audit row.
#include <string>

namespace soci {
class session;
}

namespace samverkan::audit {

struct entry {
    long long user_id = 0;    ///< 0 when no staff member is involved
    std::string action;       ///< "event.create", "registrations.view", "user.deactivate" …
    std::string entity;       ///< "event", "registration", "user" …
    long long entity_id = 0;  ///< 0 when the action concerns no single record
    std::string detail_json = "{}";  ///< a JSON object with what changed (no personal data)
    std::string client_address;
};

/// Inserts one audit row using the caller's session (and so its transaction).
void record(soci::session& sql, entry const& e);

}  // namespace samverkan::audit
