// `samverkan demo-data` on an empty database, then served: the seeds' organisations, four
// years of dialogue conferences and theme meetings with check-ins and no-shows by invented
// people, the next meetings open for registration, a start page with the year wheel and a
// report with several years of figures; run again, it refuses and changes nothing.
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/command.hpp"
#include "tests/support/services.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

using namespace samverkan;

namespace {

test::command_result run_demo_data(std::string const& database_url) {
    return test::run_command(test::server_process::binary() + " demo-data --database-url '" +
                             database_url + "' 2>&1");
}

using boost::algorithm::contains;

}  // namespace

BOOST_AUTO_TEST_SUITE(demo_data, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(demo_data_fills_an_empty_database_with_a_living_system_once) {
    test::test_database database;
    auto const first = run_demo_data(database.url());
    BOOST_TEST_MESSAGE(first.output);
    BOOST_REQUIRE_EQUAL(first.status, 0);
    auto const count = [&](std::string const& sql) {
        return database.scalar(sql);
    };

    BOOST_TEST(count("select count(*) from organisations") == 24);
    for (auto const* name :
         {"Everöds Byaråd", "Kristianstads FN-förening", "Föreningen Furuboda",
          "Kristianstads Kvinnojour", "IFK Kristianstad", "Tosteberga Byalag", "Åhus scoutkår",
          "RFSL Kristianstad", "Skånes horn av Afrika förening"})
        BOOST_TEST(count(std::string{"select count(*) from organisations where name = '"} + name +
                         "'") == 1);
    BOOST_TEST(count("select count(*) from organisations where area = 'rural'") >= 5);
    // A conference each February and two theme meetings a year for four years, and the next
    // conference and June meeting open for registration.
    BOOST_TEST(count("select count(*) from events where kind = 'dialogue_conference'"
                     " and extract(month from starts_at at time zone 'Europe/Stockholm') = 2") ==
               5);
    BOOST_TEST(count("select count(*) from events where kind = 'theme_meeting'") == 9);
    BOOST_TEST(count("select count(*) from events where status = 'published' and starts_at > now()"
                     " and samverkan_registration_window(events) = 'open'") >= 2);
    // People: invented, said so in every name; checked in and absent at past meetings.
    BOOST_TEST(count("select count(*) from attendees") > 300);
    BOOST_TEST(count("select count(*) from attendees where name not like '% (påhittad)'") == 0);
    BOOST_TEST(count("select count(*) from attendees a join events e on e.id = a.event_id"
                     " where a.attended and e.ends_at < now()") > 200);
    BOOST_TEST(count("select count(*) from attendees a join events e on e.id = a.event_id"
                     " where a.status = 'confirmed' and a.attended is not true"
                     " and e.ends_at < now()") > 10);  // no-shows
    // Walk-ins, through the walk-ins service: registrations without a contact, checked in,
    // some beyond the capacity of the full meeting; they are never no-shows.
    BOOST_TEST(count("select count(*) from attendees where walk_in and attended") >= 10);
    BOOST_TEST(count("select count(*) from attendees where walk_in and not attended") == 0);
    BOOST_TEST(
        count("select count(*) from registrations where walk_in and contact_email is null") >= 10);
    BOOST_TEST(count("select count(*) from attendees where over_capacity") >= 1);
    BOOST_TEST(count("select count(*) from attendees where status = 'waitlisted'") > 0);
    BOOST_TEST(count("select count(*) from attendees where status = 'cancelled'") > 0);
    BOOST_TEST(count("select count(*) from invitations") > 50);
    // The ledger, as the registrations wrote it.
    BOOST_TEST(count("select count(*) from attendees where affiliation = 'civil_society'"
                     " and organisation_id is null") == 0);

    auto const again = run_demo_data(database.url());
    BOOST_TEST(again.status == 1);
    BOOST_TEST(contains(again.output, "holds organisations or events already"));
    BOOST_TEST(count("select count(*) from organisations") == 24);
}

BOOST_AUTO_TEST_CASE(one_event_of_its_own_is_enough_to_refuse_and_change_nothing) {
    test::test_database database;
    BOOST_REQUIRE_EQUAL(std::system((test::server_process::binary() + " migrate --database-url '" +
                                     database.url() + "' >/dev/null 2>&1")
                                        .c_str()),
                        0);
    database.execute(
        "insert into events (kind, title, starts_at, ends_at, capacity, status) values"
        " ('other', 'Egen träff', now() + interval '1 day', now() + interval '2 days', 5,"
        " 'draft')");
    auto const refused = run_demo_data(database.url());
    BOOST_TEST(refused.status == 1);
    BOOST_TEST(contains(refused.output,
                        "demo data goes only into an empty database (nothing was"
                        " changed)"));
    BOOST_TEST(database.scalar("select count(*) from organisations") == 0);
    BOOST_TEST(database.scalar("select count(*) from events") == 1);
}

BOOST_AUTO_TEST_CASE(served_the_demo_shows_the_year_wheel_and_years_of_figures) {
    test::auth_server app;
    BOOST_REQUIRE_EQUAL(run_demo_data(app.database.url()).status, 0);
    auto c = app.client();
    auto const start = c.get("/");
    BOOST_TEST(contains(start.body, "class=\"event-list\""));
    BOOST_TEST(contains(start.body, "<h2 id=\"year-wheel-heading\">Årshjul "));
    (void)test::auth_server::login(c, app.add_user("styrgrupp@example.test", "steering"));
    // The demo's four years end with this one.
    auto const y = app.database.scalar(
        "select extract(year from now() at time zone 'Europe/Stockholm')::bigint");
    auto const year = [y](long long offset) {
        return std::to_string(y + offset);
    };
    auto const plan =
        c.get("/api/v1/reports/participation?from=" + year(-3) + "-01-01&to=" + year(0) + "-12-31");
    BOOST_REQUIRE_EQUAL(plan.status, 200u);
    auto const report = plan.json().as_object();
    BOOST_TEST(report.at("by_year").as_array().size() >= 3u);
    BOOST_TEST(report.at("totals").at("organisations").as_int64() >= 15);
    BOOST_TEST(report.at("totals").at("returning_organisations").as_int64() == 0);
    BOOST_TEST(report.at("reach").at("invited").as_int64() > 0);
    long long walk_ins = 0, no_shows = 0;
    for (auto const& e : report.at("events").as_array()) {
        walk_ins += e.at("walk_ins").as_int64();
        no_shows += e.at("no_show").as_int64();
    }
    BOOST_TEST(walk_ins >= 10);
    BOOST_TEST(no_shows >= 10);
    auto const page = c.get("/staff/reports?from=" + year(-2) + "-01-01&to=" + year(-1) + "-12-31");
    BOOST_TEST(page.status == 200u);
    BOOST_TEST(contains(page.body, "<th scope=\"row\">" + year(-2) + "</th>"));
    BOOST_TEST(contains(page.body, "<th scope=\"row\">" + year(-1) + "</th>"));
}

BOOST_AUTO_TEST_SUITE_END()
