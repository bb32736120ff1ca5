// Issue 9, a manage link used to mail people: the attacker registers, points the contact at
// a victim's address with a "Klicka här: …" name and sends PATCH after PATCH. The real server
// sends through a real SMTP server of our own (aiosmtpd); what arrives is counted there. The
// rules are samverkan_change_registration (a change that changes nothing sends nothing) and
// samverkan_mail_enqueue's coalescing (at most three change mails an hour, the latest state
// in each).
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/smtp/mail_test_support.hpp"
#include "tests/support/services.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace samverkan;
using namespace std::chrono_literals;

namespace {

/// The SMTP sink comes first so that the server can be pointed at it.
struct sink_holder {
    test::smtp_sink sink;
};

struct mail_abuse : sink_holder, test::registration_server {
    // The manage limit is high here: what is tested is the mail, not the request limit.
    mail_abuse()
        : registration_server({"--registration-rate-limit", "0", "--smtp-url", sink.url(),
                               "--mail-poll-ms", "50", "--manage-rate-limit", "1000"}) {}

    /// Messages the sink received for `address`.
    std::size_t mails_to(std::string const& address) {
        std::size_t n = 0;
        auto const all = sink.parsed();  // held: a loop over a temporary's member dangles
        for (auto const& m : all.at("messages").as_array())
            if (m.at("to_address").is_string() && m.at("to_address").as_string() == address) ++n;
        return n;
    }

    /// Waits until no message is due (sent or waiting for a later hour); fails the test after
    /// `timeout`.
    void wait_until_nothing_is_due(std::chrono::milliseconds timeout = 20s) {
        auto const until = std::chrono::steady_clock::now() + timeout;
        while (count("select count(*) from outbox where status = 'pending'"
                     " and next_attempt_at <= now()") > 0) {
            BOOST_TEST_REQUIRE((std::chrono::steady_clock::now() < until), "mail still due");
            std::this_thread::sleep_for(50ms);
        }
    }

    static boost::json::object contact(std::string const& name, std::string const& email) {
        return boost::json::object{{"contact", {{"name", name}, {"email", email}}}};
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(abuse_manage_mail, mail_abuse,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL") *
                             test::needs("SAMVERKAN_TEST_SMTP_SINK"))

BOOST_AUTO_TEST_CASE(twenty_patches_that_change_nothing_send_no_mail) {
    auto const event = add_event();
    auto const created = post_registration(event, registration("anna@example.test"));
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    auto const path = self_service_path(token_of(created));
    auto const attendee = created.json().at("attendees").as_array().at(0).at("id").as_int64();
    wait_until_nothing_is_due();
    BOOST_REQUIRE(sink.wait_for(1, 10s));  // the confirmation
    // Ten empty PATCHes and ten that send everything as it is, from twenty clients at once.
    boost::json::object same = contact("Kontakt", "anna@example.test");
    same["attendees"] =
        boost::json::array{boost::json::object{{"id", attendee},
                                               {"name", "Deltagare 1"},
                                               {"affiliation", "civil_society"},
                                               {"dietary", boost::json::array{"vegetarian"}}}};
    constexpr int clients = 20;
    std::atomic<int> answered{0};
    at_once(clients, 40, [&](test::http_client& mine, int c) {
        if (mine.patch_json(path, c % 2 ? same : boost::json::object{}).status == 200) ++answered;
    });
    BOOST_TEST(answered.load() == clients);
    BOOST_TEST(count("select count(*) from outbox") == 1);
    // Negative control: one real change is mailed, through the same sender, at once.
    BOOST_TEST(client.patch_json(path, contact("Anna Andersson", "anna@example.test")).status ==
               200u);
    BOOST_TEST(count("select count(*) from outbox where template = 'changed'") == 1);
    wait_until_nothing_is_due();
    BOOST_REQUIRE(sink.wait_for(2, 10s));
    BOOST_TEST(sink.count() == 2u);
    BOOST_TEST(mails_to("anna@example.test") == 2u);
}

BOOST_AUTO_TEST_CASE(ten_changes_in_a_minute_send_at_most_three_mails_to_the_new_address) {
    auto const event = add_event();
    auto const created = post_registration(event, registration("attacker@example.test"));
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    auto const path = self_service_path(token_of(created));
    wait_until_nothing_is_due();
    // Each change waits until its mail has left, so that nothing is merged by chance: the
    // cap, not the timing, has to hold the victim's mail at three.
    constexpr int changes = 10;
    for (int i = 1; i <= changes; ++i) {
        auto const name = "Klicka här: https://evil.example/" + std::to_string(i);
        BOOST_TEST(client.patch_json(path, contact(name, "victim@example.test")).status == 200u);
        wait_until_nothing_is_due();
    }
    auto const to_victim = mails_to("victim@example.test");
    std::printf("abuse_manage_mail: %d changes, %zu mails to the new address\n", changes,
                to_victim);
    BOOST_TEST(to_victim <= 3u);
    BOOST_TEST(to_victim >= 1u);
    // The old address hears once that its registration moved (confirmation + that notice).
    BOOST_TEST(mails_to("attacker@example.test") == 2u);
    // Nothing is lost: one message waits for the hour to pass, holding the latest state.
    BOOST_TEST(count("select count(*) from outbox where template = 'changed' and status ="
                     " 'pending' and next_attempt_at > now() + interval '50 minutes'") == 1);
    BOOST_TEST(text("select recipient_name from outbox where template = 'changed' and status ="
                    " 'pending'") == "Klicka här: https://evil.example/10");
    // Negative control: the cap is per registration; another one's change leaves at once.
    auto const other = post_registration(event, registration("bo@example.test"));
    BOOST_TEST(
        client.patch_json(self_service_path(token_of(other)), contact("Bo B", "bo@example.test"))
            .status == 200u);
    wait_until_nothing_is_due();
    BOOST_TEST(mails_to("bo@example.test") == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
