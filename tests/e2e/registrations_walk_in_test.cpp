// Walk-ins over HTTP (API.md "Registrations (staff)"): people who came without registering
// are recorded by an organiser, checked in at once, beyond the capacity when the room is
// full and marked so, matched to the register, never e-mailed; the no-show rule counts only
// confirmed attendees of an ended event who were not checked in.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using test::registration_server;

namespace {

boost::json::object walk_in(boost::json::object organisation,
                            std::vector<std::string> const& names) {
    boost::json::array attendees;
    for (auto const& n : names)
        attendees.push_back(boost::json::object{{"name", n}, {"affiliation", "civil_society"}});
    return {{"organisation", std::move(organisation)}, {"attendees", std::move(attendees)}};
}

struct walk_ins : registration_server {
    long long event = add_event("capacity = 2");

    test::http_result post(boost::json::object const& body, std::string const& csrf,
                           long long on = 0) {
        return client.post_json("/api/v1/events/" + std::to_string(on ? on : event) + "/walk-ins",
                                body, {{"X-CSRF-Token", csrf}});
    }

    /// The page a form's redirect leads to (without its #fragment).
    std::string follow(test::http_result const& r) {
        BOOST_REQUIRE_EQUAL(r.status, 303u);
        auto location = r.header("location");
        location = location.substr(0, location.find('#'));
        return client.get(location).body;
    }

    std::string path(std::string const& tail) {
        return "/staff/events/" + std::to_string(event) + tail;
    }

    boost::json::value attendance() {
        return client.get("/api/v1/events/" + std::to_string(event) + "/attendance").json();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_walk_ins, walk_ins,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(walk_ins_are_checked_in_at_once_beyond_capacity_and_never_mailed) {
    BOOST_REQUIRE_EQUAL(post_registration(event, registration("anna@example.test")).status, 201u);
    auto const mails_before = count("select count(*) from outbox");
    auto const csrf = login_as("organiser");
    auto const r =
        post(walk_in({{"name", "Everöds Byaråd"}}, {"Gustav Gående", "Hilda Hastig"}), csrf);
    BOOST_REQUIRE_EQUAL(r.status, 201u);
    auto const body = r.json();
    BOOST_TEST(body.at("event_id").as_int64() == event);
    auto const& people = body.at("attendees").as_array();
    BOOST_REQUIRE_EQUAL(people.size(), 2u);
    BOOST_TEST(people[0].at("attended").as_bool());
    BOOST_TEST(people[0].at("status").as_string() == "confirmed");
    BOOST_TEST(!people[0].at("over_capacity").as_bool());  // the second seat was free
    BOOST_TEST(people[1].at("over_capacity").as_bool());   // the room was full
    BOOST_TEST(count("select count(*) from outbox") == mails_before);
    BOOST_TEST(count("select count(*) from organisations where name = 'Everöds Byaråd'") == 1);
    BOOST_TEST(count("select count(*) from audit_log where action = 'attendees.walk_in'") == 1);
    auto const a = attendance();
    BOOST_TEST(a.at("walk_ins").as_int64() == 2);
    BOOST_TEST(a.at("attended").as_int64() == 2);
    // The same organisation again is matched, not added twice.
    BOOST_TEST(post(walk_in({{"name", "everöds byaråd"}}, {"Ivar Igen"}), csrf).status == 201u);
    BOOST_TEST(count("select count(*) from organisations where lower(name) = 'everöds byaråd'") ==
               1);
}

BOOST_AUTO_TEST_CASE(walk_ins_are_for_organisers_and_refused_with_specific_errors) {
    auto const body = walk_in({{"name", "Sensus"}}, {"Jonna Jäkt"});
    expect_error(client.post_json("/api/v1/events/" + std::to_string(event) + "/walk-ins", body),
                 401, "unauthenticated");
    auto const steering = login_as("steering");
    expect_error(post(body, steering), 403, "forbidden");
    auto const csrf = login_as("organiser");
    auto const none =
        expect_error(post(walk_in({{"name", "Sensus"}}, {}), csrf), 422, "validation_failed");
    BOOST_TEST(none.contains("attendees"));
    auto const unknown =
        expect_error(post(walk_in({{"id", 987654}}, {"Karl Kom"}), csrf), 422, "validation_failed");
    BOOST_TEST(unknown.contains("organisation.id"));
    expect_error(post(body, csrf, 987654), 404, "not_found");
    database.execute("update events set status = 'cancelled' where id = " + std::to_string(event));
    BOOST_TEST(post(body, csrf).status == 409u);
    BOOST_TEST(count("select count(*) from attendees where event_id = " + std::to_string(event)) ==
               0);
}

BOOST_AUTO_TEST_CASE(after_the_event_walk_ins_are_allowed_and_never_no_shows) {
    BOOST_REQUIRE_EQUAL(post_registration(event, registration("anna@example.test")).status, 201u);
    database.execute(
        "update events set starts_at = now() - interval '3 hours',"
        " ends_at = now() - interval '1 hour' where id = " +
        std::to_string(event));
    auto const csrf = login_as("organiser");
    BOOST_TEST(post(walk_in({{"name", "Sensus"}}, {"Lisa Sen"}), csrf).status == 201u);
    auto const a = attendance();
    BOOST_TEST(a.at("walk_ins").as_int64() == 1);
    BOOST_TEST(a.at("attended").as_int64() == 1);
    BOOST_TEST(a.at("no_show").as_int64() == 1);  // Anna registered and did not come
}

BOOST_AUTO_TEST_CASE(the_door_form_adds_a_walk_in_picked_from_the_register_and_counts_the_role) {
    database.execute(
        "insert into organisations (name, kind) values ('Kristianstads FN-förening',"
        " 'association')");
    auto const csrf = login_as("organiser");
    auto const form = client.get(path("/walk-ins"));
    BOOST_TEST(form.status == 200u);
    BOOST_TEST(form.body.find("<option value=\"Kristianstads FN-förening\">") != std::string::npos);
    // Nothing typed: the form again with a specific error, nothing written.
    auto const empty = client.post_form(
        path("/walk-ins"),
        {{"csrf_token", csrf}, {"attendees[0].name", " "}, {"organisation.name", "Sensus"}});
    BOOST_TEST(empty.status == 422u);
    BOOST_TEST(empty.body.find("href=\"#f-name\"") != std::string::npos);
    BOOST_TEST(empty.body.find("value=\"Sensus\"") != std::string::npos);  // kept as typed
    BOOST_TEST(count("select count(*) from attendees") == 0);
    auto const r =
        client.post_form(path("/walk-ins"), {{"csrf_token", csrf},
                                             {"attendees[0].name", "Maja Modig"},
                                             {"attendees[0].affiliation", "elected_official"},
                                             {"organisation.name", "Kristianstads FN-förening"}});
    auto const html = follow(r);
    BOOST_TEST(html.find("Maja Modig är tillagd och incheckad.") != std::string::npos);
    BOOST_TEST(html.find("<span class=\"count\">1</span> Förtroendevald") != std::string::npos);
    BOOST_TEST(html.find("<span class=\"count\">0</span> Förening") != std::string::npos);
    BOOST_TEST(html.find("utan anmälan") != std::string::npos);
    BOOST_TEST(count("select count(*) from attendees a join organisations o on"
                     " o.id = a.organisation_id where a.walk_in and a.attended"
                     " and o.name = 'Kristianstads FN-förening'") == 1);
    BOOST_TEST(count("select count(*) from organisations") == 1);  // matched, not added
    // The forms are for organisers, with the CSRF token.
    BOOST_TEST(client.post_form(path("/walk-ins"), {{"attendees[0].name", "Nils Utan"}}).status ==
               403u);
    (void)login_as("steering");
    BOOST_TEST(client.get(path("/walk-ins")).status == 403u);
    BOOST_TEST(client.get(path("/attendance-list")).status == 403u);
}

BOOST_AUTO_TEST_CASE(the_paper_list_is_saved_in_one_pass_audited_and_bad_numbers_change_nothing) {
    auto reg = registration("anna@example.test", 2);
    auto const created = post_registration(event, reg);
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    auto const body = created.json();
    auto const& people = body.at("attendees").as_array();
    auto const first = std::to_string(people[0].at("id").as_int64());
    auto const second = std::to_string(people[1].at("id").as_int64());
    auto const csrf = login_as("organiser");
    BOOST_TEST(client
                   .post_json("/api/v1/attendees/" + first + "/check-in",
                              boost::json::object{{"attended", true}}, {{"X-CSRF-Token", csrf}})
                   .status == 200u);
    auto const page = client.get(path("/attendance-list")).body;
    BOOST_TEST(page.find("value=\"" + first + "\" checked") != std::string::npos);
    BOOST_TEST(page.find("value=\"" + second + "\">") != std::string::npos);
    auto const bad = client.post_form(
        path("/attendance-list"), {{"csrf_token", csrf}, {"attended", second}, {"attended", "x"}});
    BOOST_TEST(bad.status == 400u);
    BOOST_TEST(count("select count(*) from attendees where attended") == 1);
    // The paper says: the second came, the first did not.
    auto const html = follow(
        client.post_form(path("/attendance-list"), {{"csrf_token", csrf}, {"attended", second}}));
    BOOST_TEST(html.find("Listan är sparad: 2 ändrade.") != std::string::npos);
    BOOST_TEST(count("select count(*) from attendees where attended and id = " + second) == 1);
    BOOST_TEST(count("select count(*) from attendees where attended and id = " + first) == 0);
    BOOST_TEST(count("select count(*) from audit_log where action = 'attendees.attendance_list'") ==
               1);
    // The same list again changes nothing.
    auto const again = follow(
        client.post_form(path("/attendance-list"), {{"csrf_token", csrf}, {"attended", second}}));
    BOOST_TEST(again.find("Listan är sparad: 0 ändrade.") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
