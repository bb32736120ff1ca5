// Two instances behind Debian's nginx with the repository's proxy configuration
// (deploy/nginx), all on loopback: registrations through nginx from both instances never
// exceed capacity, a session made on one instance works on the other, a kill -9 of one
// instance while requests flow costs no GET a failure, and the instances see the client's
// own address through X-Forwarded-For (trusted-proxies), whatever the client claims.
#include "tests/e2e/auth_fixture.hpp"
#include "tests/e2e/recovery_support.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/nginx_process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <csignal>
#include <memory>
#include <regex>
#include <thread>

using namespace samverkan;
using namespace std::chrono_literals;

namespace {

// Two instances on one database and nginx in front of them.
struct proxied_pair {
    test::test_database database;
    std::unique_ptr<test::server_process> a;
    std::unique_ptr<test::server_process> b;
    std::unique_ptr<test::nginx_process> nginx;

    explicit proxied_pair(std::vector<std::string> const& args) {
        a = std::make_unique<test::server_process>(database.url(),
                                                   test::server_process::options{args});
        b = std::make_unique<test::server_process>(database.url(),
                                                   test::server_process::options{args});
        nginx = std::make_unique<test::nginx_process>(
            std::vector<unsigned short>{a->port(), b->port()});
    }

    proxied_pair()
        : proxied_pair({"--trusted-proxies", "127.0.0.1", "--registration-rate-limit", "0"}) {}
};

// 201 answers to POST /api/v1/events/{id}/registrations that an instance gave, from its
// /metrics.
long long registrations_answered(test::server_process const& server) {
    test::http_client client{server.port()};
    auto const text = client.get("/metrics").body;
    std::regex const line{
        R"(samverkan_http_requests_total\{route="[^"]*registrations",status="201"\} ([0-9]+))"};
    long long total = 0;
    for (std::sregex_iterator it{text.begin(), text.end(), line}, end; it != end; ++it)
        total += std::stoll((*it)[1]);
    return total;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nginx_in_front, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(registrations_through_both_instances_never_exceed_capacity) {
    proxied_pair pair;
    auto const event = test::add_recovery_event(pair.database, 25);
    test::registration_burst const burst{pair.nginx->port(), event, 80, 16, "capacity"};
    BOOST_TEST(burst.count(201) == 80, burst.summary());  // the rest go to the waiting list
    auto const confirmed = pair.database.scalar(
        "select count(*) from attendees where status = 'confirmed' and event_id = " +
        std::to_string(event));
    BOOST_TEST(confirmed == 25);
    BOOST_TEST(pair.database.scalar("select confirmed_count from events where id = " +
                                    std::to_string(event)) == 25);
    auto const by_a = registrations_answered(*pair.a);
    auto const by_b = registrations_answered(*pair.b);
    BOOST_TEST_MESSAGE("80 registrations for 25 seats through nginx: instance a answered "
                       << by_a << ", b " << by_b << "; " << confirmed << " confirmed");
    BOOST_TEST(by_a > 0);
    BOOST_TEST(by_b > 0);
}

BOOST_AUTO_TEST_CASE(a_session_made_on_one_instance_works_on_the_other) {
    proxied_pair pair;
    BOOST_REQUIRE(sodium_init() >= 0);
    auth::auth_service service{pair.database.db(), auth::auth_settings{}, 1};
    auto const user = service.add_user_now(auth::new_user{.email = "organiser@kristianstad.example",
                                                          .name = "Organisatör",
                                                          .role = "organiser",
                                                          .password = test::good_password},
                                           auth::actor{0, "test"});
    test::http_client on_a{pair.a->port()};
    test::auth_server::login(on_a,
                             {user.id, "organiser@kristianstad.example", test::good_password});
    test::http_client on_b{pair.b->port()};
    for (auto const& [name, value] : on_a.cookies()) on_b.set_cookie(name, value);
    auto const me = on_b.get("/api/v1/auth/me");
    BOOST_TEST(me.status == 200u);
    BOOST_TEST(me.json().at("user").at("email").as_string() == "organiser@kristianstad.example");
}

BOOST_AUTO_TEST_CASE(killing_one_instance_costs_no_get_a_failure) {
    proxied_pair pair;
    auto const event = test::add_recovery_event(pair.database);
    std::atomic<bool> stop{false};
    std::atomic<int> gets{0}, get_failures{0}, posts{0}, post_failures{0};
    std::vector<std::thread> load;
    std::string const page = "/api/v1/events/" + std::to_string(event);
    std::string const registrations = page + "/registrations";
    // Four clients read the event, four register, until told to stop (bounded anyway).
    auto const client_loop = [&](bool post, std::string const& tag) {
        test::http_client client{pair.nginx->port()};
        for (int i = 0; !stop && i < 100000; ++i) {
            unsigned status = 0;
            try {
                status = post
                             ? client
                                   .post_json(registrations,
                                              test::recovery_registration(test::test_email(tag, i)))
                                   .status
                             : client.get(page).status;
            } catch (std::exception const&) {
                status = 0;
            }
            ++(post ? posts : gets);
            if (status != (post ? 201u : 200u)) ++(post ? post_failures : get_failures);
        }
    };
    for (int c = 0; c < 8; ++c) {
        std::string tag = "kill";
        tag += std::to_string(c);
        load.emplace_back(client_loop, c % 2 == 1, tag);
    }
    std::this_thread::sleep_for(1s);
    pair.b->send_signal(SIGKILL);
    BOOST_TEST(pair.b->wait_exit(10s) == 128 + SIGKILL);
    std::this_thread::sleep_for(2s);
    stop = true;
    for (auto& t : load) t.join();
    BOOST_TEST_MESSAGE("kill -9 of one of two instances under load: "
                       << gets << " GETs, " << get_failures << " failed; " << posts << " POSTs, "
                       << post_failures << " failed");
    BOOST_TEST(get_failures.load() == 0, pair.nginx->error_log());
    BOOST_TEST(gets.load() > 100);
}

std::string forged_address(int i) {
    std::string address = "203.0.113.";
    address += std::to_string(i);
    return address;
}

// The instances' per-address registration limit counts the address nginx saw: another
// client is another address, and a forged X-Forwarded-For changes nothing.
void check_client_addresses(proxied_pair& pair, bool proxy_trusted) {
    auto const event = test::add_recovery_event(pair.database);
    auto const target = "/api/v1/events/" + std::to_string(event) + "/registrations";
    test::http_client first{pair.nginx->port(), "127.0.0.2"};
    for (int i = 0; i < 3; ++i) {
        auto const r =
            first.post_json(target, test::recovery_registration(test::test_email("a", i)),
                            {{"X-Forwarded-For", forged_address(i)}});
        BOOST_TEST(r.status == 201u);
    }
    auto const fourth =
        first.post_json(target, test::recovery_registration("a3@kristianstad.example"),
                        {{"X-Forwarded-For", "198.51.100.7"}});
    BOOST_TEST(fourth.status == 429u);  // the same client, however it names itself
    test::http_client second{pair.nginx->port(), "127.0.0.3"};
    auto const other =
        second.post_json(target, test::recovery_registration("b@kristianstad.example"));
    BOOST_TEST(other.status == (proxy_trusted ? 201u : 429u));
}

BOOST_AUTO_TEST_CASE(client_addresses_arrive_through_x_forwarded_for) {
    proxied_pair pair{{"--trusted-proxies", "127.0.0.1", "--registration-rate-limit", "3"}};
    check_client_addresses(pair, true);
}

// Negative control: without trusted-proxies every client is nginx's address, so the
// second client is refused too; the test above can tell the difference.
BOOST_AUTO_TEST_CASE(without_trusted_proxies_every_client_looks_like_nginx) {
    proxied_pair pair{{"--registration-rate-limit", "3"}};
    check_client_addresses(pair, false);
}

BOOST_AUTO_TEST_SUITE_END()
