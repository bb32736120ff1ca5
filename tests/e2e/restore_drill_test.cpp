// The restore drill of docs/operations.md, as an administrator runs it: registrations made
// over HTTP, `pg_dump -Fc` of the database, the database dropped, created empty and filled
// with `pg_restore`, and the server started on it again serves the same registrations.
#include "tests/e2e/recovery_support.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace samverkan;

namespace {

constexpr char const* pg_bin = "/usr/lib/postgresql/15/bin/";

// The database name of a key=value connection string (its last dbname wins, as in libpq).
std::string database_name(std::string const& url) {
    auto const at = url.rfind("dbname=");
    auto name = url.substr(at + 7);
    return name.substr(0, name.find(' '));
}

int shell(std::string const& command) {
    return std::system(command.c_str());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(restore_drill, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(a_dumped_dropped_and_restored_database_serves_the_same_registrations) {
    test::test_database database;
    auto const admin = test::service_env("SAMVERKAN_TEST_DATABASE_URL");
    auto const name = database_name(database.url());
    auto const dump = std::filesystem::temp_directory_path() /
                      ("samverkan-drill-" + std::to_string(::getpid()) + ".dump");
    std::vector<std::string> tokens;
    std::vector<std::string> before;
    {
        test::server_process server{database.url(), {{"--registration-rate-limit", "0"}}};
        auto const event = test::add_recovery_event(database, 3);
        test::http_client client{server.port()};
        for (int i = 0; i < 5; ++i) {
            auto const r =
                client.post_json("/api/v1/events/" + std::to_string(event) + "/registrations",
                                 test::recovery_registration(test::test_email("drill", i)));
            BOOST_TEST_REQUIRE(r.status == 201u);
            auto const url = std::string{r.json().at("manage_url").as_string()};
            tokens.push_back(url.substr(url.rfind('/') + 1));
        }
        for (auto const& token : tokens)
            before.push_back(client.get("/api/v1/registrations/" + token).body);
    }
    // The drill: dump, drop, create empty, restore (as operations.md says, step by step).
    BOOST_TEST_REQUIRE(shell(std::string{pg_bin} + "pg_dump -Fc -f '" + dump.string() + "' '" +
                             database.url() + "'") == 0);
    BOOST_TEST_REQUIRE(shell(std::string{pg_bin} + "psql -q -X '" + admin + "' -c 'drop database " +
                             name + " with (force)' -c 'create database " + name + "'") == 0);
    BOOST_TEST(database.scalar("select count(*) from pg_tables where schemaname = 'public'") == 0);
    BOOST_TEST_REQUIRE(shell(std::string{pg_bin} + "pg_restore --no-owner --exit-on-error -d '" +
                             database.url() + "' '" + dump.string() + "'") == 0);
    std::filesystem::remove(dump);
    test::server_process restored{database.url(), {{"--registration-rate-limit", "0"}}};
    test::http_client client{restored.port()};
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        auto const r = client.get("/api/v1/registrations/" + tokens[i]);
        BOOST_TEST(r.status == 200u);
        BOOST_TEST(boost::json::parse(r.body) == boost::json::parse(before[i]));
    }
    BOOST_TEST(database.scalar("select count(*) from attendees where status = 'confirmed'") == 3);
    BOOST_TEST(database.scalar("select count(*) from attendees where status = 'waitlisted'") == 2);
    // Nothing to migrate: the schema came back with its migration records.
    BOOST_TEST(restored.log_contains("\"applied\":0"));
}

BOOST_AUTO_TEST_SUITE_END()
