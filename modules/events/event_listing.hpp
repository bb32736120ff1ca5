#pragma once

#include "modules/events/event_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

namespace samverkan::db {
class database;
}

namespace samverkan::events {

/// The upcoming published events, read from the database at most once per `max_age` per
/// instance: public pages and the public event list serve this snapshot instead of querying
/// on every request. Changes made through this instance call `invalidate()` so they show at
/// once; other instances see them within `max_age`.
class event_listing {
public:
    using snapshot = std::shared_ptr<std::vector<event> const>;

    /// The start page's year wheel: its year and that year's published events, past ones
    /// included (year_wheel.hpp chooses the year and which of them it shows).
    struct wheel_events {
        int year = 0;
        std::vector<event> events;
    };

    using wheel_snapshot = std::shared_ptr<wheel_events const>;

    event_listing(db::database& db, std::chrono::milliseconds max_age);

    /// The current snapshot; refreshes it first when it is older than `max_age`. While one
    /// caller refreshes, the others get the previous snapshot rather than queueing.
    asio::awaitable<snapshot> upcoming();

    /// The wheel read together with the snapshot `upcoming()` returned last.
    [[nodiscard]] wheel_snapshot wheel();

    /// Makes the next `upcoming()` read the database.
    void invalidate();

private:
    db::database& db_;
    std::chrono::milliseconds max_age_;
    std::mutex mutex_;
    snapshot current_;
    wheel_snapshot wheel_;
    std::chrono::steady_clock::time_point read_at_{};
    bool refreshing_ = false;
};

}  // namespace samverkan::events
