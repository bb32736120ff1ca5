#pragma once

#include "modules/events/event_types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::events::repository {

/// Published events that have not ended, by start time.
[[nodiscard]] std::vector<event> list_upcoming(soci::session& sql, int limit);

/// Published events starting in [from, to) (seconds since the epoch), by start: the
/// start page's year wheel.
[[nodiscard]] std::vector<event> list_published_between(soci::session& sql, long long from,
                                                        long long to);

/// Every event (any status) within the filter's times, newest first: the staff list.
[[nodiscard]] std::vector<event> list_all(soci::session& sql, event_filter const& filter,
                                          int limit);

[[nodiscard]] std::optional<event> find(soci::session& sql, long long id);

/// The event row, locked until the transaction ends: every change of seats, capacity or
/// status takes this lock first, so seat decisions never race.
[[nodiscard]] std::optional<event> lock(soci::session& sql, long long id);

/// Inserts a new event and returns its id (counters start at zero).
[[nodiscard]] long long insert(soci::session& sql, event const& e);

/// Writes every editable field of `e` (not the counters, not cancel_reason).
void update(soci::session& sql, event const& e);

void cancel(soci::session& sql, long long id, std::string const& reason);

}  // namespace samverkan::events::repository
