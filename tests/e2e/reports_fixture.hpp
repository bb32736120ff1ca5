#pragma once

// The reports' hand-counted fixture (issue 10, "Must show"): a small register, events in
// 2024, 2025 and 2026 and their attendees, with every case API.md's report rules name.
//
// Made as staff and participants make it, over HTTP against the real server: the register
// and the events by an organiser, registrations on the public API, a cancellation by its
// manage link, invitations, check-ins at the door and walk-ins (one beyond the capacity).
// A past meeting is announced and registered for while ahead (in 2099), then moved to its
// real date by the staff edit (PATCH), as the demo data does; walk-ins come after that,
// since they are allowed after an event, and one event is cancelled last.
//
// The figures, counted by hand (the events of 2025 are E1 and E2):
//   E0 2024-09-21 (democracy): Astrid (O1) checked in.
//   E1 2025-02-06, 4 seats, participation + collaboration_learning: Gustav (O4) registered
//      and cancelled; Bertil and Cecilia (O1, Cecilia municipal staff), Doris and Erik (O2)
//      fill the seats, Erik never came (a no-show); Hanna (O5) waits; Frida (O3) walked in
//      beyond the capacity. Confirmed 5, attended 4, walk-ins 1, no-shows 1.
//   E2 2025-06-13, 10 seats (democracy): Ivar (O1), Julia (O4), Lena (no organisation,
//      elected official) checked in, Karl (no organisation, municipal staff) walked in.
//      Confirmed 4, attended 4, walk-ins 1, no-shows 0.
//   E3 2025-09-18 cancelled: Maja (O6) checked in, never counts.
//   E4 2026-02-05 (participation): Maja (O7) checked in.
//   Invited: O1, O2, O5, O6 to E1, O4 to E2, O7 to the cancelled E3; the walk-in O3 was not.
#include "tests/e2e/registrations_fixture.hpp"

#include <map>
#include <string>

namespace samverkan::test {

struct report_fixture : registration_server {
    std::map<std::string, long long> org;       // short name → register id
    std::map<std::string, long long> event;     // E0 … E4 → id
    std::map<std::string, long long> attendee;  // name → attendee id (the latest of a name)
    http_client staff{server.port()};           // an organiser
    std::string csrf;
    bool walk_in_over_capacity = false;  // as the walk-ins API answered, per case below
    bool walk_in_within_capacity = false;

    /// POSTs `body` as the organiser and requires `status`; returns the answer's JSON.
    boost::json::value as_staff(std::string const& target, boost::json::value const& body,
                                unsigned status = 200, std::string const& method = "POST") {
        auto const r = method == "PATCH" ? staff.patch_json(target, body, {{"X-CSRF-Token", csrf}})
                                         : staff.post_json(target, body, {{"X-CSRF-Token", csrf}});
        BOOST_TEST_REQUIRE(r.status == status,
                           target << " answered " << r.status << ": " << r.body);
        return r.body.empty() ? boost::json::value{} : r.json();
    }

    /// An organisation of the register, with a contact for invitations; `area` "" is none.
    void add_organisation(std::string const& key, std::string const& name, std::string const& area,
                          std::string const& joined = "") {
        boost::json::object o{
            {"name", name},
            {"kind", "association"},
            {"contacts", {{{"name", "Kontakt"}, {"email", key + "@example.test"}}}}};
        if (!area.empty()) o["area"] = area;
        if (!joined.empty()) o["agreement_joined_on"] = joined;
        org[key] = as_staff("/api/v1/organisations", o, 201).at("id").as_int64();
    }

    /// A published event, made ahead (in 2099) so that people can register for it.
    void add_report_event(std::string const& key, std::string const& kind, int capacity,
                          boost::json::array areas) {
        auto const ahead = "2099-0" + std::to_string(event.size() + 1) + "-10T";
        event[key] = as_staff("/api/v1/events",
                              {{"kind", kind},
                               {"title", "Träff " + key},
                               {"starts_at", ahead + "09:00:00+01:00"},
                               {"ends_at", ahead + "11:00:00+01:00"},
                               {"capacity", capacity},
                               {"waitlist", true},
                               {"priority_areas", std::move(areas)},
                               {"status", "published"}},
                              201)
                         .at("id")
                         .as_int64();
    }

    /// Moves an event to its real start (Stockholm time with its offset), two hours long.
    void move_to(std::string const& key, std::string const& date, std::string const& offset) {
        as_staff(
            "/api/v1/events/" + std::to_string(event.at(key)),
            {{"starts_at", date + "T09:00:00" + offset}, {"ends_at", date + "T11:00:00" + offset}},
            200, "PATCH");
    }

    struct person {
        std::string name;
        std::string affiliation = "civil_society";
    };

    /// One public registration for `organisation` (a register name, "" for none); returns
    /// its manage token. Each attendee states needs, so a test can look for them.
    std::string register_for(std::string const& event_key, std::string const& organisation,
                             std::vector<person> const& people) {
        boost::json::array list;
        for (auto const& p : people)
            list.push_back({{"name", p.name},
                            {"affiliation", p.affiliation},
                            {"dietary", boost::json::array{"vegetarian"}},
                            {"accessibility", "hörslinga"}});
        boost::json::object body{
            {"contact",
             {{"name", "Kontakt"},
              {"email", "kontakt-" + std::to_string(attendee.size()) + "@example.test"}}},
            {"attendees", std::move(list)},
            {"consent", true}};
        if (!organisation.empty()) body["organisation"] = {{"name", organisation}};
        auto const r = post_registration(event.at(event_key), body);
        BOOST_TEST_REQUIRE(r.status == 201u, r.body);
        auto const answer = r.json();  // kept: the loop reads into it
        for (auto const& a : answer.at("attendees").as_array())
            attendee[std::string{a.at("name").as_string()}] = a.at("id").as_int64();
        return token_of(r);
    }

    void check_in(std::string const& name) {
        as_staff("/api/v1/attendees/" + std::to_string(attendee.at(name)) + "/check-in",
                 {{"attended", true}});
    }

    /// A walk-in through the walk-ins API; returns its `over_capacity`.
    bool walk_in(std::string const& event_key, boost::json::object organisation,
                 person const& who) {
        boost::json::object body{
            {"attendees", {{{"name", who.name}, {"affiliation", who.affiliation}}}}};
        if (!organisation.empty()) body["organisation"] = std::move(organisation);
        auto const r = as_staff(
            "/api/v1/events/" + std::to_string(event.at(event_key)) + "/walk-ins", body, 201);
        auto const& a = r.at("attendees").as_array().at(0);
        attendee[who.name] = a.at("id").as_int64();
        return a.at("over_capacity").as_bool();
    }

    void invite(std::string const& event_key, std::vector<std::string> const& keys) {
        boost::json::array ids;
        for (auto const& k : keys) ids.push_back(org.at(k));
        as_staff("/api/v1/events/" + std::to_string(event.at(event_key)) + "/invitations",
                 {{"audience", "selected"}, {"organisation_ids", std::move(ids)}}, 202);
    }

    /// Attendee names of the fixture: no report or page may contain any of them.
    static constexpr char const* attendee_names[] = {
        "Astrid Ahl", "Bertil Berg",     "Cecilia Dahl",   "Doris Ek",     "Erik Fors",
        "Frida Gran", "Gustav Holm",     "Hanna Ivarsson", "Ivar Jönsson", "Julia Karlsson",
        "Karl Lund",  "Lena Martinsson", "Maja Nilsson"};

    report_fixture() {
        csrf = login(staff, add_user("arrangor@kristianstad.example", "organiser"));
        add_organisation("O1", "Tosteberga Byalag", "rural", "2016-03-16");          // returning
        add_organisation("O2", "Kristianstads FN-förening", "urban", "2025-05-01");  // new
        add_organisation("O3", "Everöds Byaråd", "rural");               // new, a walk-in
        add_organisation("O4", "Föreningen Utan Område", "");            // new, no area
        add_organisation("O5", "Sensus", "urban");                       // only waitlisted
        add_organisation("O6", "Åhus scoutkår", "urban", "2026-02-01");  // invited only
        add_organisation("O7", "IFK Kristianstad", "urban");             // first in 2026

        add_report_event("E0", "theme_meeting", 30, {"democracy"});
        add_report_event("E1", "dialogue_conference", 4,
                         {"participation", "collaboration_learning"});  // two priority areas
        add_report_event("E2", "theme_meeting", 10, {"democracy"});
        add_report_event("E3", "theme_meeting", 10, {"participation"});
        add_report_event("E4", "dialogue_conference", 50, {"participation"});
        invite("E1", {"O1", "O2", "O5", "O6"});
        invite("E2", {"O4"});
        invite("E3", {"O7"});  // a cancelled event: not in the reach

        (void)register_for("E0", "Tosteberga Byalag", {{"Astrid Ahl"}});
        auto const gone = register_for("E1", "Föreningen Utan Område", {{"Gustav Holm"}});
        BOOST_TEST_REQUIRE(
            client.post_json("/api/v1/registrations/" + gone + "/cancel", {}).status == 200u);
        (void)register_for("E1", "Tosteberga Byalag",
                           {{"Bertil Berg"}, {"Cecilia Dahl", "municipal_staff"}});
        (void)register_for("E1", "Kristianstads FN-förening", {{"Doris Ek"}, {"Erik Fors"}});
        (void)register_for("E1", "Sensus", {{"Hanna Ivarsson"}});  // the seats are taken
        BOOST_TEST_REQUIRE(count("select count(*) from attendees where status = 'waitlisted'"
                                 " and name = 'Hanna Ivarsson'") == 1);
        (void)register_for("E2", "Tosteberga Byalag", {{"Ivar Jönsson"}});
        (void)register_for("E2", "Föreningen Utan Område", {{"Julia Karlsson"}});
        (void)register_for("E2", "", {{"Lena Martinsson", "elected_official"}});
        (void)register_for("E3", "Åhus scoutkår", {{"Maja Nilsson"}});
        for (auto const* name :
             {"Astrid Ahl", "Bertil Berg", "Cecilia Dahl", "Doris Ek", "Ivar Jönsson",
              "Julia Karlsson", "Lena Martinsson", "Maja Nilsson"})
            check_in(name);  // not Erik Fors: the no-show
        (void)register_for("E4", "IFK Kristianstad", {{"Maja Nilsson"}});
        check_in("Maja Nilsson");

        move_to("E0", "2024-09-21", "+02:00");
        move_to("E1", "2025-02-06", "+01:00");
        move_to("E2", "2025-06-13", "+02:00");
        move_to("E3", "2025-09-18", "+02:00");
        move_to("E4", "2026-02-05", "+01:00");
        walk_in_over_capacity = walk_in("E1", {{"id", org.at("O3")}}, {"Frida Gran"});
        walk_in_within_capacity = !walk_in("E2", {}, {"Karl Lund", "municipal_staff"});
        as_staff("/api/v1/events/" + std::to_string(event.at("E3")) + "/cancel",
                 {{"reason", "Lokalen brann"}});
    }
};

}  // namespace samverkan::test
