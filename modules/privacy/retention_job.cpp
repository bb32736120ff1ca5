#include "modules/privacy/retention_job.hpp"

#include "modules/privacy/privacy_service.hpp"
#include "server/logger.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <exception>

namespace samverkan::privacy {

namespace {

// A run is one transaction of a few statements; the hold only needs to outlast it.
constexpr std::chrono::seconds hold{std::chrono::minutes(30)};
constexpr std::chrono::seconds daily{std::chrono::hours(24)};

}  // namespace

retention_job::retention_job(privacy_service& service, db::database& db,
                             db::instance_heartbeat const& self, server::logger& log)
    : service_(service), lease_(db, self, "retention", hold), log_(log) {}

asio::awaitable<void> retention_job::look() {
    if (!std::exchange(started_, true)) co_return;
    if (!co_await lease_.try_acquire(daily)) co_return;
    std::exception_ptr failure;
    try {
        auto const counts = co_await service_.run_retention(false, actor{0, "retention-job"});
        co_await lease_.finish();
        log_.info("retention run", retention_json(counts));
    } catch (...) {
        failure = std::current_exception();
    }
    if (!failure) co_return;
    co_await lease_.release();  // another instance (or this one, next time) tries again
    std::rethrow_exception(failure);
}

}  // namespace samverkan::privacy
