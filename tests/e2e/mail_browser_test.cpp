// The mail, organisation register and invitation staff pages in headless Chromium
// (tests/browser/mail_pages.mjs) against the real server and PostgreSQL, axe-core on every
// page state. The second run opens the invitation's own unsubscribe link, read from the
// outbox row the first run queued.
#include "modules/core/database.hpp"
#include "tests/e2e/auth_fixture.hpp"
#include "tests/smtp/mail_test_support.hpp"
#include "tests/support/browser_script.hpp"
#include "tests/support/services.hpp"

#include <soci/soci.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace samverkan;

namespace {

// The invitation's unsubscribe path (/unsubscribe/<token>) from its outbox payload: the
// database keeps only the token's hash.
// The unsubscribe link as the recipient got it: the outbox keeps no link once a message is
// sent, so it is read from the mail the SMTP server received.
std::string unsubscribe_path(test::smtp_sink const& sink, std::string const& email) {
    auto const parsed = sink.parsed();  // kept: the loop reads into it
    for (auto const& m : parsed.at("messages").as_array()) {
        if (m.at("to_address").as_string() != email) continue;
        for (auto const& part : m.at("parts").as_array()) {
            if (part.at("content_type").as_string() != "text/plain") continue;
            std::string const text{part.at("text").as_string()};
            auto const at = text.find("/unsubscribe/");
            if (at == std::string::npos) continue;
            auto const end = text.find_first_of(" \r\n>", at);
            return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
        }
    }
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mail_browser, *test::needs("SAMVERKAN_TEST_CHROMIUM") *
                                        test::needs("SAMVERKAN_TEST_SMTP_SINK"))

BOOST_AUTO_TEST_CASE(register_invitation_and_outbox_pages_work_in_a_browser_and_pass_axe) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    // A real SMTP server: the invitation to reject550-… is refused (550) and shows up as
    // failed on the admin's outbox page.
    test::smtp_sink sink;
    test::auth_server app{{"--smtp-url", sink.url(), "--mail-poll-ms", "50"}};
    auto const organiser = app.add_user("arrangor@kristianstad.example", "organiser");
    auto const admin = app.add_user("admin@kristianstad.example", "admin");
    app.database.execute(
        "insert into events (id, kind, title, starts_at, ends_at, venue, capacity, status)"
        " values (1, 'theme_meeting', 'Tematräff: föreningsliv', now() + interval '30 days',"
        " now() + interval '30 days 2 hours', 'Rådhuset, Kaféet', 60, 'published');"
        // The script also makes an event on the staff form: it takes the next id.
        "select setval(pg_get_serial_sequence('events', 'id'), 1);"
        "insert into organisations (name, locality, area) values"
        " ('Åhus Byalag', 'Åhus', 'rural'), ('Degeberga IF', 'Degeberga', 'rural');"
        "insert into contacts (organisation_id, name, email)"
        " select id, 'Åsa Öberg', 'asa@byalag.example' from organisations"
        " where name = 'Åhus Byalag';"
        "insert into registrations (id, event_id, contact_name, contact_email, language,"
        " manage_token_hash, consent_at) values"
        " (1, 1, 'Åsa Öberg', 'asa@byalag.example', 'sv', '\\x01', now());"
        "insert into attendees (registration_id, event_id, name, status) values"
        " (1, 1, 'Åsa Öberg', 'confirmed')");
    ::setenv("MAIL_PAGES_ORGANISER", organiser.email.c_str(), 1);
    ::setenv("MAIL_PAGES_ADMIN", admin.email.c_str(), 1);
    ::setenv("MAIL_PAGES_PASSWORD", test::good_password, 1);
    ::setenv("MAIL_PAGES_EVENT", "1", 1);
    auto const base = "http://127.0.0.1:" + std::to_string(app.server.port());
    BOOST_TEST(test::run_browser_script("mail_pages.mjs", base) == 0);
    // The page invited exactly the ticked organisation's contact.
    BOOST_TEST(app.database.scalar("select count(*) from invitations") == 2);
    BOOST_TEST(app.database.scalar("select count(*) from invitations where email in"
                                   " ('tove@tosteberga.example', 'reject550-gone@example.se')") ==
               2);
    // The admin queued the refused one again from the outbox page.
    BOOST_TEST(app.database.scalar("select count(*) from audit_log where action ="
                                   " 'outbox.requeue'") == 1);

    BOOST_TEST(app.database.scalar("select count(*) from outbox where payload::text like"
                                   " '%/unsubscribe/%'") == 0);  // no link kept once sent
    auto const path = unsubscribe_path(sink, "tove@tosteberga.example");
    BOOST_REQUIRE(!path.empty());
    ::setenv("MAIL_PAGES_UNSUBSCRIBE_PATH", path.c_str(), 1);
    BOOST_TEST(test::run_browser_script("mail_pages.mjs", base) == 0);
    ::unsetenv("MAIL_PAGES_UNSUBSCRIBE_PATH");
    BOOST_TEST(app.database.scalar("select count(*) from unsubscribes"
                                   " where email = 'tove@tosteberga.example'") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
