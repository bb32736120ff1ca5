#include "modules/core/migrations.hpp"

#include "modules/core/database.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

using namespace samverkan;

namespace {

// Runs `samverkan migrate` against a database in a child process; returns its exit status.
pid_t start_migrate(std::string const& url) {
    pid_t const pid = ::fork();
    if (pid == 0) {
        std::string binary = test::server_process::binary();
        std::string url_copy = url;
        char migrate[] = "migrate";
        char flag[] = "--database-url";
        char* argv[] = {binary.data(), migrate, flag, url_copy.data(), nullptr};
        ::execv(argv[0], argv);
        ::_exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(migrations, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(an_empty_database_gets_every_migration_recorded) {
    test::test_database t{false};
    auto const migrations = db::builtin_migrations();
    BOOST_TEST_REQUIRE(!migrations.empty());
    BOOST_TEST(migrations.front().name == "0001_initial.sql");
    BOOST_TEST(!db::migrations_current(t.db(), migrations));
    int const applied = db::apply_migrations(t.db(), migrations);
    BOOST_TEST(applied == static_cast<int>(migrations.size()));
    BOOST_TEST(t.scalar("select count(*) from schema_migrations") ==
               static_cast<long long>(migrations.size()));
    BOOST_TEST(
        t.scalar(
            "select count(*) from information_schema.tables where table_name in "
            "('events','registrations','attendees','outbox','users','sessions','organisations',"
            "'contacts','invitations','audit_log')") == 10);
    BOOST_TEST(db::migrations_current(t.db(), migrations));
}

BOOST_AUTO_TEST_CASE(a_second_run_changes_nothing) {
    test::test_database t{true};
    auto const before = t.scalar("select count(*) from schema_migrations");
    BOOST_TEST(db::apply_migrations(t.db(), db::builtin_migrations()) == 0);
    BOOST_TEST(t.scalar("select count(*) from schema_migrations") == before);
}

BOOST_AUTO_TEST_CASE(a_failing_migration_leaves_nothing_half_applied) {
    test::test_database t{true};
    std::vector<db::migration> broken{
        {9001, "9001_broken.sql", "create table half_done (id int); select no_such_function();"}};
    BOOST_CHECK_THROW(db::apply_migrations(t.db(), broken), std::runtime_error);
    BOOST_TEST(
        t.scalar("select count(*) from information_schema.tables where table_name = 'half_done'") ==
        0);
    BOOST_TEST(t.scalar("select count(*) from schema_migrations where version = 9001") == 0);
}

BOOST_AUTO_TEST_CASE(two_migrate_commands_at_once_both_succeed) {
    test::test_database t{false};
    for (int round = 0; round < 3; ++round) {
        auto const a = start_migrate(t.url());
        auto const b = start_migrate(t.url());
        BOOST_TEST(wait_for(a) == 0);
        BOOST_TEST(wait_for(b) == 0);
    }
    BOOST_TEST(t.scalar("select count(*) from schema_migrations") ==
               static_cast<long long>(db::builtin_migrations().size()));
}

BOOST_AUTO_TEST_CASE(a_repeatable_definition_is_applied_again_only_when_its_text_changes) {
    test::test_database t{true};
    std::string const first =
        "create or replace function t_rule() returns int language sql"
        " as 'select 1'";
    std::string const second =
        "create or replace function t_rule() returns int language sql"
        " as 'select 2'";
    std::vector<db::migration> v1{{42, "42_rule.sql", first, true}};
    std::vector<db::migration> v2{{42, "42_rule.sql", second, true}};
    BOOST_TEST(!db::migrations_current(t.db(), v1));
    BOOST_TEST(db::apply_migrations(t.db(), v1) == 1);
    BOOST_TEST(db::apply_migrations(t.db(), v1) == 0);
    BOOST_TEST(db::migrations_current(t.db(), v1));
    BOOST_TEST(!db::migrations_current(t.db(), v2));  // a newer binary: not ready until applied
    BOOST_TEST(db::apply_migrations(t.db(), v2) == 1);
    BOOST_TEST(t.scalar("select t_rule()") == 2);
    BOOST_TEST(t.scalar("select count(*) from schema_migrations where name = '42_rule.sql'") == 1);
    BOOST_TEST(db::migrations_current(t.db(), v2));
}

BOOST_AUTO_TEST_CASE(a_failing_repeatable_definition_keeps_the_previous_one) {
    test::test_database t{true};
    std::vector<db::migration> good{{43, "43_rule.sql",
                                     "create or replace function t_kept() returns int"
                                     " language sql as 'select 7'",
                                     true}};
    std::vector<db::migration> bad{{43, "43_rule.sql",
                                    "create or replace function t_kept() returns int"
                                    " language sql as 'select 8'; select no_such_function();",
                                    true}};
    BOOST_TEST(db::apply_migrations(t.db(), good) == 1);
    BOOST_CHECK_THROW(db::apply_migrations(t.db(), bad), std::runtime_error);
    BOOST_TEST(t.scalar("select t_kept()") == 7);
    BOOST_TEST(!db::migrations_current(t.db(), bad));
}

BOOST_AUTO_TEST_SUITE_END()
