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

BOOST_AUTO_TEST_SUITE_END()
