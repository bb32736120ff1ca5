// Instance heartbeats and singleton job leases against the real PostgreSQL: one instance
// at a time holds a job, a dead instance's lease is taken over, a clean stop frees it.
#include "modules/core/job_lease.hpp"

#include "modules/core/database.hpp"
#include "modules/core/instance_heartbeat.hpp"
#include "server/logger.hpp"
#include "tests/support/run_sync.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace samverkan;
using namespace std::chrono_literals;

namespace {

struct instances {
    test::test_database database;
    server::logger log{stderr};

    std::unique_ptr<db::instance_heartbeat> started_instance() {
        auto beat =
            std::make_unique<db::instance_heartbeat>(database.db().conninfo(), 100ms, 1000ms, log);
        beat->start();
        return beat;
    }

    db::job_lease lease(db::instance_heartbeat const& self) {
        return db::job_lease{database.db(), self, "retention", std::chrono::seconds(600)};
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(job_leases, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_FIXTURE_TEST_CASE(an_instance_beats_and_a_clean_stop_marks_it_stopped, instances) {
    auto a = started_instance();
    auto const id = std::to_string(a->id());
    BOOST_TEST(a->id() > 0);
    auto const first = database.scalar(
        "select (extract(epoch from heartbeat_at) * 1000)::bigint from instances where id = " + id);
    std::this_thread::sleep_for(400ms);
    auto const later = database.scalar(
        "select (extract(epoch from heartbeat_at) * 1000)::bigint from instances where id = " + id);
    BOOST_TEST(later > first);  // the heartbeat moved on
    a.reset();                  // stop() + join: the row says it stopped
    BOOST_TEST(database.scalar("select count(*) from instances where stopped_at is not null"
                               " and id = " +
                               id) == 1);
}

BOOST_FIXTURE_TEST_CASE(one_instance_at_a_time_holds_a_job, instances) {
    auto a = started_instance();
    auto b = started_instance();
    auto lease_a = lease(*a);
    auto lease_b = lease(*b);
    BOOST_TEST(test::run_sync(lease_a.try_acquire()));
    BOOST_TEST(!test::run_sync(lease_b.try_acquire()));
    BOOST_TEST(test::run_sync(lease_a.try_acquire()));  // the holder renews
    BOOST_TEST(test::run_sync(lease_a.renew()));
    BOOST_TEST(!test::run_sync(lease_b.renew()));
    test::run_sync(lease_a.finish());
    // Finished just now: not due again for a day, but free for a job without a period.
    BOOST_TEST(!test::run_sync(lease_b.try_acquire(std::chrono::hours(24))));
    BOOST_TEST(test::run_sync(lease_b.try_acquire()));
    test::run_sync(lease_b.release());
    BOOST_TEST(test::run_sync(lease_a.try_acquire()));
}

BOOST_FIXTURE_TEST_CASE(a_dead_holders_lease_is_taken_over_and_a_stopped_ones_at_once, instances) {
    auto b = started_instance();
    auto lease_b = lease(*b);
    // An instance that died an hour ago holding the job for another day.
    database.execute(
        "insert into instances (id, host, pid, heartbeat_at) values (999999, 'gone', 1,"
        " now() - interval '1 hour');"
        "insert into job_leases (name, owner, lease_until)"
        " values ('retention', 999999, now() + interval '1 day')");
    BOOST_TEST(test::run_sync(lease_b.try_acquire()));
    // A holder that stopped cleanly frees the job without waiting for its heartbeat to age.
    auto a = started_instance();
    auto lease_a = lease(*a);
    BOOST_TEST(!test::run_sync(lease_a.try_acquire()));
    b->stop();
    std::this_thread::sleep_for(300ms);  // the heartbeat thread records the stop
    BOOST_TEST(test::run_sync(lease_a.try_acquire()));
}

BOOST_FIXTURE_TEST_CASE(of_many_instances_asking_at_once_exactly_one_gets_the_job, instances) {
    std::vector<std::unique_ptr<db::instance_heartbeat>> all;
    for (int i = 0; i < 8; ++i) all.push_back(started_instance());
    std::atomic<int> holders{0};
    std::vector<std::thread> askers;
    for (auto const& self : all)
        askers.emplace_back([&, raw = self.get()] {
            auto l = lease(*raw);
            if (test::run_sync(l.try_acquire(std::chrono::hours(24)))) ++holders;
        });
    for (auto& t : askers) t.join();
    BOOST_TEST(holders.load() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
