// The door's check-in page over the real server and PostgreSQL: the list of confirmed
// attendees by name with counts and search, check-in and undo through the forms (Post/
// Redirect/Get back to the same search and row), who may do what, and two organisers
// checking in the same people at the same moment.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <thread>

using namespace samverkan;
using test::registration_server;

namespace {

struct door : registration_server {
    long long event = add_event("capacity = 3");
    std::map<std::string, long long> ids;  // attendee name → id

    door() {
        auto a = registration("anna@example.test", 2);
        a["organisation"] = {{"name", "Tosteberga Byalag"}};
        a["attendees"].as_array()[0].as_object()["name"] = "Örjan Ek";
        a["attendees"].as_array()[1].as_object()["name"] = "Åsa Berg";
        remember(post_registration(event, a));
        auto b = registration("bertil@example.test", 2);  // one seat left: Dan waits
        b["attendees"].as_array()[0].as_object()["name"] = "Cecilia Ahl";
        b["attendees"].as_array()[1].as_object()["name"] = "Dan Väntare";
        remember(post_registration(event, b));
    }

    void remember(test::http_result const& r) {
        BOOST_REQUIRE_EQUAL(r.status, 201u);
        auto const body = r.json();
        for (auto const& a : body.at("attendees").as_array())
            ids[std::string{a.at("name").as_string()}] = a.at("id").as_int64();
    }

    std::string page(std::string const& query = "") {
        return "/staff/events/" + std::to_string(event) + "/check-in" + query;
    }

    /// …/check-in/<id><suffix> (appended piecewise: g++ 12 warns wrongly about "/" + string).
    std::string attendee_path(long long id, std::string const& suffix = "") {
        std::string tail = "/";
        tail.append(std::to_string(id)).append(suffix);
        return page(tail);
    }

    test::http_result post(test::http_client& c, std::string const& csrf, std::string const& name,
                           std::string const& q = "", std::string const& suffix = "") {
        return c.post_form(attendee_path(ids.at(name), suffix), {{"csrf_token", csrf}, {"q", q}});
    }

    /// GET of a redirect's Location (the fragment is the browser's business).
    std::string follow(test::http_result const& r) {
        BOOST_REQUIRE_EQUAL(r.status, 303u);
        auto location = r.header("location");
        auto const body = client.get(location.substr(0, location.find('#')));
        BOOST_REQUIRE_EQUAL(body.status, 200u);
        return body.body;
    }
};

bool contains(std::string const& text, std::string const& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_check_in, door, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_door_list_shows_confirmed_attendees_in_swedish_name_order_with_counts) {
    (void)login_as("organiser");
    auto const r = client.get(page());
    BOOST_REQUIRE_EQUAL(r.status, 200u);
    auto const& html = r.body;
    BOOST_TEST(r.header("cache-control") == "no-store");
    BOOST_TEST(contains(html, "<strong>0 av 3 har kommit</strong>"));
    auto const cecilia = html.find("Cecilia Ahl"), asa = html.find("Åsa Berg"),
               orjan = html.find("Örjan Ek");
    BOOST_TEST(
        (cecilia != std::string::npos && asa != std::string::npos && orjan != std::string::npos));
    BOOST_TEST((cecilia < asa && asa < orjan));  // Å and Ö come after Z in Swedish
    BOOST_TEST(contains(html, "Tosteberga Byalag"));
    BOOST_TEST(!contains(html, "Dan Väntare"));  // waitlisted: not on the door's list
    BOOST_TEST(contains(html, "Checka in<span class=\"visually-hidden\"> Åsa Berg</span>"));
    BOOST_TEST(count("select count(*) from audit_log where action = 'attendees.check_in_view'") ==
               1);
}

BOOST_AUTO_TEST_CASE(the_search_matches_name_or_organisation_ignoring_case_and_accents) {
    (void)login_as("steering");
    auto const names_for = [&](std::string const& q) {
        auto const html = client.get(page("?q=" + test::form_encode(q))).body;
        std::string out;
        for (auto const* n : {"Cecilia Ahl", "Åsa Berg", "Örjan Ek"})
            if (contains(html, n)) out += std::string{out.empty() ? "" : ","} + n;
        return out;
    };
    BOOST_TEST(names_for("åsa") == "Åsa Berg");
    BOOST_TEST(names_for("ÅSA") == "Åsa Berg");
    BOOST_TEST(names_for("asa") == "Åsa Berg");
    BOOST_TEST(names_for("ÖRJAN") == "Örjan Ek");
    BOOST_TEST(names_for("byalag") == "Åsa Berg,Örjan Ek");
    BOOST_TEST(names_for("%") == "");  // LIKE wildcards are plain text
    auto const none = client.get(page("?q=zzz")).body;
    BOOST_TEST(contains(none, "Ingen med plats matchar sökningen."));
    BOOST_TEST(contains(none, "<strong>0 av 3 har kommit</strong>"));  // counts are over everyone
}

BOOST_AUTO_TEST_CASE(checking_in_by_the_form_redirects_to_the_same_search_and_row_and_names_who) {
    auto const csrf = login_as("organiser");
    auto const id = std::to_string(ids.at("Åsa Berg"));
    auto const r = post(client, csrf, "Åsa Berg", "åsa");
    BOOST_TEST(r.status == 303u);
    BOOST_TEST(r.header("location") == page("?q=%C3%A5sa&done=" + id + "&did=in#a-" + id));
    auto html = follow(r);
    BOOST_TEST(contains(html, "role=\"status\">Åsa Berg är incheckad.</p>"));
    BOOST_TEST(contains(html, "<strong>1 av 3 har kommit</strong>"));
    BOOST_TEST(contains(html, "id=\"a-" + id + "\""));
    BOOST_TEST(contains(html, "Incheckad kl. "));
    BOOST_TEST(contains(html, "value=\"åsa\""));  // the search is kept
    BOOST_TEST(count("select count(*) from attendees where id = " + id +
                     " and attended and checked_in_at is not null") == 1);

    // A second press changes nothing and says so.
    html = follow(post(client, csrf, "Åsa Berg", "åsa"));
    BOOST_TEST(contains(html, "Åsa Berg var redan incheckad (kl. "));
    BOOST_TEST(count("select count(*) from audit_log where action = 'attendee.check_in'") == 1);

    // Undo a mistaken check-in: back to not checked in, audited like the check-in.
    html = follow(post(client, csrf, "Åsa Berg", "", "/undo"));
    BOOST_TEST(contains(html, "Incheckningen av Åsa Berg är ångrad."));
    BOOST_TEST(contains(html, "<strong>0 av 3 har kommit</strong>"));
    BOOST_TEST(count("select count(*) from attendees where id = " + id +
                     " and attended is null and checked_in_at is null") == 1);
    BOOST_TEST(count("select count(*) from audit_log where action = 'attendee.check_in_undone'"
                     " and entity_id = " +
                     id) == 1);
    html = follow(post(client, csrf, "Åsa Berg", "", "/undo"));
    BOOST_TEST(contains(html, "Åsa Berg var inte incheckad."));
}

BOOST_AUTO_TEST_CASE(waitlisted_strangers_and_forms_without_the_csrf_token_are_refused) {
    auto const csrf = login_as("organiser");
    BOOST_TEST(post(client, csrf, "Dan Väntare").status == 409u);  // waiting, not at the door
    auto const other = add_event();
    auto const stranger = client.post_form("/staff/events/" + std::to_string(other) + "/check-in/" +
                                               std::to_string(ids.at("Åsa Berg")),
                                           {{"csrf_token", csrf}});
    BOOST_TEST(stranger.status == 404u);  // an attendee of another event
    BOOST_TEST(post(client, "wrong", "Åsa Berg").status == 403u);
    BOOST_TEST(client.get("/staff/events/999999/check-in").status == 404u);
    BOOST_TEST(count("select count(*) from attendees where attended is not null") == 0);
}

BOOST_AUTO_TEST_CASE(steering_may_look_at_the_door_list_but_only_organisers_check_in) {
    test::http_client anonymous{server.port()};
    BOOST_TEST(anonymous.get(page()).status == 401u);
    auto const csrf = login_as("steering");
    auto const r = client.get(page());
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(contains(r.body, "Åsa Berg"));
    BOOST_TEST(!contains(r.body, "Checka in<span"));
    BOOST_TEST(contains(r.body, "Bara arrangörer kan checka in."));
    BOOST_TEST(post(client, csrf, "Åsa Berg").status == 403u);
    BOOST_TEST(count("select count(*) from attendees where attended is not null") == 0);
}

BOOST_AUTO_TEST_CASE(the_staff_event_page_links_to_the_door) {
    (void)login_as("steering");
    auto const html = client.get("/staff/events/" + std::to_string(event)).body;
    BOOST_TEST(contains(html, "href=\"" + page() + "\""));
}

// Eight organisers on their own connections press "Checka in" for the same 40 attendees at
// the same moment: each attendee gets one check-in (one time, one audit row), every other
// press answers "already checked in" and none fails.
BOOST_AUTO_TEST_CASE(organisers_checking_in_the_same_attendee_at_once_make_one_check_in) {
    constexpr int organisers = 8;
    constexpr int people = 40;
    database.execute("update events set capacity = 100 where id = " + std::to_string(event));
    std::vector<long long> attendees;
    for (int group = 0; group < people / 10; ++group) {  // at most 10 per registration
        auto body = registration("group" + std::to_string(group) + "@example.test", 10);
        for (int i = 0; i < 10; ++i)
            body["attendees"].as_array()[i].as_object()["name"] =
                "Person " + std::to_string(100 + group * 10 + i);
        auto const created = post_registration(event, body);
        BOOST_REQUIRE_EQUAL(created.status, 201u);
        auto const answer = created.json();
        for (auto const& a : answer.at("attendees").as_array())
            attendees.push_back(a.at("id").as_int64());
    }
    std::vector<test::http_client> clients;
    std::vector<std::string> tokens;
    for (int i = 0; i < organisers; ++i) {
        clients.emplace_back(server.port());
        auto const who = add_user("door" + std::to_string(i) + "@example.test", "organiser");
        tokens.push_back(login(clients.back(), who));
    }
    std::atomic<int> checked_in{0}, already{0}, other{0};
    std::vector<std::vector<double>> latencies(organisers);
    std::barrier start{organisers};
    std::vector<std::thread> threads;
    for (int t = 0; t < organisers; ++t)
        threads.emplace_back([&, t] {
            for (auto const id : attendees) {
                start.arrive_and_wait();  // every organiser presses for this attendee at once
                auto const began = std::chrono::steady_clock::now();
                auto const r =
                    clients[t].post_form(attendee_path(id), {{"csrf_token", tokens[t]}, {"q", ""}});
                latencies[t].push_back(std::chrono::duration<double, std::milli>(
                                           std::chrono::steady_clock::now() - began)
                                           .count());
                auto const location = r.header("location");
                if (r.status == 303u && location.find("did=in#") != std::string::npos)
                    ++checked_in;
                else if (r.status == 303u && location.find("did=already#") != std::string::npos)
                    ++already;
                else
                    ++other;
            }
        });
    for (auto& t : threads) t.join();
    BOOST_TEST(checked_in.load() == people);
    BOOST_TEST(already.load() == people * (organisers - 1));
    BOOST_TEST(other.load() == 0);
    auto const list =
        std::to_string(attendees.front()) + " and " + std::to_string(attendees.back());
    BOOST_TEST(count("select count(*) from attendees where id between " + list +
                     " and attended and checked_in_at is not null") == people);
    BOOST_TEST(count("select count(*) from audit_log where action = 'attendee.check_in'") ==
               people);
    BOOST_TEST(count("select count(distinct entity_id) from audit_log"
                     " where action = 'attendee.check_in'") == people);
    std::vector<double> all;
    for (auto const& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    BOOST_TEST_MESSAGE("check-in POST latency with " << organisers << " at once: p50 "
                                                     << all[all.size() / 2] << " ms, p99 "
                                                     << all[all.size() * 99 / 100] << " ms");

    // One organiser alone, one after another: the undo of each (the same work as a check-in).
    auto const began = std::chrono::steady_clock::now();
    for (auto const id : attendees)
        BOOST_TEST(
            clients[0]
                .post_form(attendee_path(id, "/undo"), {{"csrf_token", tokens[0]}, {"q", ""}})
                .status == 303u);
    auto const alone =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began)
            .count() /
        people;
    BOOST_TEST_MESSAGE("undo POST alone: " << alone << " ms per request (mean of " << people
                                           << ")");
    BOOST_TEST(count("select count(*) from audit_log where action = 'attendee.check_in_undone'") ==
               people);
}

BOOST_AUTO_TEST_SUITE_END()
