#pragma once

// The reports' hand-counted fixture: a small register, events in 2024, 2025 and 2026 and
// their attendees, with every case API.md's report rules name (issue 10, "Must show").
//
// Built with SQL inserts straight into the schema, writing the organisation ledger the way
// the registration does (the register's id, name and area on each attendee row), because
// the registration rewrite that writes the ledger and the walk-in API are not on main yet.
// Everything goes through the few helpers below, so that switching the fixture to the API
// later changes only this file.
#include "tests/e2e/registrations_fixture.hpp"

#include <map>
#include <string>

namespace samverkan::test {

struct report_fixture : registration_server {
    std::map<std::string, long long> org;    // short name → register id
    std::map<std::string, long long> event;  // E0 … E4 → id

    /// An organisation of the register; `area` "" is no area.
    long long add_organisation(std::string const& key, std::string const& name,
                               std::string const& area, std::string const& joined = "") {
        auto const id = database.scalar(
            "insert into organisations (name, kind, area, agreement_joined_on) values ('" + name +
            "', 'association', " + (area.empty() ? "null" : "'" + area + "'") + ", " +
            (joined.empty() ? "null" : "date '" + joined + "'") + ") returning id");
        org[key] = id;
        return id;
    }

    /// An event starting at `starts` (Stockholm wall time "2025-02-06 09:00"), two hours.
    long long add_report_event(std::string const& key, std::string const& kind,
                               std::string const& starts, int capacity, std::string const& areas,
                               std::string const& status = "published") {
        auto const id = database.scalar(
            "insert into events (kind, title, starts_at, ends_at, capacity, status,"
            " priority_areas) values ('" +
            kind + "', 'Träff " + key + "', timestamp '" + starts +
            "' at time zone 'Europe/Stockholm', (timestamp '" + starts +
            "' + interval '2 hours') at time zone 'Europe/Stockholm', " + std::to_string(capacity) +
            ", '" + status + "', '" + areas + "') returning id");
        event[key] = id;
        return id;
    }

    struct attendee_spec {
        std::string name;
        std::string organisation;  ///< key of `org`, "" for none
        std::string affiliation = "civil_society";
        std::string status = "confirmed";
        bool checked_in = false;
        bool walk_in = false;
        bool over_capacity = false;
    };

    /// One registration with one attendee, the ledger columns copied from the register as
    /// it is now (as the registration does); needs stored too, so a test can look for them.
    long long add_attendee(std::string const& event_key, attendee_spec const& a) {
        auto const e = std::to_string(event.at(event_key));
        std::string const o =
            a.organisation.empty() ? "null" : std::to_string(org.at(a.organisation));
        auto const registration = database.scalar(
            "insert into registrations (event_id, organisation_id, organisation_name,"
            " contact_name, contact_email, manage_token_hash, consent_at) select " +
            e + ", " + o + ", (select name from organisations where id = " + o +
            "), 'Kontakt', 'kontakt-" + a.name +
            "@example.test', gen_random_uuid()::text::bytea,"
            " now() returning id");
        auto const id = database.scalar(
            "insert into attendees (registration_id, event_id, name, affiliation, status,"
            " attended, checked_in_at, walk_in, over_capacity, dietary, accessibility,"
            " organisation_id, organisation_name, organisation_area)"
            " select " +
            std::to_string(registration) + ", " + e + ", '" + a.name + "', '" + a.affiliation +
            "', '" + a.status + "', " + (a.checked_in ? "true, now()" : "null, null") + ", " +
            (a.walk_in ? "true" : "false") + ", " + (a.over_capacity ? "true" : "false") +
            ", '{vegetarian}', 'hörslinga', o.id, o.name, o.area"
            " from (select 1) one left join organisations o on o.id = " +
            o + " returning id");
        return id;
    }

    void invite(std::string const& event_key, std::string const& organisation) {
        database.execute(
            "insert into invitations (event_id, organisation_id, email, token_hash) values (" +
            std::to_string(event.at(event_key)) + ", " + std::to_string(org.at(organisation)) +
            ", 'inbjudan@example.test', gen_random_uuid()::text::bytea)");
    }

    /// Attendee names of the fixture: no report or page may contain any of them.
    static constexpr char const* attendee_names[] = {
        "Astrid Ahl", "Bertil Berg",     "Cecilia Dahl",   "Doris Ek",     "Erik Fors",
        "Frida Gran", "Gustav Holm",     "Hanna Ivarsson", "Ivar Jönsson", "Julia Karlsson",
        "Karl Lund",  "Lena Martinsson", "Maja Nilsson"};

    report_fixture() {
        add_organisation("O1", "Tosteberga Byalag", "rural", "2016-03-16");          // returning
        add_organisation("O2", "Kristianstads FN-förening", "urban", "2025-05-01");  // new
        add_organisation("O3", "Everöds Byaråd", "rural");               // new, a walk-in
        add_organisation("O4", "Föreningen Utan Område", "");            // new, no area
        add_organisation("O5", "Sensus", "urban");                       // only waitlisted
        add_organisation("O6", "Åhus scoutkår", "urban", "2026-02-01");  // invited only
        add_organisation("O7", "IFK Kristianstad", "urban");             // first in 2026

        add_report_event("E0", "theme_meeting", "2024-09-21 17:00", 30, "{democracy}");
        add_report_event("E1", "dialogue_conference", "2025-02-06 09:00", 4,
                         "{participation,collaboration_learning}");  // two priority areas
        add_report_event("E2", "theme_meeting", "2025-06-13 17:00", 10, "{democracy}");
        add_report_event("E3", "theme_meeting", "2025-09-18 17:00", 10, "{participation}",
                         "cancelled");
        add_report_event("E4", "dialogue_conference", "2026-02-05 09:00", 50, "{participation}");

        add_attendee("E0", {"Astrid Ahl", "O1", "civil_society", "confirmed", true});
        add_attendee("E1", {"Bertil Berg", "O1", "civil_society", "confirmed", true});
        add_attendee("E1", {"Cecilia Dahl", "O1", "municipal_staff", "confirmed", true});
        add_attendee("E1", {"Doris Ek", "O2", "civil_society", "confirmed", true});
        add_attendee("E1", {"Erik Fors", "O2", "civil_society", "confirmed", false});  // no-show
        add_attendee("E1", {"Frida Gran", "O3", "civil_society", "confirmed", true, true,
                            true});  // a walk-in beyond the 4 seats
        add_attendee("E1", {"Gustav Holm", "O4", "civil_society", "cancelled"});
        add_attendee("E1", {"Hanna Ivarsson", "O5", "civil_society", "waitlisted"});
        add_attendee("E2", {"Ivar Jönsson", "O1", "civil_society", "confirmed", true});
        add_attendee("E2", {"Julia Karlsson", "O4", "civil_society", "confirmed", true});
        add_attendee("E2", {"Karl Lund", "", "municipal_staff", "confirmed", true,
                            true});  // a walk-in without an organisation
        add_attendee("E2", {"Lena Martinsson", "", "elected_official", "confirmed", true});
        add_attendee("E3", {"Maja Nilsson", "O6", "civil_society", "confirmed", true});
        add_attendee("E4", {"Maja Nilsson", "O7", "civil_society", "confirmed", true});

        for (auto const* o : {"O1", "O2", "O3", "O5", "O6"}) invite("E1", o);
        invite("E2", "O4");
        invite("E3", "O7");  // a cancelled event: not in the reach
    }
};

}  // namespace samverkan::test
