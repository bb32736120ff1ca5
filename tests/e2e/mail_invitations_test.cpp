// Invitations end to end: the real server sends them through the outbox to a real SMTP
// server; the personal link fills in the registration form; unsubscribing works without
// logging in and is respected by later rounds.
#include "tests/e2e/auth_fixture.hpp"
#include "tests/smtp/mail_test_support.hpp"
#include "tests/support/services.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <regex>
#include <thread>

namespace samverkan::test {

namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

struct invitation_fixture {
    smtp_sink sink;
    auth_server app{{"--smtp-url", sink.url(), "--mail-poll-ms", "50"}};
    http_client client = app.client();
    std::map<std::string, std::string> csrf;
    long long event = 0;

    invitation_fixture() {
        auto const organiser = app.add_user("arrangor@kristianstad.example", "organiser");
        csrf = {{"X-CSRF-Token", auth_server::login(client, organiser)}};
        event = insert_event(app.database, "Tematräff: föreningsliv", "2027-06-13T17:00:00+02:00",
                             "2027-06-13T19:30:00+02:00");
        app.database.execute(
            "insert into organisations (id, name, agreement_joined_on) values"
            " (1, 'Åhus Byalag', '2025-03-01'), (2, 'Degeberga IF', null), (3, 'Tom Förening', "
            "null);"
            "insert into contacts (organisation_id, name, email) values"
            " (1, 'Åsa Öberg', 'asa@byalag.example'), (1, 'Bo Ek', 'bo@byalag.example'),"
            " (2, 'Karin Ek', 'karin@if.example'), (2, 'Nej Tack', 'nej@if.example');"
            "insert into unsubscribes (email) values ('nej@if.example')");
    }

    http_result invite(json::object body) {
        try {
            return client.post_json("/api/v1/events/" + std::to_string(event) + "/invitations",
                                    body, csrf);
        } catch (std::exception const&) {
            BOOST_TEST_MESSAGE(app.server.log());  // the server's side of a broken request
            throw;
        }
    }
};

std::string str(json::value const& v) {
    return v.is_string() ? std::string{v.get_string()} : std::string{};
}

// The personal token from an invitation's text part.
std::string token_in(json::object const& message) {
    for (auto const& p : message.at("parts").as_array()) {
        if (str(p.at("content_type")) != "text/plain") continue;
        std::smatch m;
        auto const text = str(p.at("text"));
        if (std::regex_search(text, m, std::regex{"register\\?invitation=([A-Za-z0-9_-]{43})"}))
            return m[1];
    }
    return {};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(mail_invitations, invitation_fixture,
                         *needs("SAMVERKAN_TEST_DATABASE_URL") * needs("SAMVERKAN_TEST_SMTP_SINK"))

BOOST_AUTO_TEST_CASE(invitations_carry_personal_links_and_respect_unsubscribes) {
    auto const first = invite(
        json::object{{"audience", "all"},
                     {"extra_recipients",
                      json::array{{{"name", "Kalle Politiker"}, {"email", "kalle@kommun.example"}},
                                  {{"email", "ASA@byalag.example"}}}}});
    BOOST_REQUIRE_EQUAL(first.status, 202u);
    BOOST_TEST(first.json().at("queued").as_int64() == 4);  // asa, bo, karin, kalle
    BOOST_TEST(first.json().at("skipped_unsubscribed").as_int64() == 1);
    BOOST_TEST(first.json().at("skipped_already_invited").as_int64() == 0);
    BOOST_REQUIRE(sink.wait_for(4, 20s));
    auto const parsed = sink.parsed();
    std::map<std::string, std::string> tokens;
    for (auto const& v : parsed.at("messages").as_array()) {
        auto const& m = v.as_object();
        BOOST_TEST(m.at("problems").as_array().empty(), json::serialize(m.at("problems")));
        BOOST_TEST(str(m.at("subject")).starts_with("Inbjudan: Tematräff: föreningsliv"));
        BOOST_TEST(str(m.at("list_unsubscribe")).find("/unsubscribe/") != std::string::npos);
        tokens[str(m.at("to_address"))] = token_in(m);
    }
    BOOST_REQUIRE_EQUAL(tokens.size(), 4u);
    for (auto const& [to, token] : tokens) BOOST_TEST(token.size() == 43u, to);

    // The personal link opens the registration form filled in for the invitee.
    auto page = app.client().get("/events/" + std::to_string(event) +
                                 "/register?invitation=" + tokens.at("karin@if.example"));
    BOOST_TEST(page.status == 200u);
    BOOST_TEST(page.body.find("karin@if.example") != std::string::npos);

    // Unsubscribing needs no login, and the page leaks the token to nobody.
    auto anonymous = app.client();
    auto const confirm = anonymous.get("/unsubscribe/" + tokens.at("bo@byalag.example"));
    BOOST_TEST(confirm.status == 200u);
    BOOST_TEST(confirm.body.find("bo@byalag.example") != std::string::npos);
    BOOST_TEST(confirm.header("referrer-policy") == "no-referrer");
    auto const done =
        anonymous.request("POST", "/unsubscribe/" + tokens.at("bo@byalag.example"),
                          "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
    BOOST_TEST(done.status == 200u);
    BOOST_TEST(app.database.scalar("select count(*) from unsubscribes where email = "
                                   "'bo@byalag.example'") == 1);
    BOOST_TEST(anonymous.get("/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status ==
               404u);
    BOOST_TEST(anonymous.get("/unsubscribe/short").status == 404u);

    // A second round skips everyone already invited; a resend skips only the unsubscribed.
    auto const again = invite(json::object{{"audience", "all"}});
    BOOST_TEST(again.json().at("queued").as_int64() == 0);
    BOOST_TEST(again.json().at("skipped_unsubscribed").as_int64() == 2);
    BOOST_TEST(again.json().at("skipped_already_invited").as_int64() == 2);
    auto const resend = invite(json::object{{"audience", "agreement_members"}, {"resend", true}});
    BOOST_TEST(resend.json().at("queued").as_int64() == 1);  // asa; bo has unsubscribed
    BOOST_TEST(resend.json().at("skipped_unsubscribed").as_int64() == 1);
    BOOST_REQUIRE(sink.wait_for(5, 20s));

    std::this_thread::sleep_for(300ms);
    auto const status =
        client.get("/api/v1/events/" + std::to_string(event) + "/invitations").json().as_object();
    BOOST_TEST(status.at("sent").as_int64() == 5);
    BOOST_TEST(status.at("failed").as_int64() == 0);
    BOOST_TEST(status.at("invitations").as_array().size() == 5u);
    auto const staff_page = client.get("/staff/events/" + std::to_string(event) + "/invitations");
    BOOST_TEST(staff_page.status == 200u);
    BOOST_TEST(staff_page.body.find("karin@if.example") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(selected_organisations_only_and_bad_requests_are_refused) {
    auto const selected = invite(json::object{{"audience", "selected"}, {"organisation_ids", {2}}});
    BOOST_REQUIRE_EQUAL(selected.status, 202u);
    BOOST_TEST(selected.json().at("queued").as_int64() == 1);  // karin; nej has unsubscribed
    BOOST_TEST(invite(json::object{}).status == 422u);
    BOOST_TEST(invite(json::object{{"audience", "everyone"}}).status == 422u);
    BOOST_TEST(invite(json::object{{"audience", "selected"}}).status == 422u);
    auto const bad_extra = invite(json::object{
        {"audience", "selected"},
        {"extra_recipients", json::array{{{"email", "x@example.se\r\nBcc: evil@example.se"}}}}});
    BOOST_TEST(bad_extra.status == 422u);
    BOOST_TEST(
        client.post_json("/api/v1/events/9999/invitations", json::object{{"audience", "all"}}, csrf)
            .status == 404u);
    auto anonymous = app.client();
    BOOST_TEST(anonymous
                   .post_json("/api/v1/events/" + std::to_string(event) + "/invitations",
                              json::object{{"audience", "all"}})
                   .status == 401u);
}

BOOST_AUTO_TEST_CASE(an_organiser_previews_and_sends_a_message_to_attendees_by_status) {
    app.database.execute(
        "insert into registrations (id, event_id, contact_name, contact_email, language,"
        " manage_token_hash, consent_at) values"
        " (1, " +
        std::to_string(event) +
        ", 'Åsa Öberg', 'asa@byalag.example', 'sv', '\\x01', now()),"
        " (2, " +
        std::to_string(event) +
        ", 'Bo Ek', 'bo@byalag.example', 'en', '\\x02', now());"
        "insert into attendees (registration_id, event_id, name, status) values"
        " (1, " +
        std::to_string(event) +
        ", 'Åsa Öberg', 'confirmed'),"
        " (2, " +
        std::to_string(event) + ", 'Bo Ek', 'waitlisted')");
    auto const path = "/api/v1/events/" + std::to_string(event) + "/messages";
    json::object message{{"subject", "Ändrad lokal – läs"},
                         {"body", "Vi ses i Kaféet på våning 6.\nVälkomna!"},
                         {"statuses", json::array{"confirmed"}}};
    auto preview = message;
    preview["preview"] = true;
    auto const shown = client.post_json(path, preview, csrf);
    BOOST_REQUIRE_EQUAL(shown.status, 200u);
    BOOST_TEST(shown.json().at("recipients").as_int64() == 1);
    BOOST_TEST(str(shown.json().at("subject")) == "Ändrad lokal – läs");
    BOOST_TEST(str(shown.json().at("text")).find("Kaféet på våning 6.") != std::string::npos);
    BOOST_TEST(sink.count() == 0u);  // a preview sends nothing

    auto const sent = client.post_json(path, message, csrf);
    BOOST_REQUIRE_EQUAL(sent.status, 202u);
    BOOST_TEST(sent.json().at("queued").as_int64() == 1);
    BOOST_REQUIRE(sink.wait_for(1, 20s));
    auto const parsed = sink.parsed();
    auto const& m = parsed.at("messages").as_array().at(0).as_object();
    BOOST_TEST(str(m.at("to_address")) == "asa@byalag.example");
    BOOST_TEST(str(m.at("subject")) == "Ändrad lokal – läs");
    BOOST_TEST(m.at("problems").as_array().empty(), json::serialize(m.at("problems")));

    auto const bad = client.post_json(
        path, json::object{{"subject", "a\nb"}, {"body", ""}, {"statuses", json::array{"x"}}},
        csrf);
    BOOST_REQUIRE_EQUAL(bad.status, 422u);
    for (auto const key : {"subject", "body", "statuses"})
        BOOST_TEST(bad.json().at("fields").as_object().contains(key), key);
}

BOOST_AUTO_TEST_CASE(the_staff_page_says_what_a_round_will_do_before_it_sends_it) {
    auto const token = csrf.at("X-CSRF-Token");
    auto const page = "/staff/events/" + std::to_string(event) + "/invitations";
    using form = std::vector<std::pair<std::string, std::string>>;
    auto const bad = client.post_form(page + "/confirm",
                                      {{"csrf_token", token},
                                       {"audience", "none"},
                                       {"extra", "Kalle <kalle@kommun.example>\nnot an address"}});
    BOOST_TEST(bad.status == 422u);
    BOOST_TEST(bad.body.find("Adressen kunde inte läsas: Rad 2: not an address") !=
               std::string::npos);

    // Everyone in the register and two extra lines, one of them a contact already.
    form const everyone{{"csrf_token", token},
                        {"audience", "all"},
                        {"extra", "Kalle <kalle@kommun.example>\r\n\r\nASA@byalag.example"}};
    auto const asked = client.post_form(page + "/confirm", everyone);
    BOOST_REQUIRE_EQUAL(asked.status, 200u);
    for (auto const* text : {"4 personer får en inbjudan med e-post nu.",  // asa, bo, karin, kalle
                             "1 hoppas över eftersom de har avslutat inbjudningar.",  // nej
                             "Ja, skicka 4 inbjudningar", "Alla organisationer i registret",
                             "name=\"audience\" value=\"all\"",
                             "name=\"extra\" value=\"Kalle &lt;kalle@kommun.example&gt;\"",
                             "name=\"extra\" value=\"ASA@byalag.example\"", "Nej, ändra valen"})
        BOOST_TEST(asked.body.find(text) != std::string::npos, text);
    BOOST_TEST(asked.body.find("redan är inbjudna") == std::string::npos);
    BOOST_TEST(app.database.scalar("select count(*) from invitations") == 0);  // asking sends none
    BOOST_TEST(app.database.scalar("select count(*) from outbox") == 0);

    // "No, change": the form again with the choices as they were.
    form const confirmed{{"csrf_token", token},
                         {"audience", "all"},
                         {"extra", "Kalle <kalle@kommun.example>"},
                         {"extra", "ASA@byalag.example"}};
    auto const change = client.post_form(page + "/change", confirmed);
    BOOST_REQUIRE_EQUAL(change.status, 200u);
    BOOST_TEST(change.body.find("value=\"all\" checked") != std::string::npos);
    BOOST_TEST(
        change.body.find(">Kalle &lt;kalle@kommun.example&gt;\nASA@byalag.example</textarea>") !=
        std::string::npos);
    BOOST_TEST(change.body.find("error-summary") == std::string::npos);

    // Sending what was confirmed: the hidden fields, one line each.
    auto const sent = client.post_form(page, confirmed);
    BOOST_REQUIRE_EQUAL(sent.status, 303u);
    BOOST_TEST(sent.header("location").find("queued_now=4&unsubscribed=1&already=0") !=
               std::string::npos);
    BOOST_REQUIRE(sink.wait_for(4, 20s));

    // The same round again reaches nobody new: no button to send it.
    auto const again = client.post_form(page + "/confirm", everyone);
    BOOST_TEST(again.body.find("Ingen får någon inbjudan") != std::string::npos);
    BOOST_TEST(again.body.find("4 hoppas över eftersom de redan är inbjudna till träffen.") !=
               std::string::npos);
    BOOST_TEST(again.body.find("action=\"" + page + "\"") == std::string::npos);
    auto const resend = client.post_form(
        page + "/confirm",
        form{{"csrf_token", token}, {"audience", "agreement_members"}, {"resend", "on"}});
    BOOST_TEST(resend.body.find("2 personer får en inbjudan med e-post nu.") != std::string::npos);
    BOOST_TEST(resend.body.find("De som redan är inbjudna får inbjudan igen.") !=
               std::string::npos);
    BOOST_TEST(resend.body.find("name=\"resend\" value=\"on\"") != std::string::npos);
    BOOST_TEST(app.database.scalar("select count(*) from invitations") == 4);
}

BOOST_AUTO_TEST_CASE(the_staff_page_shows_a_message_and_how_many_it_reaches_before_sending) {
    auto const token = csrf.at("X-CSRF-Token");
    auto const page = "/staff/events/" + std::to_string(event);
    app.database.execute(
        "insert into registrations (id, event_id, contact_name, contact_email, language,"
        " manage_token_hash, consent_at) values (1, " +
        std::to_string(event) +
        ", 'Åsa Öberg', 'asa@byalag.example', 'sv', '\\x01', now());"
        "insert into attendees (registration_id, event_id, name, status) values (1, " +
        std::to_string(event) + ", 'Åsa Öberg', 'confirmed')");
    std::vector<std::pair<std::string, std::string>> message{{"csrf_token", token},
                                                             {"statuses", "confirmed"},
                                                             {"subject", "Välkomna"},
                                                             {"body", "Vi ses på fredag."}};
    auto const preview = client.post_form(page + "/messages/confirm", message);
    BOOST_REQUIRE_EQUAL(preview.status, 200u);
    for (auto const* text :
         {"Meddelandet går till 1 anmälan (kontaktpersonen).", "Ja, skicka till 1 anmälan",
          "Ämne: Välkomna", "srcdoc=", "name=\"body\" value=\"Vi ses på fredag.\"",
          "name=\"statuses\" value=\"confirmed\"", "Nej, ändra meddelandet"})
        BOOST_TEST(preview.body.find(text) != std::string::npos, text);
    BOOST_TEST(app.database.scalar("select count(*) from outbox") == 0);

    auto waiting = message;
    waiting[1].second = "waitlisted";
    auto const nobody = client.post_form(page + "/messages/confirm", waiting);
    BOOST_TEST(nobody.body.find("Ingen anmälan finns i de valda grupperna") != std::string::npos);
    BOOST_TEST(nobody.body.find("action=\"" + page + "/messages\"") == std::string::npos);

    auto const change = client.post_form(page + "/messages/change", message);
    BOOST_REQUIRE_EQUAL(change.status, 200u);
    BOOST_TEST(
        change.body.find("id=\"subject\" name=\"subject\" type=\"text\" value=\"Välkomna\"") !=
        std::string::npos);
    BOOST_TEST(
        change.body.find("id=\"st-confirmed\" name=\"statuses\" value=\"confirmed\" checked") !=
        std::string::npos);

    auto no_group = message;
    no_group.erase(no_group.begin() + 1);
    auto const refused = client.post_form(page + "/messages/confirm", no_group);
    BOOST_TEST(refused.status == 422u);
    BOOST_TEST(refused.body.find("välj minst en grupp") != std::string::npos);

    auto const done = client.post_form(page + "/messages", message);
    BOOST_REQUIRE_EQUAL(done.status, 303u);
    BOOST_TEST(done.header("location").find("message_queued=1") != std::string::npos);
    BOOST_REQUIRE(sink.wait_for(1, 20s));
    BOOST_TEST(client.post_form(page + "/messages", no_group).status == 422u);
}

BOOST_AUTO_TEST_CASE(the_staff_page_lists_the_register_and_invites_only_the_ticked_organisations) {
    app.database.execute(
        "insert into organisations (id, name, locality, area) values"
        " (4, 'Vä Hembygdsförening', 'Vä', 'rural');"
        "insert into contacts (organisation_id, name, email) values"
        " (4, 'Ulla Vä', 'ulla@va.example')");
    auto const page = "/staff/events/" + std::to_string(event) + "/invitations";
    auto const shown = client.get(page);
    BOOST_REQUIRE_EQUAL(shown.status, 200u);
    for (auto const text :
         {"Välj organisationer (4 i registret)", "value=\"selected\"", "Åhus Byalag",
          "2 kontakter med e-post", "Vä, landsbygd · 1 kontakt med e-post",
          "name=\"organisation_ids\" value=\"4\">",
          // No contact, no invitation: shown, but it cannot be ticked, and the page says why.
          "name=\"organisation_ids\" value=\"3\" disabled>",
          "kan inte väljas: ingen kontaktperson med e-post"})
        BOOST_TEST(shown.body.find(text) != std::string::npos, text);

    auto const sent = client.post_form(page, {{"csrf_token", csrf.at("X-CSRF-Token")},
                                              {"audience", "selected"},
                                              {"organisation_ids", "1"},
                                              {"organisation_ids", "4"},
                                              {"extra", ""}});
    BOOST_REQUIRE_EQUAL(sent.status, 303u);
    BOOST_TEST(sent.header("location").find("queued_now=3") != std::string::npos);
    // Exactly the contacts of the two ticked organisations: Degeberga IF is left out.
    auto const invited =
        "select count(*) from invitations where event_id = " + std::to_string(event) + " and ";
    BOOST_TEST(app.database.scalar(invited + "true") == 3);
    BOOST_TEST(app.database.scalar(invited +
                                   "((organisation_id = 1 and email in ('asa@byalag.example',"
                                   " 'bo@byalag.example')) or (organisation_id = 4 and email ="
                                   " 'ulla@va.example'))") == 3);
    BOOST_TEST(app.database.scalar("select count(*) from outbox where template = 'invitation'") ==
               3);
    BOOST_TEST(app.database.scalar("select count(*) from outbox where template = 'invitation' and"
                                   " recipient_email in ('asa@byalag.example', 'bo@byalag.example',"
                                   " 'ulla@va.example')") == 3);
    BOOST_TEST(app.database.scalar("select count(*) from audit_log where action ="
                                   " 'invitations.send' and detail->'organisation_ids' ="
                                   " '[1, 4]'::jsonb") == 1);
    BOOST_REQUIRE(sink.wait_for(3, 20s));
}

BOOST_AUTO_TEST_CASE(the_staff_page_lists_a_register_of_kristianstads_size_in_one_scroll_box) {
    // A few hundred organisations, as Kristianstad's register has, two contacts each.
    app.database.execute(
        "insert into organisations (id, name, locality, area) select 100 + n, 'Förening ' || n,"
        " case when n % 2 = 0 then 'Åhus' else 'Kristianstad' end,"
        " case when n % 2 = 0 then 'rural' else 'urban' end from generate_series(1, 600) n;"
        "insert into contacts (organisation_id, name, email) select o.id, 'Kontakt ' || k,"
        " 'k' || k || '.' || o.id || '@forening.example' from organisations o,"
        " generate_series(1, 2) k where o.name like 'Förening %'");
    auto const started = std::chrono::steady_clock::now();
    auto const shown = client.get("/staff/events/" + std::to_string(event) + "/invitations");
    auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    BOOST_REQUIRE_EQUAL(shown.status, 200u);
    BOOST_TEST_MESSAGE("invitation page with 603 organisations: " << ms << " ms, "
                                                                  << shown.body.size() << " bytes");
    std::size_t boxes = 0;
    for (auto at = shown.body.find("name=\"organisation_ids\""); at != std::string::npos;
         at = shown.body.find("name=\"organisation_ids\"", at + 1))
        ++boxes;
    BOOST_TEST(boxes == 603u);
    BOOST_TEST(shown.body.find("Välj organisationer (603 i registret)") != std::string::npos);
    BOOST_TEST(shown.body.find("class=\"picker-list\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_staff_page_refuses_a_bad_selection_in_swedish_and_keeps_the_choices) {
    auto const page = "/staff/events/" + std::to_string(event) + "/invitations";
    auto const token = csrf.at("X-CSRF-Token");
    using form = std::vector<std::pair<std::string, std::string>>;
    auto const nothing = client.post_form(
        page, form{{"csrf_token", token}, {"audience", "selected"}, {"resend", "on"}});
    BOOST_REQUIRE_EQUAL(nothing.status, 422u);
    for (auto const text : {"class=\"error-summary\"", "Inbjudningarna skickades inte",
                            "<a href=\"#organisations\">Kryssa i minst en organisation i listan",
                            "id=\"audience-selected\" name=\"audience\" value=\"selected\" checked",
                            "id=\"resend\" name=\"resend\" checked", "id=\"organisations\" open"})
        BOOST_TEST(nothing.body.find(text) != std::string::npos, text);
    BOOST_TEST(nothing.body.find("value=\"all\" checked") == std::string::npos);

    auto const unknown = client.post_form(page, form{{"csrf_token", token},
                                                     {"audience", "selected"},
                                                     {"organisation_ids", "2"},
                                                     {"organisation_ids", "999"}});
    BOOST_REQUIRE_EQUAL(unknown.status, 422u);
    BOOST_TEST(unknown.body.find("En vald organisation (id 999) finns inte i registret") !=
               std::string::npos);
    BOOST_TEST(unknown.body.find("value=\"2\" checked") != std::string::npos);  // kept

    auto const no_contact = client.post_form(
        page, form{{"csrf_token", token}, {"audience", "selected"}, {"organisation_ids", "3"}});
    BOOST_TEST(no_contact.status == 422u);
    BOOST_TEST(no_contact.body.find("Tom Förening har ingen kontaktperson med e-postadress") !=
               std::string::npos);
    // Ticked organisations with "Alla" chosen would invite everyone: ask instead.
    auto const mixed = client.post_form(
        page, form{{"csrf_token", token}, {"audience", "all"}, {"organisation_ids", "1"}});
    BOOST_TEST(mixed.status == 422u);
    BOOST_TEST(mixed.body.find("Du har kryssat i organisationer men valt en annan") !=
               std::string::npos);
    auto const garbage = client.post_form(
        page, form{{"csrf_token", token}, {"audience", "selected"}, {"organisation_ids", "1x"}});
    BOOST_TEST(garbage.status == 422u);
    auto const no_extra = client.post_form(page, form{{"csrf_token", token}, {"audience", "none"}});
    BOOST_TEST(no_extra.status == 422u);
    BOOST_TEST(no_extra.body.find("Skriv in minst en extra mottagare") != std::string::npos);
    BOOST_TEST(app.database.scalar("select count(*) from invitations") == 0);
    BOOST_TEST(app.database.scalar("select count(*) from outbox") == 0);

    // The API says the same for unknown ids, by field.
    auto const api =
        invite(json::object{{"audience", "selected"}, {"organisation_ids", json::array{2, 999}}});
    BOOST_REQUIRE_EQUAL(api.status, 422u);
    BOOST_TEST(str(api.json().at("fields").at("organisation_ids")).find("999") !=
               std::string::npos);
    BOOST_TEST(app.database.scalar("select count(*) from invitations") == 0);
}

BOOST_AUTO_TEST_CASE(admins_see_failed_mail_and_queue_it_again) {
    auto const refused = invite(
        json::object{{"audience", "selected"},
                     {"extra_recipients", json::array{{{"email", "reject550-gone@example.se"}}}}});
    BOOST_REQUIRE_EQUAL(refused.status, 202u);
    auto const admin = app.add_user("admin@kristianstad.example", "admin");
    auto admin_client = app.client();
    std::map<std::string, std::string> const admin_csrf{
        {"X-CSRF-Token", auth_server::login(admin_client, admin)}};
    json::array failed;
    for (int i = 0; i < 200 && failed.empty(); ++i) {
        std::this_thread::sleep_for(50ms);
        failed = admin_client.get("/api/v1/outbox?status=failed").json().at("messages").as_array();
    }
    BOOST_REQUIRE_EQUAL(failed.size(), 1u);
    BOOST_TEST(str(failed[0].at("last_error")).starts_with("550"));
    BOOST_TEST(str(failed[0].at("recipient_email")) == "reject550-gone@example.se");
    auto const id = std::to_string(failed[0].at("id").as_int64());
    auto const again =
        admin_client.request("POST", "/api/v1/outbox/" + id + "/requeue", "", "", admin_csrf);
    BOOST_TEST(again.status == 200u);
    BOOST_TEST(app.database.scalar("select count(*) from audit_log where action ="
                                   " 'outbox.requeue'") == 1);
    BOOST_TEST(admin_client.get("/api/v1/outbox?status=bogus").status == 400u);
    BOOST_TEST(client.get("/api/v1/outbox").status == 403u);  // organisers do not see it
    BOOST_TEST(admin_client.get("/admin/outbox?status=failed").status == 200u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace samverkan::test
