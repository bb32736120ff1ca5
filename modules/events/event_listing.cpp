#include "modules/events/event_listing.hpp"

#include "modules/core/database.hpp"
#include "modules/events/event_repository.hpp"

namespace samverkan::events {

namespace {
constexpr int listing_limit = 200;
}

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
    try {
        auto rows = co_await db_.run(
            [](soci::session& sql) { return repository::list_upcoming(sql, listing_limit); });
        fresh = std::make_shared<std::vector<event> const>(std::move(rows));
    } catch (...) {
        std::lock_guard lock(mutex_);
        refreshing_ = false;
        throw;
    }
    std::lock_guard lock(mutex_);
    refreshing_ = false;
    current_ = fresh;
    read_at_ = now;
    co_return fresh;
}

}  // namespace samverkan::events
