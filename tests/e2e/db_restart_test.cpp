// A PostgreSQL restart under load costs the requests in flight a 503, never the process:
// broken pooled connections are replaced and later requests succeed.
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <thread>

using namespace samverkan;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(db_restart, *test::needs("SAMVERKAN_TEST_PG_RESTART"))

BOOST_AUTO_TEST_CASE(a_postgresql_restart_under_load_is_survived) {
    auto const restart = test::service_env("SAMVERKAN_TEST_PG_RESTART");
    test::test_database database;
    test::server_process server{database.url(), {{"--enable-test-routes", "--db-pool-size", "4"}}};
    std::atomic<bool> stop{false};
    std::atomic<int> ok{0}, unavailable{0}, other{0};
    std::vector<std::thread> load;
    for (int i = 0; i < 4; ++i) {
        load.emplace_back([&, port = server.port()] {
            test::http_client client{port};
            while (!stop) {
                try {
                    auto const status = client.get("/_test/db").status;
                    (status == 200 ? ok : status == 503 ? unavailable : other)++;
                } catch (std::exception const&) {
                    other++;  // the server closed a connection: must not happen
                }
            }
        });
    }
    std::this_thread::sleep_for(500ms);
    BOOST_TEST_REQUIRE(std::system(restart.c_str()) == 0);
    int const ok_before_recovery = ok.load();
    std::this_thread::sleep_for(1500ms);
    stop = true;
    for (auto& t : load) t.join();
    BOOST_TEST(other.load() == 0);
    BOOST_TEST(ok.load() > ok_before_recovery);  // requests succeed again after the restart
    BOOST_TEST(server.wait_exit(0ms) == -1);     // still running
    test::http_client after{server.port()};
    for (int i = 0; i < 8; ++i)
        BOOST_TEST(after.get("/_test/db").status == 200u);  // every pooled connection
    BOOST_TEST_MESSAGE("ok " << ok << ", 503 " << unavailable);
}

BOOST_AUTO_TEST_SUITE_END()
