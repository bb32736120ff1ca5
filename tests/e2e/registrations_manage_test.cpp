// Self-service through the manage token (API.md): see, change, add, remove, cancel; freed
// seats go to the waiting list first come, first served, and the promoted are mailed.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using test::registration_server;

namespace {

std::string manage(std::string const& token) {
    return "/api/v1/registrations/" + token;
}

long long attendee_id(test::http_result const& r, std::size_t i) {
    return r.json().at("attendees").as_array().at(i).at("id").as_int64();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_manage, registration_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_manage_token_shows_the_registration_with_its_event_privately) {
    auto const event = add_event();
    auto const created = post_registration(event, registration("anna@example.test", 2));
    auto const r = client.get(manage(token_of(created)));
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.header("referrer-policy") == "no-referrer");
    BOOST_TEST(r.header("cache-control") == "no-store");
    auto const body = r.json().as_object();
    BOOST_TEST(body.at("event").at("id").as_int64() == event);
    BOOST_TEST(body.at("contact").at("email").as_string() == "anna@example.test");
    BOOST_TEST(body.at("attendees").as_array().size() == 2u);
    BOOST_TEST(body.at("attendees").as_array()[0].at("dietary").as_array()[0].as_string() ==
               "vegetarian");
    BOOST_TEST(client.get(manage(std::string(43, 'A'))).status == 404u);
    BOOST_TEST(client.get(manage("too-short")).status == 404u);
    // Only the hash is stored.
    BOOST_TEST(count("select count(*) from registrations where manage_token_hash ="
                     " sha256(convert_to('" +
                     token_of(created) + "', 'UTF8'))") == 1);
    BOOST_TEST(count("select count(*) from registrations r where r::text like '%" +
                     token_of(created) + "%'") == 0);
}

BOOST_AUTO_TEST_CASE(cancelling_an_attendee_promotes_the_first_waiting_and_mails_them) {
    auto const event = add_event("capacity = 2");
    auto const a = post_registration(event, registration("a@example.test", 2));
    auto const b = post_registration(event, registration("b@example.test", 1));
    auto const c = post_registration(event, registration("c@example.test", 1));
    BOOST_TEST(b.json().at("status").as_string() == "waitlisted");
    auto const removed = client.request(
        "DELETE", manage(token_of(a)) + "/attendees/" + std::to_string(attendee_id(a, 0)));
    BOOST_TEST(removed.status == 200u);
    BOOST_TEST(removed.json().at("attendees").as_array()[0].at("status").as_string() ==
               "cancelled");
    auto const promoted = client.get(manage(token_of(b))).json();
    BOOST_TEST(promoted.at("attendees").as_array()[0].at("status").as_string() == "confirmed");
    auto const still = client.get(manage(token_of(c))).json();
    BOOST_TEST(still.at("attendees").as_array()[0].at("status").as_string() == "waitlisted");
    BOOST_TEST(still.at("attendees").as_array()[0].at("waitlist_position").as_int64() == 1);
    BOOST_TEST(count("select count(*) from outbox where idempotency_key = 'promoted:attendee:" +
                     std::to_string(attendee_id(b, 0)) + "'") == 1);
    BOOST_TEST(count("select count(*) from outbox where template = 'changed'") == 1);
    expect_error(client.request("DELETE", manage(token_of(a)) + "/attendees/" +
                                              std::to_string(attendee_id(a, 0))),
                 404, "not_found");
}

BOOST_AUTO_TEST_CASE(cancelling_the_registration_frees_every_seat_for_the_waiting_list) {
    auto const event = add_event("capacity = 2");
    auto const a = post_registration(event, registration("a@example.test", 2));
    auto const b = post_registration(event, registration("b@example.test", 3));
    auto const cancelled = client.request("POST", manage(token_of(a)) + "/cancel");
    BOOST_TEST(cancelled.status == 200u);
    BOOST_TEST(cancelled.json().at("status").as_string() == "cancelled");
    BOOST_TEST(!cancelled.json().at("cancelled_at").is_null());
    auto const after = client.get(manage(token_of(b))).json();
    BOOST_TEST(after.at("status").as_string() == "partially_waitlisted");
    BOOST_TEST(count("select confirmed_count from events where id = " + std::to_string(event)) ==
               2);
    BOOST_TEST(count("select count(*) from outbox where template = 'promoted'") == 2);
    BOOST_TEST(count("select count(*) from outbox where template = 'cancelled'") == 1);
    // Cancelling again changes nothing; the contact may register anew.
    BOOST_TEST(client.request("POST", manage(token_of(a)) + "/cancel").status == 200u);
    BOOST_TEST(count("select count(*) from outbox where template = 'cancelled'") == 1);
    BOOST_TEST(post_registration(event, registration("a@example.test")).status == 201u);
}

BOOST_AUTO_TEST_CASE(added_attendees_queue_like_new_ones_and_needs_can_change) {
    auto const event = add_event("capacity = 2");
    auto const a = post_registration(event, registration("a@example.test", 1));
    auto const other = post_registration(event, registration("b@example.test", 1));
    boost::json::array changed;
    changed.push_back(boost::json::object{{"id", attendee_id(a, 0)},
                                          {"name", "Anna Ändrad"},
                                          {"dietary", boost::json::array{"vegan"}},
                                          {"accessibility", "hörslinga"}});
    changed.push_back(boost::json::object{{"name", "Ny deltagare"}});
    boost::json::object change{{"attendees", std::move(changed)}};
    auto const r = client.patch_json(manage(token_of(a)), change);
    BOOST_TEST(r.status == 200u);
    auto const answer = r.json();
    auto const& attendees = answer.at("attendees").as_array();
    BOOST_TEST(attendees[0].at("name").as_string() == "Anna Ändrad");
    BOOST_TEST(attendees[0].at("accessibility").as_string() == "hörslinga");
    BOOST_TEST(attendees[1].at("status").as_string() == "waitlisted");
    BOOST_TEST(count("select waitlisted_count from events where id = " + std::to_string(event)) ==
               1);
    // Changing the contact to another registration's e-mail is a duplicate.
    boost::json::object contact{{"contact", {{"name", "Anna"}, {"email", "b@example.test"}}}};
    expect_error(client.patch_json(manage(token_of(a)), contact), 409, "duplicate_registration");
    // Invalid changes are 422 with the field.
    boost::json::array blank;
    blank.push_back(boost::json::object{{"name", ""}});
    boost::json::object bad{{"attendees", std::move(blank)}};
    BOOST_TEST(expect_error(client.patch_json(manage(token_of(a)), bad), 422, "validation_failed")
                   .contains("attendees[0].name"));
    (void)other;
}

BOOST_AUTO_TEST_CASE(
    raising_the_capacity_promotes_in_order_and_lowering_below_confirmed_is_a_conflict) {
    auto const event = add_event("capacity = 1");
    auto const csrf = login_as("organiser");
    auto const a = post_registration(event, registration("a@example.test", 1));
    auto const b = post_registration(event, registration("b@example.test", 1));
    auto const c = post_registration(event, registration("c@example.test", 1));
    auto const path = "/api/v1/events/" + std::to_string(event);
    auto const raised =
        client.patch_json(path, boost::json::object{{"capacity", 2}}, {{"X-CSRF-Token", csrf}});
    BOOST_TEST(raised.status == 200u);
    BOOST_TEST(raised.json().at("seats_left").as_int64() == 0);
    BOOST_TEST(client.get(manage(token_of(b))).json().at("status").as_string() == "confirmed");
    BOOST_TEST(client.get(manage(token_of(c))).json().at("status").as_string() == "waitlisted");
    expect_error(
        client.patch_json(path, boost::json::object{{"capacity", 1}}, {{"X-CSRF-Token", csrf}}),
        409, "conflict");
    (void)a;
}

BOOST_AUTO_TEST_SUITE_END()
