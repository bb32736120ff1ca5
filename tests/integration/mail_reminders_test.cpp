// Reminders and messages to participants, against a real PostgreSQL: who gets them, and
// that a reminder is queued once however often (and however concurrently) the job runs.
#include "modules/core/database.hpp"
#include "modules/invitations/invitation_service.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/test/unit_test.hpp>

#include <thread>

namespace samverkan::test {

namespace {

template <class T>
T run_sync(asio::awaitable<T> work) {
    asio::io_context ioc;
    auto result = asio::co_spawn(ioc, std::move(work), asio::use_future);
    ioc.run();
    return result.get();
}

// Events 1 (in a day), 2 (in five days), 3 (in a day, cancelled) and registrations:
// 1 on event 1 with a confirmed and a waitlisted attendee; 2 on event 1 waitlisted only;
// 3 on event 1 cancelled; 4 on event 2 confirmed; 5 on event 3 confirmed; 6 on event 1
// with a confirmed attendee marked as not attended (no-show) and one who attended.
void seed(test_database& t) {
    t.execute(
        "insert into events (id, kind, title, starts_at, ends_at, capacity, status) values"
        " (1, 'theme_meeting', 'Snart', now() + interval '1 day', now() + interval '1 day 2 "
        "hours', 50, 'published'),"
        " (2, 'theme_meeting', 'Senare', now() + interval '5 days', now() + interval '5 days 2 "
        "hours', 50, 'published'),"
        " (3, 'theme_meeting', 'Inställd', now() + interval '1 day', now() + interval '1 day 2 "
        "hours', 50, 'cancelled');"
        "insert into registrations (id, event_id, contact_name, contact_email, language,"
        " manage_token_hash, consent_at, cancelled_at) values"
        " (1, 1, 'Åsa', 'asa@example.se', 'sv', '\\x01', now(), null),"
        " (2, 1, 'Bo', 'bo@example.se', 'en', '\\x02', now(), null),"
        " (3, 1, 'Cia', 'cia@example.se', 'sv', '\\x03', now(), now()),"
        " (4, 2, 'Dan', 'dan@example.se', 'sv', '\\x04', now(), null),"
        " (5, 3, 'Eva', 'eva@example.se', 'sv', '\\x05', now(), null),"
        " (6, 1, 'Fia', 'fia@example.se', 'sv', '\\x06', now(), null);"
        "insert into attendees (registration_id, event_id, name, status, attended) values"
        " (1, 1, 'Åsa', 'confirmed', null), (1, 1, 'Örjan', 'waitlisted', null),"
        " (2, 1, 'Bo', 'waitlisted', null), (3, 1, 'Cia', 'cancelled', null),"
        " (4, 2, 'Dan', 'confirmed', null), (5, 3, 'Eva', 'confirmed', null),"
        " (6, 1, 'Fia', 'confirmed', false), (6, 1, 'Gun', 'confirmed', true)");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mail_reminders, *needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(reminders_go_once_to_confirmed_registrations_of_events_starting_soon) {
    test_database t;
    seed(t);
    invitations::invitation_service service{t.db(), "https://samverkan.example"};
    BOOST_TEST(run_sync(service.queue_reminders(2)) == 2);  // registrations 1 and 6
    BOOST_TEST(run_sync(service.queue_reminders(2)) == 0);  // once
    BOOST_TEST(
        t.scalar("select count(*) from outbox where template = 'reminder' and"
                 " idempotency_key in ('reminder:registration:1', 'reminder:registration:6')") ==
        2);
    // Only the confirmed attendees are listed in the reminder.
    BOOST_TEST(t.scalar("select jsonb_array_length(payload -> 'attendees') from outbox"
                        " where idempotency_key = 'reminder:registration:1'") == 1);
    BOOST_TEST(run_sync(service.queue_reminders(7)) == 1);  // event 2 comes within reach
}

BOOST_AUTO_TEST_CASE(concurrent_reminder_jobs_still_queue_each_reminder_once) {
    test_database t;
    seed(t);
    std::vector<std::thread> jobs;
    std::atomic<long long> queued{0};
    for (int i = 0; i < 6; ++i)
        jobs.emplace_back([&] {
            invitations::invitation_service service{t.db(), "https://samverkan.example"};
            try {
                queued += run_sync(service.queue_reminders(2));
            } catch (std::exception const&) {
                // A concurrent insert may lose the race on the unique key; it then retries
                // next minute. The invariant below is what matters.
            }
        });
    for (auto& j : jobs) j.join();
    BOOST_TEST(t.scalar("select count(*) from outbox where template = 'reminder'") == 2);
    BOOST_TEST(queued.load() == 2);
}

BOOST_AUTO_TEST_CASE(messages_reach_the_chosen_groups_once_per_registration) {
    test_database t;
    seed(t);
    invitations::invitation_service service{t.db(), "https://samverkan.example"};
    auto const count = [&](std::vector<std::string> statuses) {
        return run_sync(service.count_recipients(1, {"Ämne", "Text", std::move(statuses)}));
    };
    BOOST_TEST(count({"confirmed"}) == 2);                // 1 and 6
    BOOST_TEST(count({"waitlisted"}) == 2);               // 1 and 2
    BOOST_TEST(count({"confirmed", "waitlisted"}) == 3);  // 1, 2, 6; cancelled 3 never
    BOOST_TEST(count({"attended"}) == 1);                 // 6 (Gun)
    BOOST_TEST(count({"no_show"}) == 0);  // Fia has not missed it: the event has not ended
    auto const sent = run_sync(service.send_message(
        1, {"Parkering", "Parkera vid\nRådhuset.", {"confirmed", "waitlisted"}}, {0, "test"}));
    BOOST_TEST(sent == 3);
    BOOST_TEST(t.scalar("select count(*) from outbox where template = 'message' and language ="
                        " 'en' and recipient_email = 'bo@example.se'") == 1);
    BOOST_TEST(t.scalar("select recipients from event_messages") == 3);
    BOOST_CHECK_THROW(run_sync(service.count_recipients(99, {"x", "y", {"confirmed"}})),
                      std::exception);
    // After the event, a confirmed attendee not checked in is a no-show (samverkan_no_show).
    t.execute(
        "update events set starts_at = now() - interval '3 hours',"
        " ends_at = now() - interval '1 hour' where id = 1");
    BOOST_TEST(count({"no_show"}) == 2);  // 1 (not checked in) and 6 (Fia)
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace samverkan::test
