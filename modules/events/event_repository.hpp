#pragma once

#include "modules/events/event_types.hpp"

#include <vector>

namespace soci {
class session;
}

namespace samverkan::events::repository {

/// Published events that have not ended, by start time.
[[nodiscard]] std::vector<event> list_upcoming(soci::session& sql, int limit);

}  // namespace samverkan::events::repository
