// The door link of the confirmation's QR code over the real server: an organiser lands on
// the attendee's check-in row, someone without a login is sent to the login page (which
// comes back to the link) and reads nothing of the registration, a steering user is
// refused, an unknown code is not found. And the manage page shows the code.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using test::registration_server;

namespace {

bool contains(std::string const& text, std::string const& part) {
    return text.find(part) != std::string::npos;
}

// As a phone's browser asks after scanning the code: for a page.
test::http_result browse(test::http_client& c, std::string const& target) {
    return c.request("GET", target, {}, {}, {{"Accept", "text/html"}});
}

struct door_link : registration_server {
    long long event = add_event("capacity = 5");
    std::string token;
    long long registration_id = 0;
    long long first_attendee = 0;

    door_link() {
        auto body = registration("kontakt@example.test", 2);
        body["attendees"].as_array()[0].as_object()["name"] = "Märta Ström";
        body["attendees"].as_array()[1].as_object()["name"] = "Olle Ström";
        auto const r = post_registration(event, body);
        BOOST_REQUIRE_EQUAL(r.status, 201u);
        token = token_of(r);
        registration_id = r.json().at("id").as_int64();
        first_attendee = r.json().at("attendees").as_array()[0].at("id").as_int64();
    }

    std::string code() {
        return text("select door_code from registrations where id = " +
                    std::to_string(registration_id));
    }

    std::string link() { return "/staff/door/" + code(); }

    std::string check_in_row() {
        return "/staff/events/" + std::to_string(event) + "/check-in?q=M%C3%A4rta%20Str%C3%B6m#a-" +
               std::to_string(first_attendee);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_door_link, door_link,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_door_link_leads_an_organiser_to_the_row_and_tells_nobody_else_anything) {
    BOOST_REQUIRE_EQUAL(code().size(), 32u);
    // The confirmation mail carries the code for its QR code (the mail door checks it).
    BOOST_TEST(text("select payload ->> 'door_code' from outbox where template = 'confirmation'") ==
               code());

    // Without a login: the login page, with the way back; nothing of the registration.
    test::http_client anonymous{server.port()};
    auto const refused = browse(anonymous, link());
    BOOST_TEST(refused.status == 303u);
    BOOST_TEST(refused.header("location") == "/login?next=%2Fstaff%2Fdoor%2F" + code());
    BOOST_TEST(!contains(refused.body, "Ström"));
    BOOST_TEST(!contains(refused.body, "Tematräff"));

    // Logging in there comes back to the link, which leads to the attendee's row.
    auto const organiser = add_user("arrangor@kristianstad.example", "organiser");
    auto const logged_in = anonymous.post_form(
        "/login", {{"email", organiser.email}, {"password", organiser.password}, {"next", link()}});
    BOOST_TEST(logged_in.status == 303u);
    BOOST_TEST(logged_in.header("location") == link());
    auto const led = browse(anonymous, link());
    BOOST_TEST(led.status == 303u);
    BOOST_TEST(led.header("location") == check_in_row());
    auto const location = led.header("location");
    auto const page = browse(anonymous, location.substr(0, location.find('#')));
    BOOST_REQUIRE_EQUAL(page.status, 200u);
    BOOST_TEST(contains(page.body, "id=\"a-" + std::to_string(first_attendee) + "\""));
    BOOST_TEST(contains(page.body, "Märta Ström"));
    BOOST_TEST(contains(page.body, "Checka in<span class=\"visually-hidden\"> Märta Ström</span>"));

    // A steering user may look at the door list but not follow a link into check-in.
    test::http_client steering{server.port()};
    (void)login(steering, add_user("styrgrupp@kristianstad.example", "steering"));
    auto const forbidden = browse(steering, link());
    BOOST_TEST(forbidden.status == 403u);
    BOOST_TEST(!contains(forbidden.body, "Ström"));

    // A code nobody has, or something that is no code: not found, and no more.
    for (std::string const bad : {"0123456789abcdef0123456789abcdef", "x", "%27%20or%201%3D1"}) {
        auto const unknown = browse(anonymous, "/staff/door/" + bad);
        BOOST_TEST(unknown.status == 404u, bad);
        BOOST_TEST(!contains(unknown.body, "Ström"));
    }

    // The manage page shows the same code as an image with its text alternative.
    auto const manage = client.get("/r/" + token);
    BOOST_REQUIRE_EQUAL(manage.status, 200u);
    BOOST_TEST(
        contains(manage.body, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\""));
    BOOST_TEST(contains(manage.body, "<title>QR-kod för insläpp på träffen</title>"));
    BOOST_TEST(contains(manage.body, "Visa koden vid entrén"));
    auto const english = client.get("/r/" + token + "?lang=en");
    BOOST_TEST(contains(english.body, "<title>QR code for entry to the event</title>"));
    BOOST_TEST(contains(english.body, "Show the code at the entrance"));
}

BOOST_AUTO_TEST_SUITE_END()
