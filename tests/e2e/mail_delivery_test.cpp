// The outbox sender inside the real `samverkan serve` binary: a crash mid-campaign and two
// instances on one outbox, against a real SMTP server and PostgreSQL.
#include "modules/core/database.hpp"
#include "tests/smtp/mail_test_support.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <thread>

namespace samverkan::test {

namespace {

using namespace std::chrono_literals;

constexpr int campaign = 1000;

// The Message-ID of each received message → how many times it arrived.
std::map<std::string, int> received_ids(smtp_sink const& sink) {
    std::map<std::string, int> ids;
    for (auto const& e : std::filesystem::directory_iterator(sink.spool())) {
        if (e.path().extension() != ".eml") continue;
        std::ifstream in(e.path());
        for (std::string line; std::getline(in, line);) {
            if (line.rfind("Message-ID: ", 0) == 0) {
                ++ids[line.substr(12, line.find('>') - 11)];
                break;
            }
            if (line == "\r") break;  // end of the header
        }
    }
    return ids;
}

// Message-ID <outbox-<id>.<created>@…> → the outbox id.
long long outbox_id(std::string const& message_id) {
    return std::stoll(message_id.substr(8, message_id.find('.') - 8));
}

void queue_campaign(test_database& t, int count) {
    auto const event = insert_event(t, "Dialogkonferens 2027", "2027-01-20T09:00:00+01:00",
                                    "2027-01-20T15:30:00+01:00");
    t.execute(
        "insert into outbox (idempotency_key, template, recipient_email, recipient_name,"
        " payload) select 'invitation:test:' || n, 'invitation', 'org' || n ||"
        " '@forening.example', 'Förening ' || n, jsonb_build_object('event',"
        " jsonb_build_object('id', " +
        std::to_string(event) +
        "), 'invitation_url', 'https://x.example/i/' || n, 'unsubscribe_url',"
        " 'https://x.example/u/' || n) from generate_series(1, " +
        std::to_string(count) + ") n");
}

server_process::options sender_options(smtp_sink const& sink, std::string batch) {
    return server_process::options{{"--smtp-url", sink.url(), "--mail-batch-size", batch,
                                    "--mail-poll-ms", "50", "--mail-lease-seconds", "4",
                                    "--mail-retry-min-seconds", "1", "--mail-retry-max-seconds",
                                    "2"}};
}

long long metric(server_process const& server, std::string const& name) {
    http_client client{server.port()};
    return metric_value(client, name);
}

// The default 120 s lease: only the heartbeat can free a dead instance's batches quickly.
server_process::options default_lease_options(smtp_sink const& sink) {
    return server_process::options{{"--smtp-url", sink.url(), "--mail-poll-ms", "50"}};
}

// Outbox rows claimed and not recorded by the instance with process id `pid`.
std::set<long long> leased_by(test_database& t, pid_t pid) {
    std::set<long long> ids;
    t.db().with_session([&](soci::session& sql) {
        int const process = static_cast<int>(pid);
        soci::rowset<long long> rows =
            (sql.prepare << "select o.id from outbox o join instances i on i.id = o.lease_owner"
                            " where o.status = 'pending' and o.lease_until > now()"
                            " and i.pid = :pid",
             soci::use(process, "pid"));
        for (auto id : rows) ids.insert(id);
    });
    return ids;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool wait_all_sent(test_database& t, long long n, std::chrono::seconds timeout) {
    auto const end = std::chrono::steady_clock::now() + timeout;
    while (t.scalar("select count(*) from outbox where status = 'sent'") < n) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mail_delivery_e2e,
                      *needs("SAMVERKAN_TEST_DATABASE_URL") * needs("SAMVERKAN_TEST_SMTP_SINK"))

BOOST_AUTO_TEST_CASE(sigkill_mid_campaign_then_restart_delivers_every_message) {
    test_database t;
    smtp_sink sink;
    queue_campaign(t, campaign);
    std::set<long long> in_flight;
    {
        server_process server{t.url(), sender_options(sink, "50")};
        BOOST_REQUIRE(sink.wait_for(campaign / 3, 60s));
        server.send_signal(SIGKILL);
        BOOST_TEST(server.wait_exit(10s) == 128 + SIGKILL);
        // Claimed by the dead process and not recorded: the only rows that may come twice.
        t.db().with_session([&](soci::session& sql) {
            soci::rowset<long long> rows = (sql.prepare << "select id from outbox where status ="
                                                           " 'pending' and lease_until > now()");
            for (auto id : rows) in_flight.insert(id);
        });
    }
    auto const before_restart = sink.count();
    BOOST_TEST_MESSAGE("killed after " << before_restart << " messages; " << in_flight.size()
                                       << " claimed and unrecorded");
    BOOST_TEST(before_restart < static_cast<std::size_t>(campaign));
    BOOST_TEST(in_flight.size() <= 2u * 50u);  // at most one batch per sender connection

    server_process restarted{t.url(), sender_options(sink, "50")};
    BOOST_REQUIRE(wait_all_sent(t, campaign, 60s));
    auto const ids = received_ids(sink);
    BOOST_TEST(ids.size() == static_cast<std::size_t>(campaign));  // every message arrived
    int duplicates = 0;
    for (auto const& [id, times] : ids) {
        if (times == 1) continue;
        duplicates += times - 1;
        BOOST_TEST(times == 2);
        BOOST_TEST(in_flight.contains(outbox_id(id)), id << " came twice but was not in flight");
    }
    BOOST_TEST_MESSAGE(duplicates << " duplicates, all from the batch in flight");
    BOOST_TEST(sink.count() == static_cast<std::size_t>(campaign + duplicates));
}

BOOST_AUTO_TEST_CASE(two_server_instances_send_each_message_exactly_once) {
    test_database t;
    smtp_sink sink;
    queue_campaign(t, campaign);
    {
        server_process a{t.url(), sender_options(sink, "20")};
        server_process b{t.url(), sender_options(sink, "20")};
        BOOST_REQUIRE(wait_all_sent(t, campaign, 90s));
        BOOST_REQUIRE(sink.wait_for(campaign, 10s));
        std::this_thread::sleep_for(300ms);  // anything sent twice would arrive by now
        // Both instances took part.
        auto const sent_a = metric(a, "samverkan_mail_sent");
        auto const sent_b = metric(b, "samverkan_mail_sent");
        BOOST_TEST_MESSAGE("instance a sent " << sent_a << ", instance b " << sent_b);
        BOOST_TEST(sent_a > 0);
        BOOST_TEST(sent_b > 0);
        BOOST_TEST(sent_a + sent_b == campaign);
    }
    auto const ids = received_ids(sink);
    BOOST_TEST(ids.size() == static_cast<std::size_t>(campaign));
    BOOST_TEST(sink.count() == static_cast<std::size_t>(campaign));
    for (auto const& [id, times] : ids) BOOST_TEST(times == 1, id);
}

BOOST_AUTO_TEST_CASE(sigterm_lets_the_sender_record_what_it_sent) {
    test_database t;
    smtp_sink sink;
    queue_campaign(t, 300);
    {
        server_process server{t.url(), sender_options(sink, "50")};
        BOOST_REQUIRE(sink.wait_for(60, 60s));
        server.send_signal(SIGTERM);
        BOOST_TEST(server.wait_exit(20s) == 0);
    }
    // After a clean stop nothing is left leased: every received message is recorded sent.
    BOOST_TEST(t.scalar("select count(*) from outbox where lease_until > now() and status ="
                        " 'pending'") == 0);
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'sent'") ==
               static_cast<long long>(sink.count()));
}

// Issue 11: with the default 120 s lease the dead process's batches used to wait out the
// lease; its heartbeat going stale frees them within seconds.
BOOST_AUTO_TEST_CASE(sigkill_with_the_default_lease_delivers_everything_within_seconds) {
    constexpr int total = 500;
    test_database t;
    smtp_sink sink;
    queue_campaign(t, total);
    std::set<long long> in_flight;
    {
        server_process server{t.url(), default_lease_options(sink)};
        BOOST_REQUIRE(sink.wait_for(total / 5, 60s));
        server.send_signal(SIGKILL);
        BOOST_TEST(server.wait_exit(10s) == 128 + SIGKILL);
        in_flight = leased_by(t, server.pid());  // claimed, unrecorded: may come twice
    }
    auto const restarted_at = std::chrono::steady_clock::now();
    server_process restarted{t.url(), default_lease_options(sink)};
    // 60 s: a transport bound well below the 120 s lease, not a timing claim.
    BOOST_REQUIRE(wait_all_sent(t, total, 60s));
    BOOST_REQUIRE(sink.wait_for(total, 10s));
    auto const took = seconds_since(restarted_at);
    auto const ids = received_ids(sink);
    BOOST_TEST(ids.size() == static_cast<std::size_t>(total));  // every message arrived
    int duplicates = 0;
    for (auto const& [id, times] : ids) {
        if (times == 1) continue;
        duplicates += times - 1;
        BOOST_TEST(in_flight.contains(outbox_id(id)), id << " came twice but was not in flight");
    }
    BOOST_TEST(in_flight.size() <= 2u * 50u);  // one batch per sender connection at most
    BOOST_TEST_MESSAGE("kill -9 with " << in_flight.size() << " claimed: the last of " << total
                                       << " messages arrived " << took << " s after the restart; "
                                       << duplicates
                                       << " duplicates, all from the batch in flight");
}

BOOST_AUTO_TEST_CASE(a_surviving_instance_sends_what_a_killed_one_had_claimed) {
    constexpr int total = 800;
    test_database t;
    smtp_sink sink;
    queue_campaign(t, total);
    server_process survivor{t.url(), default_lease_options(sink)};
    std::set<long long> orphaned;
    std::chrono::steady_clock::time_point killed_at;
    {
        server_process victim{t.url(), default_lease_options(sink)};
        BOOST_REQUIRE(sink.wait_for(total / 5, 60s));
        victim.send_signal(SIGKILL);
        killed_at = std::chrono::steady_clock::now();
        BOOST_TEST(victim.wait_exit(10s) == 128 + SIGKILL);
        orphaned = leased_by(t, victim.pid());
    }
    BOOST_TEST_REQUIRE(!orphaned.empty());  // it died holding batches
    auto const pending_orphans = [&] {
        long long n = 0;
        for (auto id : orphaned)
            n += t.scalar("select count(*) from outbox where status = 'pending' and id = " +
                          std::to_string(id));
        return n;
    };
    // 60 s: a transport bound well below the 120 s lease.
    auto const deadline = killed_at + 60s;
    while (pending_orphans() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(100ms);
    auto const orphans_done = seconds_since(killed_at);
    BOOST_TEST(pending_orphans() == 0);
    BOOST_REQUIRE(wait_all_sent(t, total, 60s));
    BOOST_REQUIRE(sink.wait_for(total, 10s));
    BOOST_TEST(received_ids(sink).size() == static_cast<std::size_t>(total));
    BOOST_TEST_MESSAGE("the survivor sent the " << orphaned.size()
                                                << " messages the killed instance had claimed "
                                                << orphans_done << " s after its death");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace samverkan::test
