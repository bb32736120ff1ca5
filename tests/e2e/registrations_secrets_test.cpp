// Manage links are secrets kept in readable form only as long as they are needed: the
// outbox row loses its link once the mail is sent (or has failed), and the stored answers
// of Idempotency-Keys go when their 24 hours of replay are over. The real server sends to
// a real SMTP server of our own (aiosmtpd) and runs its periodic job against PostgreSQL.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/smtp/mail_test_support.hpp"
#include "tests/support/services.hpp"

#include <chrono>
#include <thread>

using namespace samverkan;
using namespace std::chrono_literals;

namespace {

/// The SMTP sink comes first so that the server can be pointed at it.
struct sink_holder {
    test::smtp_sink sink;
};

struct secrets_server : sink_holder, test::registration_server {
    secrets_server()
        : registration_server({"--registration-rate-limit", "0", "--smtp-url", sink.url(),
                               "--mail-poll-ms", "50", "--mail-retry-min-seconds", "1",
                               "--idempotency-cleanup-seconds", "1"}) {}

    /// Rows of `table` whose whole text holds `secret` anywhere.
    long long rows_holding(std::string const& table, std::string const& secret) {
        return count("select count(*) from " + table + " t where strpos(t::text, '" + secret +
                     "') > 0");
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_secrets, secrets_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL") *
                             test::needs("SAMVERKAN_TEST_SMTP_SINK"))

BOOST_AUTO_TEST_CASE(the_outbox_keeps_no_manage_link_once_the_mail_is_sent_or_has_failed) {
    auto const event = add_event();
    auto const sent = post_registration(event, registration("anna@example.test"));
    auto const failed = post_registration(event, registration("reject550-bertil@example.test"));
    BOOST_REQUIRE_EQUAL(sent.status, 201u);
    BOOST_REQUIRE_EQUAL(failed.status, 201u);
    auto const sent_token = token_of(sent), failed_token = token_of(failed);
    // A self-service change queues a "changed" mail with the link too.
    auto const change = client.patch_json(
        "/api/v1/registrations/" + sent_token,
        boost::json::object{{"contact", {{"name", "Anna A"}, {"email", "anna@example.test"}}}});
    BOOST_REQUIRE_EQUAL(change.status, 200u);
    // While queued, the row holds the link (the sender needs it).
    BOOST_TEST(rows_holding("outbox", sent_token) >= 1);

    BOOST_REQUIRE(test::wait_outbox_settled(database, 30s));
    BOOST_REQUIRE(sink.wait_for(2, 10s));
    BOOST_TEST(count("select count(*) from outbox where status = 'sent'") == 2);
    BOOST_TEST(count("select count(*) from outbox where status = 'failed'") == 1);
    // The mail itself carried the link …
    BOOST_TEST(boost::json::serialize(sink.parsed()).find(sent_token) != std::string::npos);
    // … and no outbox row holds either token any more, in any column.
    BOOST_TEST(rows_holding("outbox", sent_token) == 0);
    BOOST_TEST(rows_holding("outbox", failed_token) == 0);
    BOOST_TEST(
        count(
            "select count(*) from outbox where jsonb_typeof(payload -> 'manage_url') = 'string'") ==
        0);
    BOOST_TEST(
        count("select count(*) from outbox where (payload ->> 'manage_url_removed')::bool") == 3);
}

BOOST_AUTO_TEST_CASE(idempotency_answers_older_than_24_hours_are_deleted_by_the_periodic_job) {
    auto const event = add_event();
    auto const old_answer =
        post_registration(event, registration("old@example.test"), {{"Idempotency-Key", "old"}});
    auto const new_answer =
        post_registration(event, registration("new@example.test"), {{"Idempotency-Key", "new"}});
    BOOST_REQUIRE_EQUAL(old_answer.status, 201u);
    BOOST_REQUIRE_EQUAL(new_answer.status, 201u);
    BOOST_TEST(rows_holding("idempotency_keys", token_of(old_answer)) == 1);
    database.execute(
        "update idempotency_keys set created_at = now() - interval '24 hours 1 minute'"
        " where key = 'old'");
    auto const deadline = std::chrono::steady_clock::now() + 10s;
    while (count("select count(*) from idempotency_keys where key = 'old'") > 0 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    BOOST_TEST(count("select count(*) from idempotency_keys where key = 'old'") == 0);
    BOOST_TEST(rows_holding("idempotency_keys", token_of(old_answer)) == 0);

    // Within 24 hours the answer is kept and replayed, creating nothing.
    BOOST_TEST(count("select count(*) from idempotency_keys where key = 'new'") == 1);
    auto const replay =
        post_registration(event, registration("new@example.test"), {{"Idempotency-Key", "new"}});
    BOOST_TEST(replay.status == 201u);
    BOOST_TEST(replay.header("idempotent-replayed") == "true");
    BOOST_TEST(replay.body == new_answer.body);
    BOOST_TEST(count("select count(*) from registrations") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
