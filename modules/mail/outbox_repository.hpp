#pragma once

#include "modules/mail/mail.hpp"
#include "modules/mail/mail_types.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::mail::repository {

/// Inserts one message; false when its idempotency key exists already.
bool insert(soci::session& sql, outbox_message const& m);

/// Who claims: an `instances.id` (0: none) and how old a heartbeat may be before its
/// instance's leases are free.
struct lease_owner {
    long long instance = 0;
    double stale_seconds = 5;
};

/// Claims up to `limit` due pending rows for `lease_seconds` (FOR UPDATE SKIP LOCKED, so
/// concurrent senders never claim the same row) and returns them with the details of the
/// event each refers to. A row is due when unleased, when its lease ran out, or when the
/// instance holding it has a stale heartbeat (it died: its mail goes out within seconds).
[[nodiscard]] std::vector<outbox_row> claim(soci::session& sql, int limit, int lease_seconds,
                                            lease_owner const& owner);

/// The details of one event; nullopt when there is no such event.
[[nodiscard]] std::optional<event_details> find_event(soci::session& sql, long long id);

/// Marks rows sent. Sent and failed rows lose their payload's `manage_url` (a secret link),
/// which becomes `"manage_url_removed": true`.
void mark_sent(soci::session& sql, std::vector<long long> const& ids);

/// A temporary failure: back to pending after `delay_seconds`, or failed when the row has
/// been queued longer than `give_up_seconds`. Returns the new status.
std::string mark_retry(soci::session& sql, long long id, long long delay_seconds,
                       long long give_up_seconds, std::string const& error);

/// A permanent failure.
void mark_failed(soci::session& sql, long long id, std::string const& error);

/// Gives claimed but unsent rows back at once (not counted as an attempt).
void release(soci::session& sql, std::vector<long long> const& ids);

/// The newest rows, optionally of one status ("" for all).
[[nodiscard]] std::vector<outbox_entry> list(soci::session& sql, std::string const& status,
                                             int limit);

/// How many rows there are per status.
[[nodiscard]] std::map<std::string, long long> count_by_status(soci::session& sql);

/// A failed row back to pending, due now, with a fresh give-up clock; false when the row
/// does not exist or is not failed.
bool requeue(soci::session& sql, long long id);

/// Every failed row back to pending; returns how many.
long long requeue_all_failed(soci::session& sql);

}  // namespace samverkan::mail::repository
