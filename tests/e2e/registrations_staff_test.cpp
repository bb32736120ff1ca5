// Staff views of registrations (API.md "Registrations (staff)"): lists with search and the
// waiting list in order, the CSV export for Swedish Excel, the catering summary, check-in and
// attendance.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using test::registration_server;

BOOST_FIXTURE_TEST_SUITE(registrations_staff, registration_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(staff_see_registrations_with_search_and_the_waiting_list_in_order) {
    auto const event = add_event("capacity = 1");
    auto a = registration("anna@example.test");
    a["organisation"] = {{"name", "Tosteberga Byalag"}};
    post_registration(event, a);
    post_registration(event, registration("bertil@example.test"));
    post_registration(event, registration("cecilia@example.test"));
    auto const path = "/api/v1/events/" + std::to_string(event) + "/registrations";
    expect_error(client.get(path), 401, "unauthenticated");
    (void)login_as("steering");
    auto const all = client.get(path).json();
    BOOST_TEST(all.at("registrations").as_array().size() == 3u);
    auto const& waitlist = all.at("waitlist").as_array();
    BOOST_REQUIRE_EQUAL(waitlist.size(), 2u);
    BOOST_TEST(waitlist[0].at("position").as_int64() == 1);
    BOOST_TEST(waitlist[1].at("position").as_int64() == 2);
    BOOST_TEST(waitlist[0].at("registration_id").as_int64() <
               waitlist[1].at("registration_id").as_int64());
    auto const found = client.get(path + "?q=byalag").json();
    BOOST_TEST(found.at("registrations").as_array().size() == 1u);
    BOOST_TEST(client.get(path + "?q=CECILIA").json().at("registrations").as_array().size() == 1u);
    BOOST_TEST(client.get(path + "?q=%25").json().at("registrations").as_array().empty());
    BOOST_TEST(count("select count(*) from audit_log where action = 'registrations.view'") == 4);
}

BOOST_AUTO_TEST_CASE(the_csv_export_has_a_bom_semicolons_one_row_per_attendee_and_no_formulas) {
    auto const event = add_event();
    auto a = registration("anna@example.test", 2);
    a["contact"].as_object()["name"] = "=HYPERLINK(\"http://evil\")";
    a["contact"].as_object()["phone"] = "+46 70 123 45 67";
    a["attendees"].as_array()[1].as_object()["name"] = "Åsa; Öberg";
    a["attendees"].as_array()[1].as_object()["dietary_other"] = "@SUM(1)";
    post_registration(event, a);
    post_registration(event, registration("bertil@example.test"));
    (void)login_as("organiser");
    auto const r = client.get("/api/v1/events/" + std::to_string(event) + "/registrations.csv");
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.header("content-type") == "text/csv; charset=utf-8");
    auto const& csv = r.body;
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF", 0) == 0u);
    BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 4);  // header + 3 attendees
    BOOST_TEST(csv.find(";\"'=HYPERLINK(\"\"http://evil\"\")\";") != std::string::npos);
    BOOST_TEST(csv.find(";'+46 70 123 45 67;") != std::string::npos);
    BOOST_TEST(csv.find(";\"Åsa; Öberg\";") != std::string::npos);
    BOOST_TEST(csv.find(";'@SUM(1);") != std::string::npos);
    BOOST_TEST(csv.find("\r\n") != std::string::npos);
    BOOST_TEST(count("select count(*) from audit_log where action = 'registrations.export'") == 1);
    // Steering gets the same list without the needs (API.md, need-to-know).
    client.clear_cookies();
    (void)login_as("steering");
    auto const plain = client.get("/api/v1/events/" + std::to_string(event) + "/registrations.csv");
    BOOST_TEST(plain.status == 200u);
    BOOST_TEST(plain.body.find("@SUM(1)") == std::string::npos);
    BOOST_TEST(plain.body.find("Specialkost") == std::string::npos);
    BOOST_TEST(plain.body.find("Åsa; Öberg") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_catering_summary_counts_confirmed_attendees_per_choice) {
    auto const event = add_event("capacity = 3");
    auto a = registration("a@example.test", 2);
    a["attendees"].as_array()[1].as_object()["dietary"] = {"vegan", "nut_allergy"};
    a["attendees"].as_array()[1].as_object()["dietary_other"] = "Inga bönor";
    post_registration(event, a);
    post_registration(event, registration("b@example.test", 2));  // one seat, one waits
    auto const path = "/api/v1/events/" + std::to_string(event) + "/catering";
    (void)login_as("steering");
    expect_error(client.get(path), 403, "forbidden");  // needs are for organisers only
    client.clear_cookies();
    (void)login_as("organiser");
    auto const c = client.get(path).json();
    BOOST_TEST(c.at("attendees").as_int64() == 3);
    BOOST_TEST(c.at("dietary").at("vegetarian").as_int64() == 2);
    BOOST_TEST(c.at("dietary").at("vegan").as_int64() == 1);
    BOOST_TEST(c.at("dietary").at("nut_allergy").as_int64() == 1);
    BOOST_TEST(c.at("dietary").at("gluten_free").as_int64() == 0);
    BOOST_TEST(c.at("dietary_other").as_array()[0].as_string() == "Inga bönor");
}

BOOST_AUTO_TEST_CASE(organisers_check_in_confirmed_attendees_and_attendance_counts_them) {
    auto const event = add_event("capacity = 2");
    auto a = registration("a@example.test", 2);
    a["organisation"] = {{"name", "Tosteberga Byalag"}};
    auto const created = post_registration(event, a);
    auto const waiting = post_registration(event, registration("b@example.test"));
    auto const first = created.json().at("attendees").as_array()[0].at("id").as_int64();
    auto const second = created.json().at("attendees").as_array()[1].at("id").as_int64();
    auto const queued = waiting.json().at("attendees").as_array()[0].at("id").as_int64();
    auto const csrf = login_as("organiser");
    auto const check = [&](long long id, bool attended) {
        return client.post_json("/api/v1/attendees/" + std::to_string(id) + "/check-in",
                                boost::json::object{{"attended", attended}},
                                {{"X-CSRF-Token", csrf}});
    };
    BOOST_TEST(check(first, true).status == 200u);
    BOOST_TEST(check(second, false).status == 200u);
    expect_error(check(queued, true), 409, "conflict");
    expect_error(check(999999, true), 404, "not_found");
    auto const r = client.get("/api/v1/events/" + std::to_string(event) + "/attendance").json();
    BOOST_TEST(r.at("confirmed").as_int64() == 2);
    BOOST_TEST(r.at("waitlisted").as_int64() == 1);
    BOOST_TEST(r.at("attended").as_int64() == 1);
    BOOST_TEST(r.at("no_show").as_int64() == 0);  // the event has not ended yet
    BOOST_TEST(r.at("walk_ins").as_int64() == 0);
    BOOST_TEST(r.at("by_affiliation").at("civil_society").as_int64() == 1);
    BOOST_TEST(r.at("organisations").as_array()[0].at("name").as_string() == "Tosteberga Byalag");
    database.execute(
        "update events set starts_at = now() - interval '3 hours',"
        " ends_at = now() - interval '1 hour' where id = " +
        std::to_string(event));
    auto const after = client.get("/api/v1/events/" + std::to_string(event) + "/attendance").json();
    BOOST_TEST(after.at("no_show").as_int64() == 1);  // confirmed, not checked in, ended
}

BOOST_AUTO_TEST_SUITE_END()
