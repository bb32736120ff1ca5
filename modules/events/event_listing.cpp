#include "modules/events/event_listing.hpp"

#include "modules/core/database.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_repository.hpp"
#include "modules/events/year_wheel.hpp"

namespace samverkan::events {

namespace {

constexpr int listing_limit = 200;

struct listing_rows {
    std::vector<event> upcoming;
    event_listing::wheel_events wheel;
};

/// The upcoming events, and the year wheel's events of the year they lead to.
listing_rows read(soci::session& sql) {
    listing_rows out;
    out.upcoming = repository::list_upcoming(sql, listing_limit);
    out.wheel.year = wheel_year(out.upcoming, core::to_epoch(core::now_seconds()));
    auto const start = [](int y) {
        return core::to_epoch(*core::parse_local_datetime(std::to_string(y) + "-01-01T00:00"));
    };
    out.wheel.events =
        repository::list_published_between(sql, start(out.wheel.year), start(out.wheel.year + 1));
    return out;
}

}  // namespace

event_listing::event_listing(db::database& db, std::chrono::milliseconds max_age)
    : db_(db), max_age_(max_age) {}

void event_listing::invalidate() {
    std::lock_guard lock(mutex_);
    read_at_ = {};
}

asio::awaitable<event_listing::snapshot> event_listing::upcoming() {
    auto const now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        bool const fresh = current_ && now - read_at_ < max_age_;
        if (fresh || (current_ && refreshing_)) co_return current_;
        refreshing_ = true;
    }
    snapshot fresh;
    wheel_snapshot wheel;
    try {
        auto rows = co_await db_.run([](soci::session& sql) { return read(sql); });
        fresh = std::make_shared<std::vector<event> const>(std::move(rows.upcoming));
        wheel = std::make_shared<wheel_events const>(std::move(rows.wheel));
    } catch (...) {
        std::lock_guard lock(mutex_);
        refreshing_ = false;
        throw;
    }
    std::lock_guard lock(mutex_);
    refreshing_ = false;
    current_ = fresh;
    wheel_ = wheel;
    read_at_ = now;
    co_return fresh;
}

event_listing::wheel_snapshot event_listing::wheel() {
    std::lock_guard lock(mutex_);
    return wheel_;
}

}  // namespace samverkan::events
