// Personal data by design (issue 8) over the real server and the real binary: the retention
// run over events at chosen dates (`samverkan retention [--dry-run]`), a data subject's
// access and erasure, the two statements, Cache-Control: no-store on personal answers and
// the file transport's private .eml files.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/command.hpp"
#include "tests/support/services.hpp"

#include <cstdio>
#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace samverkan;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

fs::path mail_dir() {
    return fs::temp_directory_path() / ("samverkan-privacy-mail-" + std::to_string(::getpid()));
}

std::vector<std::string> server_args() {
    fs::remove_all(mail_dir());
    return {"--registration-rate-limit",
            "0",
            "--mail-dir",
            mail_dir().string(),
            "--controller-name",
            "Testkommunens nämnd",
            "--controller-contact",
            "dataskydd@testkommun.example",
            "--retention-days",
            "365",
            "--needs-retention-days",
            "7"};
}

// Runs the binary once with `args` against the test database; returns what it printed.
std::string run_binary(std::string const& args, std::string const& database_url) {
    auto const command =
        test::server_process::binary() + " " + args + " --database-url '" + database_url + "'";
    auto const run = test::run_command(command);
    BOOST_REQUIRE_EQUAL(run.status, 0);
    return run.output;
}

struct privacy_fixture : test::registration_server {
    privacy_fixture() : registration_server(server_args()) {}

    ~privacy_fixture() { fs::remove_all(mail_dir()); }

    // A registration of two attendees whose every personal value names `tag`.
    test::http_result register_people(long long event, std::string const& tag) {
        json::array attendees{json::object{{"name", "Deltagare " + tag + " Ett"},
                                           {"email", tag + ".ett@deltagare.example"},
                                           {"affiliation", "civil_society"},
                                           {"dietary", json::array{"vegan"}},
                                           {"dietary_other", "kost-" + tag},
                                           {"accessibility", "hörslinga-" + tag}},
                              json::object{{"name", "Deltagare " + tag + " Två"},
                                           {"affiliation", "municipal_staff"},
                                           {"accessibility", "rullstol-" + tag}}};
        auto const r =
            post_registration(event, json::object{{"organisation", {{"name", "Förening " + tag}}},
                                                  {"contact",
                                                   {{"name", "Kontakt " + tag},
                                                    {"email", tag + "@kontakt.example"},
                                                    {"phone", "070-123 45 67"}}},
                                                  {"attendees", std::move(attendees)},
                                                  {"consent", true}});
        BOOST_REQUIRE_EQUAL(r.status, 201u);
        return r;
    }

    // Moves an event to have ended `days_ago` days ago.
    void ended(long long event, int days_ago) {
        auto const id = std::to_string(event);
        auto const ago = std::to_string(days_ago);
        database.execute("update events set starts_at = now() - interval '" + ago +
                         " days 3 hours', ends_at = now() - interval '" + ago +
                         " days', registration_closes_at = null where id = " + id);
    }

    // What the steering group's follow-up counts, per event: the ledger on each attendee.
    std::string participation() {
        return text(
            "select string_agg(concat_ws('|', event_id, organisation_id, organisation_name,"
            " organisation_area, affiliation, walk_in, over_capacity, status, attended), ';'"
            " order by id) from attendees");
    }

    json::object retention(bool dry_run) {
        auto const out = run_binary(dry_run ? "retention --dry-run" : "retention", database.url());
        return json::parse(out).as_object();
    }
};

long long number(json::object const& o, char const* key) {
    return o.at(key).as_int64();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(privacy_retention, privacy_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

// Four events: ended 400 days ago (names and needs go), 30 days ago (needs go), 3 days ago
// and in 30 days (untouched). A dry run changes nothing; the real run exactly the right rows.
BOOST_AUTO_TEST_CASE(retention_anonymises_exactly_the_old_rows_and_keeps_the_follow_up) {
    std::map<std::string, long long> events;
    std::map<std::string, std::string> tokens;
    for (auto const* tag : {"gammal", "manad", "nylig", "kommande"}) {
        events[tag] = add_event();
        tokens[tag] = token_of(register_people(events[tag], tag));
    }
    database.execute(
        "update attendees set attended = true, checked_in_at = now()"
        " where name like '% Ett'");
    ended(events["gammal"], 400);
    ended(events["manad"], 30);
    ended(events["nylig"], 3);
    // Mail about the old event was sent long ago; the rest recently (or not yet).
    BOOST_TEST_REQUIRE(count("select count(*) from outbox") >= 4);
    database.execute(
        "update outbox set status = 'sent', sent_at = now() - interval '40 days'"
        " where (payload ->> 'registration_id')::bigint in (select id from"
        " registrations where event_id = " +
        std::to_string(events["gammal"]) + ")");
    auto const figures = participation();
    auto const audit_entries = count("select count(*) from audit_log");

    auto const dry = retention(true);
    BOOST_TEST(dry.at("dry_run").as_bool());
    BOOST_TEST(number(dry, "attendees_anonymised") == 2);
    BOOST_TEST(number(dry, "registrations_anonymised") == 1);
    BOOST_TEST(number(dry, "needs_removed") == 4);  // two attendees in each of two events
    BOOST_TEST(number(dry, "messages_purged") >= 1);
    BOOST_TEST(count("select count(*) from attendees where anonymised_at is not null") == 0);
    BOOST_TEST(count("select count(*) from attendees where accessibility is not null") == 8);
    BOOST_TEST(count("select count(*) from audit_log") == audit_entries);

    auto const done = retention(false);
    BOOST_TEST(!done.at("dry_run").as_bool());
    BOOST_TEST(number(done, "attendees_anonymised") == 2);
    BOOST_TEST(number(done, "registrations_anonymised") == 1);
    BOOST_TEST(number(done, "needs_removed") == 4);
    BOOST_TEST(number(done, "messages_purged") == number(dry, "messages_purged"));
    std::printf("retention run: %s\n", json::serialize(done).c_str());

    auto const old_event = std::to_string(events["gammal"]);
    auto const month_event = std::to_string(events["manad"]);
    // The old event: nobody is left, the ledger stays.
    BOOST_TEST(
        count("select count(*) from attendees where event_id = " + old_event +
              " and (name <> '' or email is not null or accessibility is not null"
              " or dietary <> '{}' or dietary_other is not null or anonymised_at is null)") == 0);
    BOOST_TEST(count("select count(*) from registrations where event_id = " + old_event +
                     " and (contact_name <> '' or contact_phone is not null"
                     " or contact_email not like '%@anonymised.invalid')") == 0);
    BOOST_TEST(client.get("/api/v1/registrations/" + tokens["gammal"]).status == 404u);
    // A month ago: needs gone, names kept.
    BOOST_TEST(count("select count(*) from attendees where event_id = " + month_event +
                     " and name like 'Deltagare manad%' and accessibility is null"
                     " and dietary = '{}' and anonymised_at is null") == 2);
    // Recent and future events: untouched.
    BOOST_TEST(count("select count(*) from attendees where accessibility like '%nylig'"
                     " or accessibility like '%kommande'") == 4);
    BOOST_TEST(client.get("/api/v1/registrations/" + tokens["nylig"]).status == 200u);
    // Old mail bodies: neither names nor addresses nor links left.
    BOOST_TEST(count("select count(*) from outbox where payload::text like '%gammal%'"
                     " or recipient_email like '%gammal%' or payload::text like '%" +
                     tokens["gammal"] + "%'") == 0);
    BOOST_TEST(count("select count(*) from outbox where payload::text like '%nylig%'") > 0);
    // The follow-up counts the same, and the run is in the gallringslogg once.
    BOOST_TEST(participation() == figures);
    BOOST_TEST(count("select count(*) from audit_log where action = 'retention.run'") == 1);
    BOOST_TEST(count("select count(*) from audit_log where action = 'retention.run' and"
                     " (detail ->> 'attendees_anonymised')::int = 2") == 1);
    // A second run finds nothing more.
    auto const again = retention(false);
    BOOST_TEST(number(again, "attendees_anonymised") == 0);
    BOOST_TEST(number(again, "needs_removed") == 0);
    BOOST_TEST(participation() == figures);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(privacy_subjects, privacy_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

// One address that is a registration contact, an attendee elsewhere, an organisation
// contact, an invitee and a mail recipient at once: exported, then erased everywhere, with
// the follow-up unchanged.
BOOST_AUTO_TEST_CASE(one_address_in_every_role_is_exported_and_erased) {
    std::string const who = "vera.vem@subjekt.example";
    auto const event = add_event();
    auto const other = add_event();
    auto own = registration(who, 1);
    own["attendees"].as_array()[0].as_object()["accessibility"] = "teckentolk";
    BOOST_REQUIRE_EQUAL(post_registration(event, own).status, 201u);
    auto in_other = registration("annan@kontakt.example", 2);
    in_other["attendees"].as_array()[1].as_object()["email"] = who;
    BOOST_REQUIRE_EQUAL(post_registration(other, in_other).status, 201u);
    database.execute("insert into organisations (name) values ('Subjektets förening')");
    database.execute(
        "insert into contacts (organisation_id, name, email) select max(id),"
        " 'Vera Vem', '" +
        who + "' from organisations");
    database.execute("insert into invitations (event_id, email, name, token_hash) values (" +
                     std::to_string(other) + ", '" + who +
                     "', 'Vera Vem', sha256('inbjudan'::bytea))");
    auto const figures = participation();

    auto organiser = test::http_client{server.port()};
    login(organiser, add_user("arr@kristianstad.example", "organiser"));
    BOOST_TEST(organiser.get("/api/v1/subjects?email=" + who).status == 403u);
    auto const csrf = login_as("admin");
    auto const found = client.get("/api/v1/subjects?email=" + who);
    BOOST_TEST_REQUIRE(found.status == 200u);
    BOOST_TEST(found.header("cache-control") == "no-store");
    auto const body = found.json().as_object();
    BOOST_TEST(body.at("email").as_string() == who);
    BOOST_TEST(body.at("registrations").as_array().size() == 1u);
    BOOST_TEST(body.at("attendees").as_array().size() == 1u);  // the one with her address
    BOOST_TEST(body.at("contacts").as_array().size() == 1u);
    BOOST_TEST(body.at("invitations").as_array().size() == 1u);
    BOOST_TEST(body.at("messages").as_array().size() >= 1u);
    BOOST_TEST(!body.at("unsubscribed").as_bool());
    BOOST_TEST(found.body.find("teckentolk") == std::string::npos);  // not her row: Deltagare 1
    BOOST_TEST(count("select count(*) from audit_log where action = 'subject.view'"
                     " and detail::text not like '%subjekt.example%'") == 1);

    auto const bad = client.post_json("/api/v1/subjects/erase", json::object{{"email", "nej"}},
                                      {{"X-CSRF-Token", csrf}});
    BOOST_TEST(expect_error(bad, 422, "validation_failed").contains("email"));
    auto const erased = client.post_json("/api/v1/subjects/erase", json::object{{"email", who}},
                                         {{"X-CSRF-Token", csrf}});
    BOOST_TEST_REQUIRE(erased.status == 200u);
    BOOST_TEST(erased.header("cache-control") == "no-store");
    auto const counts = erased.json().at("erased").as_object();
    BOOST_TEST(number(counts, "registrations") == 1);
    BOOST_TEST(number(counts, "attendees") == 1);
    BOOST_TEST(number(counts, "contacts") == 1);
    BOOST_TEST(number(counts, "invitations") == 1);
    BOOST_TEST(number(counts, "messages") >= 1);
    std::printf("erased: %s\n", json::serialize(counts).c_str());

    auto const after = client.get("/api/v1/subjects?email=" + who).json().as_object();
    for (auto const* key : {"registrations", "attendees", "contacts", "invitations", "messages"})
        BOOST_TEST(after.at(key).as_array().empty(), key);
    BOOST_TEST(count("select count(*) from outbox where payload::text ilike '%vera%'"
                     " or recipient_email ilike '%vera%'") == 0);
    BOOST_TEST(participation() == figures);
    // Her attendee row went; the people she registered, and the other contact's, stay.
    BOOST_TEST(count("select count(*) from attendees where name = 'Deltagare 1'") == 2);
    BOOST_TEST(count("select count(*) from attendees where name = 'Deltagare 2'") == 0);
    BOOST_TEST(count("select count(*) from audit_log where action = 'subject.erase'") == 1);
}

// A contact erases their own registration through the manage link: it is cancelled, its
// seats go to the waiting list, the people are gone and the link is dead.
BOOST_AUTO_TEST_CASE(a_contact_erases_the_registration_through_the_manage_link) {
    auto const event = add_event("capacity = 2, waitlist = true");
    auto const first = register_people(event, "raderas");
    auto const waiting = post_registration(event, registration("vantar@kontakt.example"));
    BOOST_TEST_REQUIRE(waiting.json().at("status").as_string() == "waitlisted");
    auto const token = token_of(first);
    auto const confirm = client.get("/r/" + token + "/radera");
    BOOST_TEST(confirm.status == 200u);
    BOOST_TEST(confirm.header("cache-control") == "no-store");
    BOOST_TEST(client.get("/r/" + token).body.find("/r/" + token + "/radera") != std::string::npos);
    auto const done = client.post_form("/r/" + token + "/radera", {});
    BOOST_TEST(done.status == 200u);
    BOOST_TEST(done.body.find("raderad") != std::string::npos);
    auto const id = std::to_string(first.json().at("id").as_int64());
    BOOST_TEST(count("select count(*) from registrations where id = " + id +
                     " and cancelled_at is not null and contact_name = ''"
                     " and contact_phone is null") == 1);
    BOOST_TEST(count("select count(*) from attendees where registration_id = " + id +
                     " and name = '' and email is null and accessibility is null"
                     " and anonymised_at is not null") == 2);
    BOOST_TEST(count("select count(*) from attendees where event_id = " + std::to_string(event) +
                     " and status = 'confirmed'") == 1);  // the waiting one moved up
    BOOST_TEST(count("select count(*) from outbox where payload::text like '%raderas%'"
                     " or recipient_email like '%raderas%'") == 0);
    BOOST_TEST(client.get("/r/" + token).status == 404u);
    BOOST_TEST(client.post_form("/r/" + token + "/radera", {}).status == 404u);
}

// The files of the file transport hold links and names: only the server's user reads them.
BOOST_AUTO_TEST_CASE(eml_files_are_created_private) {
    auto const event = add_event();
    BOOST_REQUIRE_EQUAL(post_registration(event, registration("fil@kontakt.example")).status, 201u);
    fs::path found;
    for (int i = 0; i < 100 && found.empty(); ++i) {
        if (fs::exists(mail_dir()))
            for (auto const& f : fs::directory_iterator(mail_dir()))
                if (f.path().extension() == ".eml") found = f.path();
        if (found.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_TEST_REQUIRE(!found.empty());

    struct stat st {};

    BOOST_TEST_REQUIRE(::stat(found.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    BOOST_TEST_REQUIRE(::stat(mail_dir().c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0077) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(privacy_statements, privacy_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(both_statements_in_swedish_and_english_with_the_settings) {
    struct expected {
        std::string path, heading;
    };

    for (auto const& [path, heading] :
         {expected{"/privacy", "Så hanterar vi personuppgifter"},
          expected{"/privacy?lang=en", "How we handle personal data"},
          // ?lang=en left a cookie: a page without ?lang= would now be English.
          expected{"/accessibility?lang=sv", "Tillgänglighet för Samverkan"},
          expected{"/accessibility?lang=en", "Accessibility of Samverkan"}}) {
        BOOST_TEST_CONTEXT(path) {
            auto const r = client.get(path);
            BOOST_TEST(r.status == 200u);
            BOOST_TEST(r.body.find(heading) != std::string::npos);
            BOOST_TEST(r.body.find("Testkommunens nämnd") != std::string::npos);
            BOOST_TEST(r.body.find("dataskydd@testkommun.example") != std::string::npos);
            bool const en = path.ends_with("lang=en");
            BOOST_TEST(r.body.find(en ? "lang=\"en\"" : "lang=\"sv\"") != std::string::npos);
            if (path.starts_with("/privacy")) {
                BOOST_TEST(r.body.find("365") != std::string::npos);
                BOOST_TEST(r.body.find(">7 ") != std::string::npos);
                BOOST_TEST(r.body.find("IMY") != std::string::npos);
            } else {
                BOOST_TEST(r.body.find("DIGG") != std::string::npos);
            }
        }
    }
    // The registration form links the privacy statement.
    auto const form = client.get("/events/" + std::to_string(add_event()));
    BOOST_TEST(form.body.find("href=\"/privacy") != std::string::npos);
}

// Every answer that carries personal data or a secret is kept by no cache: staff pages and
// API, the manage link's page and API, the registration's answer (it holds the link).
BOOST_AUTO_TEST_CASE(personal_answers_are_sent_no_store) {
    auto const event = add_event();
    auto const created = post_registration(event, registration("cache@kontakt.example"));
    BOOST_TEST(created.header("cache-control") == "no-store");
    auto const token = token_of(created);
    BOOST_TEST(client.get("/api/v1/registrations/" + token).header("cache-control") == "no-store");
    BOOST_TEST(client.get("/r/" + token).header("cache-control") == "no-store");
    login_as("admin");
    auto const id = std::to_string(event);
    for (auto const& path :
         {"/api/v1/events/" + id + "/registrations", "/api/v1/events/" + id + "/registrations.csv",
          "/api/v1/events/" + id + "/catering", "/staff/events/" + id,
          std::string{"/admin/subjects"},
          std::string{"/api/v1/subjects?email=cache@kontakt.example"},
          std::string{"/api/v1/auth/me"}}) {
        BOOST_TEST_CONTEXT(path) {
            auto const r = client.get(path);
            BOOST_TEST(r.status == 200u);
            BOOST_TEST(r.header("cache-control") == "no-store");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
