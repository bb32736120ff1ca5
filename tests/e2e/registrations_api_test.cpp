// Every rule of API.md's "Registrations (public)" section, through the HTTP API of the real
// server on the real PostgreSQL.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using test::registration_server;

namespace {

std::string many(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += "å";
    return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_api, registration_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(a_registration_is_created_with_seats_in_order_and_a_manage_url) {
    auto const event = add_event("capacity = 3");
    auto const r = post_registration(event, registration("anna@example.test", 2));
    BOOST_TEST(r.status == 201u);
    auto const body = r.json().as_object();
    BOOST_TEST(body.at("status").as_string() == "confirmed");
    BOOST_TEST(body.at("event_id").as_int64() == event);
    BOOST_TEST(body.at("attendees").as_array().size() == 2u);
    BOOST_TEST(body.at("manage_url").as_string().find("/r/") != boost::json::string::npos);
    BOOST_TEST(count("select count(*) from outbox where template = 'confirmation'") == 1);
}

BOOST_AUTO_TEST_CASE(a_group_larger_than_the_seats_left_gets_exactly_those_seats_and_waits) {
    auto const event = add_event("capacity = 3");
    BOOST_TEST(post_registration(event, registration("first@example.test", 1)).status == 201u);
    auto const r = post_registration(event, registration("group@example.test", 4));
    BOOST_TEST(r.status == 201u);
    auto const body = r.json().as_object();
    BOOST_TEST(body.at("status").as_string() == "partially_waitlisted");
    auto const& attendees = body.at("attendees").as_array();
    BOOST_TEST(attendees[0].at("status").as_string() == "confirmed");
    BOOST_TEST(attendees[1].at("status").as_string() == "confirmed");
    BOOST_TEST(attendees[2].at("status").as_string() == "waitlisted");
    BOOST_TEST(attendees[3].at("status").as_string() == "waitlisted");
    auto const e = client.get("/api/v1/events/" + std::to_string(event)).json();
    BOOST_TEST(e.at("seats_left").as_int64() == 0);
    BOOST_TEST(e.at("waitlist_count").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(malformed_json_wrong_types_and_wrong_media_type_are_refused) {
    auto const event = add_event();
    auto const path = "/api/v1/events/" + std::to_string(event) + "/registrations";
    expect_error(client.request("POST", path, "{not json", "application/json"), 400, "bad_request");
    expect_error(client.request("POST", path, "{}", "text/plain"), 415, "unsupported_media_type");
    auto body = registration("a@example.test");
    body["attendees"] = "Anna";
    expect_error(post_registration(event, body), 400, "bad_request");
    body = registration("a@example.test");
    body["consent"] = "yes";
    expect_error(post_registration(event, body), 400, "bad_request");
    body = registration("a@example.test");
    body["attendees"].as_array()[0].as_object()["dietary"] = "vegan";
    expect_error(post_registration(event, body), 400, "bad_request");
    BOOST_TEST(count("select count(*) from registrations") == 0);
}

BOOST_AUTO_TEST_CASE(
    registration_is_closed_before_opening_after_the_deadline_and_for_cancelled_or_past_events) {
    auto const not_yet = add_event("registration_opens_at = now() + interval '1 day'");
    auto const deadline = add_event("registration_closes_at = now() - interval '1 minute'");
    auto const cancelled = add_event("status = 'cancelled'");
    auto const past =
        add_event("starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour'");
    for (auto id : {not_yet, deadline, cancelled, past})
        expect_error(post_registration(id, registration("a@example.test")), 409,
                     "registration_closed");
    BOOST_TEST(count("select count(*) from registrations") == 0);
}

BOOST_AUTO_TEST_CASE(drafts_and_unknown_events_are_not_found) {
    auto const draft = add_event("status = 'draft'");
    expect_error(post_registration(draft, registration("a@example.test")), 404, "not_found");
    expect_error(post_registration(999999, registration("a@example.test")), 404, "not_found");
    expect_error(client.get("/api/v1/events/" + std::to_string(draft)), 404, "not_found");
}

BOOST_AUTO_TEST_CASE(a_full_event_without_waiting_list_answers_event_full) {
    auto const event = add_event("capacity = 2, waitlist = false");
    BOOST_TEST(post_registration(event, registration("a@example.test", 1)).status == 201u);
    expect_error(post_registration(event, registration("b@example.test", 2)), 409, "event_full");
    BOOST_TEST(post_registration(event, registration("c@example.test", 1)).status == 201u);
    expect_error(post_registration(event, registration("d@example.test", 1)), 409, "event_full");
    BOOST_TEST(count("select count(*) from attendees") == 2);
}

BOOST_AUTO_TEST_CASE(
    a_second_registration_with_the_same_contact_e_mail_is_a_duplicate_and_mails_a_link) {
    auto const event = add_event();
    auto const first = post_registration(event, registration("anna@example.test"));
    BOOST_REQUIRE_EQUAL(first.status, 201u);
    expect_error(post_registration(event, registration("ANNA@example.test")), 409,
                 "duplicate_registration");
    BOOST_TEST(count("select count(*) from registrations") == 1);
    BOOST_TEST(count("select count(*) from outbox where template = 'manage_link'"
                     " and recipient_email = 'anna@example.test'") == 1);
    // The mailed link is a working manage link, and the first one still works.
    auto const mailed =
        text("select payload ->> 'manage_url' from outbox where template = 'manage_link'");
    auto const mailed_token = mailed.substr(mailed.rfind('/') + 1);
    BOOST_TEST(mailed_token != token_of(first));
    BOOST_TEST(client.get("/api/v1/registrations/" + mailed_token).status == 200u);
    BOOST_TEST(client.get("/api/v1/registrations/" + token_of(first)).status == 200u);
    // A second attempt within the hour mails nothing more.
    expect_error(post_registration(event, registration("anna@example.test")), 409,
                 "duplicate_registration");
    BOOST_TEST(count("select count(*) from outbox where template = 'manage_link'") == 1);
}

BOOST_AUTO_TEST_CASE(max_per_organisation_caps_confirmed_and_waitlisted_attendees) {
    auto const event = add_event("capacity = 2, max_per_organisation = 3");
    auto body = registration("a@example.test", 2);
    body["organisation"] = {{"name", "Tosteberga Byalag"}};
    BOOST_TEST(post_registration(event, body).status == 201u);
    body = registration("b@example.test", 2);
    body["organisation"] = {{"name", "TOSTEBERGA BYALAG"}};
    BOOST_TEST(expect_error(post_registration(event, body), 422, "validation_failed")
                   .contains("attendees"));
    body = registration("c@example.test", 1);
    body["organisation"] = {{"name", "Tosteberga Byalag"}};
    BOOST_TEST(post_registration(event, body).json().at("status").as_string() == "waitlisted");
}

BOOST_AUTO_TEST_CASE(a_repeated_idempotency_key_returns_the_first_answer_and_creates_nothing) {
    auto const event = add_event();
    std::map<std::string, std::string> const key{{"Idempotency-Key", "2b4c7e1e-double-click"}};
    auto const first = post_registration(event, registration("a@example.test"), key);
    auto const again = post_registration(event, registration("a@example.test"), key);
    BOOST_TEST(first.status == 201u);
    BOOST_TEST(again.status == 201u);
    BOOST_TEST(again.json() == first.json());
    BOOST_TEST(count("select count(*) from registrations") == 1);
    BOOST_TEST(count("select count(*) from outbox") == 1);
    // Another key is another attempt: this contact is registered already.
    expect_error(
        post_registration(event, registration("a@example.test"), {{"Idempotency-Key", "another"}}),
        409, "duplicate_registration");
    expect_error(post_registration(event, registration("b@example.test"),
                                   {{"Idempotency-Key", std::string(201, 'k')}}),
                 400, "bad_request");
}

BOOST_AUTO_TEST_SUITE_END()

// The field rules, case by case: each case makes its own event and counts nothing else, so
// the suite shares one server.
BOOST_FIXTURE_TEST_SUITE(registrations_validation, registration_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL") * test::one_server_per_suite())

BOOST_AUTO_TEST_CASE(consent_must_be_true) {
    auto const event = add_event();
    auto body = registration("a@example.test");
    body["consent"] = false;
    BOOST_TEST(
        expect_error(post_registration(event, body), 422, "validation_failed").contains("consent"));
    body.erase("consent");
    BOOST_TEST(
        expect_error(post_registration(event, body), 422, "validation_failed").contains("consent"));
}

BOOST_AUTO_TEST_CASE(one_to_ten_attendees) {
    auto const event = add_event("capacity = 50");
    BOOST_TEST(expect_error(post_registration(event, registration("a@example.test", 0)), 422,
                            "validation_failed")
                   .contains("attendees"));
    BOOST_TEST(expect_error(post_registration(event, registration("a@example.test", 11)), 422,
                            "validation_failed")
                   .contains("attendees"));
    BOOST_TEST(post_registration(event, registration("a@example.test", 10)).status == 201u);
}

BOOST_AUTO_TEST_CASE(names_need_one_to_two_hundred_characters) {
    auto const event = add_event();
    auto body = registration("a@example.test", 2);
    body["contact"].as_object()["name"] = "  ";
    body["attendees"].as_array()[1].as_object()["name"] = many(201);
    auto const fields = expect_error(post_registration(event, body), 422, "validation_failed");
    BOOST_TEST(fields.contains("contact.name"));
    BOOST_TEST(fields.contains("attendees[1].name"));
    body["contact"].as_object()["name"] = many(200);
    body["attendees"].as_array()[1].as_object()["name"] = many(200);
    BOOST_TEST(post_registration(event, body).status == 201u);
}

BOOST_AUTO_TEST_CASE(e_mail_addresses_must_be_valid) {
    auto const event = add_event();
    auto body = registration("not-an-address");
    body["attendees"].as_array()[0].as_object()["email"] = "anna@@example";
    auto const fields = expect_error(post_registration(event, body), 422, "validation_failed");
    BOOST_TEST(fields.contains("contact.email"));
    BOOST_TEST(fields.contains("attendees[0].email"));
    body = registration("");
    BOOST_TEST(expect_error(post_registration(event, body), 422, "validation_failed")
                   .contains("contact.email"));
}

BOOST_AUTO_TEST_CASE(dietary_codes_come_from_the_fixed_list_and_free_texts_are_short) {
    auto const event = add_event();
    auto body = registration("a@example.test");
    auto& a = body["attendees"].as_array()[0].as_object();
    a["dietary"] = boost::json::array{"vegan", "chocolate"};
    a["dietary_other"] = many(201);
    a["accessibility"] = many(201);
    a["affiliation"] = "politician";
    auto const fields = expect_error(post_registration(event, body), 422, "validation_failed");
    BOOST_TEST(fields.contains("attendees[0].dietary"));
    BOOST_TEST(fields.contains("attendees[0].dietary_other"));
    BOOST_TEST(fields.contains("attendees[0].accessibility"));
    BOOST_TEST(fields.contains("attendees[0].affiliation"));
    a["dietary"] =
        boost::json::array{"vegetarian", "vegan", "gluten_free", "lactose_free", "nut_allergy"};
    a["dietary_other"] = many(200);
    a["accessibility"] = "hörslinga";
    a["affiliation"] = "elected_official";
    BOOST_TEST(post_registration(event, body).status == 201u);
}

BOOST_AUTO_TEST_CASE(an_org_number_must_have_a_valid_luhn_digit_and_matches_the_register) {
    auto const event = add_event();
    database.execute(
        "insert into organisations (name, org_number) values"
        " ('Tosteberga Byalag', '802400-1235')");
    auto body = registration("a@example.test");
    body["organisation"] = {{"name", "Byalaget"}, {"org_number", "802400-1234"}};
    BOOST_TEST(expect_error(post_registration(event, body), 422, "validation_failed")
                   .contains("organisation.org_number"));
    body["organisation"] = {{"name", "Byalaget"}, {"org_number", "8024001235"}};
    BOOST_TEST(post_registration(event, body).status == 201u);
    BOOST_TEST(count("select count(*) from registrations where organisation_id is not null"
                     " and org_number = '802400-1235'") == 1);
    body = registration("b@example.test");
    body["organisation"] = {{"name", "tosteberga byalag"}};  // matched by name too
    BOOST_TEST(post_registration(event, body).status == 201u);
    BOOST_TEST(count("select count(*) from registrations where organisation_id is not null") == 2);
}

BOOST_AUTO_TEST_SUITE_END()

struct rate_limited_server : registration_server {
    rate_limited_server() : registration_server({"--registration-rate-limit", "5"}) {}
};

BOOST_FIXTURE_TEST_SUITE(registrations_rate_limit, rate_limited_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_limit_counts_seats_and_a_refusal_takes_none_of_them) {
    auto const event = add_event();
    // Budget 5 seats a minute: 2 + 2 fit, 3 more do not, 1 more still does.
    BOOST_TEST(post_registration(event, registration("a@example.test", 2)).status == 201u);
    BOOST_TEST(post_registration(event, registration("b@example.test", 2)).status == 201u);
    auto const third = post_registration(event, registration("c@example.test", 3));
    expect_error(third, 429, "rate_limited");
    auto const retry = std::stoi(third.header("retry-after"));
    BOOST_TEST(retry >= 1);
    BOOST_TEST(retry <= 60);
    BOOST_TEST(post_registration(event, registration("d@example.test", 1)).status == 201u);
    expect_error(post_registration(event, registration("e@example.test", 1)), 429, "rate_limited");
    BOOST_TEST(count("select count(*) from registrations") == 3);
    BOOST_TEST(count("select hits from rate_limits") == 5);  // shared by every instance
}

BOOST_AUTO_TEST_SUITE_END()
