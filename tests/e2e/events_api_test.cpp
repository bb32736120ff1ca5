// The events API (API.md "Events") and the calendars, through the real server: who may do
// what, every rule of an event, publishing, cancelling (which tells every active attendee)
// and copying.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using test::registration_server;

namespace {

boost::json::object valid_event() {
    return boost::json::object{{"kind", "theme_meeting"},
                               {"title", "Tematräff: samhälls- och föreningsengagemang"},
                               {"theme", "samhälls- och föreningsengagemang"},
                               {"starts_at", "2031-06-13T17:00:00+02:00"},
                               {"ends_at", "2031-06-13T19:30:00+02:00"},
                               {"venue", "Rådhuset, Kaféet, våning 6"},
                               {"capacity", 60},
                               {"max_per_organisation", 3},
                               {"waitlist", true},
                               {"food", true},
                               {"registration_closes_at", "2031-06-06T23:59:00+02:00"},
                               {"priority_areas", {"participation"}}};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(events_api, registration_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(an_organiser_creates_an_event_with_every_field_of_api_md) {
    auto const csrf = login_as("organiser");
    auto const r = client.post_json("/api/v1/events", valid_event(), {{"X-CSRF-Token", csrf}});
    BOOST_TEST(r.status == 201u);
    auto const e = r.json().as_object();
    BOOST_TEST(e.at("status").as_string() == "draft");
    BOOST_TEST(e.at("starts_at").as_string() == "2031-06-13T17:00:00+02:00");
    BOOST_TEST(e.at("registration_closes_at").as_string() == "2031-06-06T23:59:00+02:00");
    BOOST_TEST(e.at("registration_opens_at").is_null());
    BOOST_TEST(e.at("seats_left").as_int64() == 60);
    BOOST_TEST(e.at("waitlist_count").as_int64() == 0);
    BOOST_TEST(e.at("max_per_organisation").as_int64() == 3);
    BOOST_TEST(e.at("priority_areas").as_array()[0].as_string() == "participation");
    BOOST_TEST(count("select count(*) from audit_log where action = 'event.create'") == 1);
    // Drafts are not public.
    auto const id = std::to_string(e.at("id").as_int64());
    BOOST_TEST(client.get("/api/v1/events/" + id).status == 404u);
    BOOST_TEST(client.get("/api/v1/events").json().at("events").as_array().empty());
    auto const staff = client.get("/api/v1/events?include=all").json();
    BOOST_TEST(staff.at("events").as_array().size() == 1u);
    auto const published = client.request("POST", "/api/v1/events/" + id + "/publish", "", "",
                                          {{"X-CSRF-Token", csrf}});
    BOOST_TEST(published.json().at("status").as_string() == "published");
    BOOST_TEST(client.get("/api/v1/events").json().at("events").as_array().size() == 1u);
    BOOST_TEST(client.get("/api/v1/events?kind=dialogue_conference")
                   .json()
                   .at("events")
                   .as_array()
                   .empty());
    BOOST_TEST(client.get("/api/v1/events?kind=party").status == 400u);
    BOOST_TEST(client.get("/api/v1/events?from=2031-07-01").json().at("events").as_array().empty());
}

BOOST_AUTO_TEST_CASE(staff_routes_need_a_session_an_organiser_and_a_csrf_token) {
    expect_error(client.post_json("/api/v1/events", valid_event()), 401, "unauthenticated");
    expect_error(client.get("/api/v1/events?include=all"), 401, "unauthenticated");
    auto const csrf = login_as("steering");
    expect_error(client.post_json("/api/v1/events", valid_event(), {{"X-CSRF-Token", csrf}}), 403,
                 "forbidden");
    BOOST_TEST(client.get("/api/v1/events?include=all").status == 200u);
}

BOOST_AUTO_TEST_CASE(every_event_rule_is_checked_with_a_field_error) {
    auto const csrf = login_as("organiser");
    auto const post = [&](boost::json::object const& body) {
        return client.post_json("/api/v1/events", body, {{"X-CSRF-Token", csrf}});
    };
    auto fields = expect_error(post(boost::json::object{}), 422, "validation_failed");
    for (auto const* key : {"kind", "title", "capacity", "starts_at", "ends_at"})
        BOOST_TEST(fields.contains(key), key);
    auto e = valid_event();
    e["ends_at"] = "2031-06-13T16:00:00+02:00";
    BOOST_TEST(expect_error(post(e), 422, "validation_failed").contains("ends_at"));
    e = valid_event();
    e["registration_closes_at"] = "2031-06-14T00:00:00+02:00";
    BOOST_TEST(expect_error(post(e), 422, "validation_failed").contains("registration_closes_at"));
    e = valid_event();
    e["capacity"] = 0;
    BOOST_TEST(expect_error(post(e), 422, "validation_failed").contains("capacity"));
    e = valid_event();
    e["max_per_organisation"] = 0;
    BOOST_TEST(expect_error(post(e), 422, "validation_failed").contains("max_per_organisation"));
    e = valid_event();
    e["kind"] = "party";
    e["priority_areas"] = {"fun"};
    e["starts_at"] = "13 June 2031";
    fields = expect_error(post(e), 422, "validation_failed");
    BOOST_TEST(fields.contains("kind"));
    BOOST_TEST(fields.contains("priority_areas"));
    BOOST_TEST(fields.contains("starts_at"));
    e = valid_event();
    e["capacity"] = "sixty";
    expect_error(post(e), 400, "bad_request");
    e = valid_event();
    e["max_per_organisation"] = nullptr;
    BOOST_TEST(post(e).status == 201u);
    BOOST_TEST(count("select count(*) from events") == 1);
}

BOOST_AUTO_TEST_CASE(cancelling_an_event_tells_every_active_attendee) {
    auto const event = add_event();
    auto const csrf = login_as("organiser");
    auto a = registration("a@example.test", 2);
    a["attendees"].as_array()[1].as_object()["email"] = "own@example.test";
    BOOST_TEST(post_registration(event, a).status == 201u);
    BOOST_TEST(post_registration(event, registration("b@example.test")).status == 201u);
    auto const gone = post_registration(event, registration("c@example.test"));
    client.request("POST", "/api/v1/registrations/" + token_of(gone) + "/cancel");
    auto const r =
        client.post_json("/api/v1/events/" + std::to_string(event) + "/cancel",
                         boost::json::object{{"reason", "Sjukdom"}}, {{"X-CSRF-Token", csrf}});
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.json().at("status").as_string() == "cancelled");
    BOOST_TEST(r.json().at("cancel_reason").as_string() == "Sjukdom");
    BOOST_TEST(count("select count(*) from outbox where template = 'event_cancelled'") == 3);
    BOOST_TEST(count("select count(*) from outbox where template = 'event_cancelled'"
                     " and recipient_email = 'own@example.test'") == 1);
    BOOST_TEST(count("select count(*) from outbox where template = 'event_cancelled'"
                     " and recipient_email = 'c@example.test'") == 0);
    BOOST_TEST(count("select count(*) from outbox where template = 'event_cancelled'"
                     " and payload::text like '%vegetarian%'") == 0);
    expect_error(client.post_json("/api/v1/events/" + std::to_string(event) + "/cancel",
                                  boost::json::object{}, {{"X-CSRF-Token", csrf}}),
                 409, "conflict");
    expect_error(post_registration(event, registration("d@example.test")), 409,
                 "registration_closed");
}

BOOST_AUTO_TEST_CASE(a_past_event_is_copied_as_a_draft_in_the_future_at_the_same_local_time) {
    auto const event = add_event(
        "starts_at = '2024-03-14 17:00:00+01', ends_at = '2024-03-14 19:30:00+01',"
        " registration_closes_at = '2024-03-07 23:59:00+01'");
    auto const csrf = login_as("organiser");
    auto const r = client.request("POST", "/api/v1/events/" + std::to_string(event) + "/copy", "",
                                  "", {{"X-CSRF-Token", csrf}});
    BOOST_TEST(r.status == 201u);
    auto const e = r.json().as_object();
    BOOST_TEST(e.at("status").as_string() == "draft");
    BOOST_TEST(e.at("id").as_int64() != event);
    BOOST_TEST(e.at("title").as_string() == "Tematräff: psykisk hälsa");
    BOOST_TEST(e.at("starts_at").as_string().subview(11, 5) == "17:00");
    BOOST_TEST(e.at("ends_at").as_string().subview(11, 5) == "19:30");
    BOOST_TEST(e.at("confirmed_count").as_int64() == 0);
    auto const explicit_copy = client.post_json(
        "/api/v1/events/" + std::to_string(event) + "/copy",
        boost::json::object{{"starts_at", "2032-02-05T17:00:00+01:00"}}, {{"X-CSRF-Token", csrf}});
    BOOST_TEST(explicit_copy.json().at("ends_at").as_string() == "2032-02-05T19:30:00+01:00");
    BOOST_TEST(explicit_copy.json().at("registration_closes_at").as_string() ==
               "2032-01-29T23:59:00+01:00");
}

BOOST_AUTO_TEST_CASE(calendars_are_rfc_5545_with_stockholm_times) {
    auto const event = add_event(
        "starts_at = '2031-06-13 17:00:00+02', ends_at = '2031-06-13 19:30:00+02',"
        " title = 'Tematräff; engagemang, och mer'");
    auto const one = client.get("/events/" + std::to_string(event) + ".ics");
    BOOST_TEST(one.status == 200u);
    BOOST_TEST(one.header("content-type") == "text/calendar; charset=utf-8");
    auto const& text = one.body;
    BOOST_TEST(text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0u);
    BOOST_TEST(text.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n") != std::string::npos);
    BOOST_TEST(text.find("DTSTART;TZID=Europe/Stockholm:20310613T170000\r\n") != std::string::npos);
    BOOST_TEST(text.find("DTEND;TZID=Europe/Stockholm:20310613T193000\r\n") != std::string::npos);
    BOOST_TEST(text.find("SUMMARY:Tematräff\\; engagemang\\, och mer\r\n") != std::string::npos);
    BOOST_TEST(text.find("UID:event-" + std::to_string(event) + "@") != std::string::npos);
    BOOST_TEST(text.find("\r\nEND:VCALENDAR\r\n") != std::string::npos);
    for (std::size_t start = 0; start < text.size();) {  // every line ends CRLF, ≤ 75 octets
        auto const end = text.find("\r\n", start);
        BOOST_REQUIRE(end != std::string::npos);
        BOOST_TEST(end - start <= 75u);
        start = end + 2;
    }
    auto const all = client.get("/events.ics");
    BOOST_TEST(all.status == 200u);
    BOOST_TEST(all.body.find("UID:event-" + std::to_string(event) + "@") != std::string::npos);
    BOOST_TEST(client.get("/events/999999.ics").status == 404u);
}

BOOST_AUTO_TEST_SUITE_END()
