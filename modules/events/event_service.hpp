#pragma once

// The events module's rules: creating, editing, publishing, cancelling and copying events,
// and the lists the public pages and the API show. No HTTP here; errors are api_error.
#include "modules/events/event_types.hpp"
#include "server/api_error.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::db {
class database;
}

namespace samverkan::events {

class event_listing;

/// What happens to seats when an event changes. The registrations module implements it, so
/// the events module needs nothing of it; both calls run inside the transaction that holds
/// the event row lock.
class seat_hooks {
public:
    virtual ~seat_hooks() = default;
    /// The capacity was raised: give the new seats to the waiting list, first come first.
    virtual void capacity_raised(soci::session& sql, long long event_id) = 0;
    /// The event was cancelled: tell every active attendee.
    virtual void event_cancelled(soci::session& sql, long long event_id) = 0;
    /// How many people `event_cancelled` would tell now (what the organiser confirms).
    virtual long long cancellation_recipients(soci::session& sql, long long event_id) = 0;
};

/// What cancelling an event would do, for the page that asks to confirm it.
struct cancellation_plan {
    event target;
    long long recipients = 0;  ///< the mails the cancellation would queue
};

/// Applies a PATCH's fields onto the current event, adding problems to the field errors.
using event_edit = std::function<void(event&, server::field_errors&)>;

class event_service {
public:
    event_service(db::database& db, event_listing& listing);

    /// Set once by main before serving.
    void set_seat_hooks(seat_hooks& hooks) { hooks_ = &hooks; }

    /// The public list: published events that have not ended, from the listing snapshot
    /// (no database query per request), filtered.
    asio::awaitable<std::vector<event>> list_public(event_filter filter);

    /// The staff list with `include_all`: every status, from the database.
    asio::awaitable<std::vector<event>> list_all(event_filter filter);

    /// A published or cancelled event for the public; drafts are not found. Served from the
    /// snapshot when the event is upcoming, else from the database.
    asio::awaitable<std::optional<event>> find_public(long long id);

    /// Any event, for staff; 404 when unknown.
    asio::awaitable<event> get(long long id);

    /// 422 for invalid fields.
    asio::awaitable<event> create(event e, actor who);

    /// Locks the event, applies `edit`, checks the rules and writes. Lowering the capacity
    /// below the confirmed attendees is 409; raising it promotes from the waiting list in
    /// the same transaction. A cancelled event cannot be edited (409).
    asio::awaitable<event> update(long long id, event_edit edit, actor who);

    asio::awaitable<event> publish(long long id, actor who);

    /// Cancels and queues a mail to every active attendee, in one transaction (409 when
    /// the event is cancelled already).
    asio::awaitable<event> cancel(long long id, std::string reason, actor who);

    /// The event and how many people cancelling it now would tell; 404 when unknown.
    asio::awaitable<cancellation_plan> plan_cancellation(long long id);

    /// A new draft with the fields of event `id`; its times move to `starts_at` when given,
    /// else by whole weeks to the first start in the future.
    asio::awaitable<event> copy(long long id, std::optional<long long> starts_at, actor who);

    /// The current time in seconds since the epoch (the service's clock).
    [[nodiscard]] static long long now();

private:
    db::database& db_;
    event_listing& listing_;
    seat_hooks* hooks_ = nullptr;
};

}  // namespace samverkan::events
