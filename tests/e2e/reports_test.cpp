// The steering group's participation report over the real server and PostgreSQL, against
// the hand-counted fixture of tests/e2e/reports_fixture.hpp: every rule of API.md's
// "Reports" section, the history kept when the register is edited, the first attendance
// kept right when a check-in is undone or an event cancelled, the periods, who may read it,
// and that no attendee's name or need is in the report, its page or its CSV files.
#include "tests/e2e/reports_fixture.hpp"
#include "tests/support/services.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

using namespace samverkan;
namespace json = boost::json;

namespace {

struct report_server : test::report_fixture {
    std::string const year_2025 = "/api/v1/reports/participation?from=2025-01-01&to=2025-12-31";

    json::object report(std::string const& target) {
        auto const r = client.get(target);
        BOOST_REQUIRE_EQUAL(r.status, 200u);
        return r.json().as_object();
    }

    static json::object at(json::object const& o, std::string_view key) {
        return o.at(key).as_object();
    }

    static long long n(json::object const& o, std::string_view key) { return o.at(key).as_int64(); }
};

bool contains(std::string const& text, std::string const& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(reports, report_server, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_2025_report_has_the_hand_counted_figures) {
    (void)login_as("steering");
    // The walk-ins API put Frida beyond E1's four seats and Karl within E2's ten.
    BOOST_TEST(walk_in_over_capacity);
    BOOST_TEST(walk_in_within_capacity);
    auto const r = report(year_2025);
    BOOST_TEST(r.at("from").as_string() == "2025-01-01");
    BOOST_TEST(r.at("to").as_string() == "2025-12-31");

    // E3 is cancelled and E0, E4 lie outside the period.
    auto const& events = r.at("events").as_array();
    BOOST_REQUIRE_EQUAL(events.size(), 2u);
    auto const e1 = events[0].as_object(), e2 = events[1].as_object();
    BOOST_TEST(n(e1, "id") == event.at("E1"));
    BOOST_TEST(e1.at("kind").as_string() == "dialogue_conference");
    BOOST_TEST(e1.at("starts_at").as_string() == "2025-02-06T09:00:00+01:00");
    // Seats: 4 registered + the walk-in beyond capacity; the cancelled and the waitlisted
    // attendee hold none. One confirmed attendee never came.
    BOOST_TEST((n(e1, "capacity") == 4 && n(e1, "confirmed") == 5 && n(e1, "attended") == 4 &&
                n(e1, "no_show") == 1 && n(e1, "walk_ins") == 1));
    BOOST_TEST(json::serialize(e1.at("priority_areas")) ==
               R"(["participation","collaboration_learning"])");
    BOOST_TEST(n(e2, "id") == event.at("E2"));
    BOOST_TEST((n(e2, "capacity") == 10 && n(e2, "confirmed") == 4 && n(e2, "attended") == 4 &&
                n(e2, "no_show") == 0 && n(e2, "walk_ins") == 1));

    // In Swedish order; names and areas as registered.
    auto const& orgs = r.at("organisations").as_array();
    BOOST_REQUIRE_EQUAL(orgs.size(), 4u);
    auto const expect = [&](std::size_t i, char const* key, char const* name, json::value area,
                            long long events_attended, long long attended, char const* first,
                            bool is_new) {
        auto const o = orgs[i].as_object();
        BOOST_TEST(n(o, "id") == org.at(key));
        BOOST_TEST(o.at("name").as_string() == name);
        BOOST_TEST(o.at("area") == area);
        BOOST_TEST(n(o, "events_attended") == events_attended);
        BOOST_TEST(n(o, "attended") == attended);
        BOOST_TEST(o.at("first_attended_on").as_string() == first);
        BOOST_TEST(o.at("new").as_bool() == is_new);
    };
    expect(0, "O3", "Everöds Byaråd", "rural", 1, 1, "2025-02-06", true);  // the walk-in
    expect(1, "O4", "Föreningen Utan Område", nullptr, 1, 1, "2025-06-13", true);
    expect(2, "O2", "Kristianstads FN-förening", "urban", 1, 1, "2025-02-06", true);
    expect(3, "O1", "Tosteberga Byalag", "rural", 2, 3, "2024-09-21", false);  // returning

    BOOST_TEST(json::serialize(r.at("totals")) ==
               R"({"events":2,"attendees":9,"attended":8,"organisations":4,)"
               R"("new_organisations":3,"returning_organisations":1})");
    BOOST_TEST(json::serialize(r.at("by_affiliation")) ==
               R"({"civil_society":5,"municipal_staff":2,"elected_official":1,"other":0})");
    BOOST_TEST(json::serialize(r.at("by_area")) == R"({"urban":1,"rural":2,"unknown":1})");
    // E1 has two areas and counts for both.
    BOOST_TEST(json::serialize(r.at("by_priority_area")) ==
               R"({"collaboration_learning":4,"participation":4,"democracy":4})");
    BOOST_TEST(n(r, "agreement_members") == 2);  // O6 joined after the period
    // Invited O1, O2, O5, O6 (E1) and O4 (E2), not the walk-in O3; O6 registered for
    // nothing counted; O5 only waited.
    BOOST_TEST(json::serialize(r.at("reach")) == R"({"invited":5,"registered":4,"attended":3})");
    BOOST_TEST(json::serialize(r.at("by_year")) ==
               R"([{"year":2025,"organisations":4,"new":3,"returning":1}])");
}

BOOST_AUTO_TEST_CASE(editing_the_register_later_leaves_the_past_period_as_it_was) {
    (void)login_as("steering");
    auto const before = client.get(year_2025).body;
    auto const all_three = "/api/v1/reports/participation?from=2024-01-01&to=2026-12-31";
    auto const three_before = client.get(all_three).body;
    auto const patch = [&](char const* key, json::object const& change) {
        as_staff("/api/v1/organisations/" + std::to_string(org.at(key)), change, 200, "PATCH");
    };
    // Renamed and moved to the city; given an area; its area taken away.
    patch("O1", {{"name", "Tosteberga Bygdeförening"}, {"area", "urban"}});
    patch("O4", {{"name", "Föreningen Med Område"}, {"area", "rural"}});
    patch("O3", {{"area", nullptr}});
    // Merged: the register has no merge of its own yet, so it is done as one would by hand:
    // the walk-in's entry O3 folded into a later duplicate (its contacts and registrations
    // moved there), then removed. Attendee rows keep their ledger; nothing else names O3.
    add_organisation("O3b", "Everöd byaråd", "urban");
    auto const from = std::to_string(org.at("O3")), into = std::to_string(org.at("O3b"));
    database.execute("update registrations set organisation_id = " + into +
                     " where organisation_id = " + from);
    database.execute("update contacts set organisation_id = " + into +
                     " where organisation_id = " + from);
    database.execute("delete from organisations where id = " + from);
    BOOST_TEST(count("select count(*) from organisations where id = " + from) == 0);

    auto const after = client.get(year_2025).body;
    BOOST_TEST(after == before);
    BOOST_TEST(client.get(all_three).body == three_before);
    BOOST_TEST(contains(after, "\"Tosteberga Byalag\""));
    BOOST_TEST(contains(after, "\"Everöds Byaråd\""));
    BOOST_TEST(!contains(after, "Bygdeförening"));
    // Rebuilt from the ledger alone, the summaries say the same.
    database.execute("select samverkan_report_rebuild()");
    BOOST_TEST(client.get(year_2025).body == before);
}

BOOST_AUTO_TEST_CASE(changes_count_at_once_whether_they_are_folded_yet_or_not) {
    (void)login_as("steering");
    auto const o1 = [&] {
        auto const r = report(year_2025);
        for (auto const& o : r.at("organisations").as_array())
            if (o.at("id").as_int64() == org.at("O1")) return o.as_object();
        BOOST_FAIL("O1 is not in the report");
        return json::object{};
    };
    BOOST_TEST(o1().at("first_attended_on").as_string() == "2024-09-21");

    // Another session folds meanwhile (its lock held here), so the report computes the
    // unfolded changes itself, in its own snapshot: O1's only 2024 check-in undone, the
    // no-show checked in after all, one of O1's attendees at E1 cancelled.
    soci::session folding(*soci::factory_postgresql(), database.url());
    folding << "select pg_advisory_lock(samverkan_report_lock_key())";
    database.execute("update attendees set attended = null where name = 'Astrid Ahl'");
    database.execute("update attendees set attended = true where name = 'Erik Fors'");
    database.execute("update attendees set status = 'cancelled' where name = 'Bertil Berg'");
    auto const unfolded = client.get(year_2025).body;
    BOOST_TEST(count("select count(*) from report_changes") > 0);
    auto const r = json::parse(unfolded).as_object();
    auto const e1 = r.at("events").as_array()[0].as_object();
    BOOST_TEST((n(e1, "confirmed") == 4 && n(e1, "attended") == 4 && n(e1, "no_show") == 0));
    BOOST_TEST(json::serialize(r.at("totals")) ==
               R"({"events":2,"attendees":8,"attended":8,"organisations":4,)"
               R"("new_organisations":4,"returning_organisations":0})");
    BOOST_TEST(o1().at("first_attended_on").as_string() == "2025-02-06");
    folding << "select pg_advisory_unlock(samverkan_report_lock_key())";

    // Folded, and rebuilt from the whole ledger: the same report.
    BOOST_TEST(client.get(year_2025).body == unfolded);
    BOOST_TEST(count("select count(*) from report_changes") == 0);
    database.execute("select samverkan_report_rebuild()");
    BOOST_TEST(client.get(year_2025).body == unfolded);

    // An event cancelled or moved moves the first attendance of those checked in at it.
    database.execute("update attendees set attended = true where name = 'Astrid Ahl'");
    BOOST_TEST(o1().at("first_attended_on").as_string() == "2024-09-21");
    database.execute("update events set status = 'cancelled' where id = " +
                     std::to_string(event.at("E0")));
    BOOST_TEST(o1().at("first_attended_on").as_string() == "2025-02-06");
    database.execute(
        "update events set starts_at = starts_at + interval '1 day',"
        " ends_at = ends_at + interval '1 day' where id = " +
        std::to_string(event.at("E1")));
    BOOST_TEST(o1().at("first_attended_on").as_string() == "2025-02-07");
    auto const moved = client.get(year_2025).body;
    database.execute("select samverkan_report_rebuild()");
    BOOST_TEST(client.get(year_2025).body == moved);
}

BOOST_AUTO_TEST_CASE(periods_default_to_this_year_and_bad_dates_are_400) {
    (void)login_as("steering");
    auto const now = report("/api/v1/reports/participation");
    auto const year = std::to_string(
        database.scalar("select extract(year from now() at time zone 'Europe/Stockholm')::bigint"));
    BOOST_TEST(now.at("from").as_string() == year + "-01-01");
    BOOST_TEST(now.at("to").as_string() == year + "-12-31");
    BOOST_TEST(report("/api/v1/reports/participation?from=2025-03-01").at("to").as_string() ==
               year + "-12-31");

    for (auto const* bad : {"?from=2025-02-30", "?from=2025-1-01", "?to=yesterday",
                            "?from=2025-12-31&to=2025-01-01", "?from=0999-01-01"}) {
        auto const r = client.get(std::string{"/api/v1/reports/participation"} + bad);
        BOOST_TEST_CONTEXT(bad) {
            expect_error(r, 400, "bad_request");
        }
    }

    // Three years: one row each in by_year; everyone's first attendance lies in the period.
    auto const three = report("/api/v1/reports/participation?from=2024-01-01&to=2026-12-31");
    BOOST_TEST(json::serialize(three.at("by_year")) ==
               R"([{"year":2024,"organisations":1,"new":1,"returning":0},)"
               R"({"year":2025,"organisations":4,"new":3,"returning":1},)"
               R"({"year":2026,"organisations":1,"new":1,"returning":0}])");
    BOOST_TEST(json::serialize(three.at("totals")) ==
               R"({"events":4,"attendees":11,"attended":10,"organisations":5,)"
               R"("new_organisations":5,"returning_organisations":0})");
    // A period of one day is Stockholm's date of the start, not UTC's: 00:30 on 14 June in
    // Stockholm is 22:30 on 13 June in UTC.
    database.execute(
        "update events set starts_at = timestamp '2025-06-14 00:30' at time zone"
        " 'Europe/Stockholm', ends_at = timestamp '2025-06-14 02:30' at time zone"
        " 'Europe/Stockholm' where id = " +
        std::to_string(event.at("E2")));
    auto const events_on = [&](std::string const& date) {
        return report("/api/v1/reports/participation?from=" + date + "&to=" + date)
            .at("events")
            .as_array()
            .size();
    };
    BOOST_TEST(events_on("2025-06-14") == 1u);
    BOOST_TEST(events_on("2025-06-13") == 0u);
}

BOOST_AUTO_TEST_CASE(the_steering_group_and_up_may_read_it_no_one_else) {
    BOOST_TEST(client.get(year_2025).status == 401u);
    BOOST_TEST(client.get("/staff/reports").status == 401u);
    for (auto const* role : {"steering", "organiser", "admin"}) {
        (void)login_as(role);
        BOOST_TEST_CONTEXT(role) {
            BOOST_TEST(client.get(year_2025).status == 200u);
            BOOST_TEST(client.get(year_2025).header("cache-control") == "no-store");
        }
        client.clear_cookies();
    }
}

BOOST_AUTO_TEST_CASE(no_attendee_name_or_need_is_in_the_report_its_page_print_or_csv) {
    (void)login_as("steering");
    std::vector<std::string> targets{year_2025, "/staff/reports?from=2024-01-01&to=2026-12-31",
                                     "/staff/reports/print?from=2024-01-01&to=2026-12-31"};
    for (auto const* table : {"events", "organisations", "years", "affiliations", "areas",
                              "priority-areas", "reach", "totals"})
        targets.push_back(std::string{"/api/v1/reports/participation/"} + table +
                          ".csv?from=2024-01-01&to=2026-12-31");
    for (auto const& target : targets) {
        auto const r = client.get(target);
        BOOST_TEST_CONTEXT(target) {
            BOOST_TEST(r.status == 200u);
            for (auto const* name : attendee_names) BOOST_TEST(!contains(r.body, name));
            for (auto const* need : {"vegetarian", "vegetarisk", "hörslinga"})
                BOOST_TEST(!contains(r.body, need));
        }
    }
}

BOOST_AUTO_TEST_CASE(each_table_downloads_as_swedish_excel_csv) {
    (void)login_as("steering");
    auto const r =
        client.get("/api/v1/reports/participation/events.csv?from=2025-01-01&to=2025-12-31");
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.header("content-type") == "text/csv; charset=utf-8");
    BOOST_TEST(r.header("content-disposition") ==
               "attachment; filename=\"deltagande-events-2025-01-01-2025-12-31.csv\"");
    BOOST_TEST(r.body ==
               "\xEF\xBB\xBF"
               "Träff;Typ;Datum;Platser;Med plats;Närvarande;Walk-ins;Uteblev;"
               "Prioriterade områden\r\n"
               "Träff E1;Dialogkonferens;2025-02-06;4;5;4;1;1;"
               "\"Delaktighet, Samverkan och lärande\"\r\n"
               "Träff E2;Tematräff;2025-06-13;10;4;4;1;0;Demokrati\r\n");
    auto const orgs =
        client.get("/api/v1/reports/participation/organisations.csv?from=2025-01-01&to=2025-12-31");
    BOOST_TEST(contains(orgs.body, "Föreningen Utan Område;Okänt område;1;1;2025-06-13;ja\r\n"));
    BOOST_TEST(contains(orgs.body, "Tosteberga Byalag;Landsbygd;2;3;2024-09-21;nej\r\n"));
    auto const reach =
        client.get("/api/v1/reports/participation/reach.csv?from=2025-01-01&to=2025-12-31");
    BOOST_TEST(contains(reach.body, "Inbjudna;5\r\nAv dem anmälda;4\r\nAv dem närvarande;3\r\n"));
    BOOST_TEST(client.get("/api/v1/reports/participation/people.csv").status == 404u);
}

BOOST_AUTO_TEST_CASE(the_page_shows_each_chart_with_its_summary_and_its_numbers) {
    (void)login_as("steering");
    auto const r = client.get("/staff/reports?from=2025-01-01&to=2025-12-31");
    BOOST_REQUIRE_EQUAL(r.status, 200u);
    auto const& html = r.body;
    for (auto const* id : {"c-attendance", "c-years", "c-area", "c-affiliation"}) {
        BOOST_TEST_CONTEXT(id) {
            BOOST_TEST(contains(
                html, std::string{"aria-labelledby=\""} + id + "-title " + id + "-desc\""));
            BOOST_TEST(contains(html, std::string{"<title id=\""} + id + "-title\">"));
        }
    }
    BOOST_TEST(contains(html, "role=\"img\""));
    BOOST_TEST(contains(html, "Av 4 deltagande organisationer var 1 verksamma i staden (25"));
    BOOST_TEST(contains(html, "<th scope=\"row\">Träff E1</th><td class=\"date\">2025-02-06</td>"));
    auto const plan = client.get("/staff/reports?from=2025-01-01&to=2027-12-31").body;
    BOOST_TEST(contains(plan, "aria-current=\"page\">Handlingsplanen 2025–2027</a>"));
    auto const bad = client.get("/staff/reports?from=2025-13-01");
    BOOST_TEST(bad.status == 400u);
    BOOST_TEST(contains(bad.body, "Perioden gick inte att visa"));
    BOOST_TEST(contains(client.get("/staff").body, "href=\"/staff/reports\""));
}

BOOST_AUTO_TEST_SUITE_END()
