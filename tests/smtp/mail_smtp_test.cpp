// The outbox sender against a real SMTP server (aiosmtpd) and a real PostgreSQL, with every
// received message parsed by Python's MIME parser.
#include "modules/core/database.hpp"
#include "modules/mail/mail.hpp"
#include "modules/mail/mail_types.hpp"
#include "modules/mail/smtp_transport.hpp"
#include "tests/smtp/mail_test_support.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include <set>
#include <thread>

namespace samverkan::test {

namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

std::string str(json::value const& v) {
    return v.is_string() ? std::string{v.get_string()} : std::string{};
}

json::array const& messages_of(json::value const& parsed) {
    return parsed.at("messages").as_array();
}

void enqueue(test_database& t, mail::outbox_message const& m) {
    t.db().in_transaction([&](soci::session& sql) { BOOST_REQUIRE(mail::enqueue(sql, m)); });
}

mail::outbox_message simple(std::string key, std::string email, long long event_id = 0) {
    mail::outbox_message m;
    m.idempotency_key = std::move(key);
    m.template_name = "manage_link";
    m.recipient_email = std::move(email);
    m.recipient_name = "Åsa Öberg";
    // What the door asks of a manage_link payload (sql/functions/20_mail.sql).
    json::object payload{{"event", json::object{{"id", event_id}}},
                         {"registration_id", 1},
                         {"contact_name", "Åsa Öberg"},
                         {"manage_url", "https://samverkan.example/r/abc"}};
    m.payload_json = json::serialize(payload);
    return m;
}

constexpr char const* door_code = "0123456789abcdef0123456789abcdef";

// Everything a template may use, plus needs that must never reach a mail.
std::string full_payload(long long event_id) {
    json::object p{
        {"event", {{"id", event_id}}},
        {"registration_id", 41},
        {"invitation_id", 7},
        {"message_id", 3},
        {"attendee_id", 1},
        {"attendee_name", "Örjan Ärlig"},
        {"contact_name", "Åsa Öberg"},
        {"organisation_name", "Tosteberga Byalag för äldre"},
        {"attendees", json::array{{{"id", 1},
                                   {"name", "Örjan Ärlig"},
                                   {"status", "confirmed"},
                                   {"dietary", json::array{"vegan"}},
                                   {"accessibility", "hörslinga"}},
                                  {{"id", 2}, {"name", "Märta Ström"}, {"status", "waitlisted"}}}},
        {"status", "partially_waitlisted"},
        {"manage_url", "https://samverkan.example/r/tok"},
        {"invitation_url", "https://samverkan.example/events/1/register?invitation=tok"},
        {"unsubscribe_url", "https://samverkan.example/unsubscribe/tok"},
        {"reason", "Lokalen är översvämmad"},
        {"subject", "Viktigt inför träffen – läs före fredag"},
        {"body", "Hej!\nVi ses på Rådhuset, våning 6.\nMed vänliga hälsningar, Åke"},
        {"dietary", json::array{"gluten_free"}},
        {"dietary_other", "inga jordnötter"},
        {"accessibility", "rullstolsplats"},
        {"door_code", door_code}};
    return json::serialize(p);
}

bool contains(std::string const& text, std::string const& part) {
    return text.find(part) != std::string::npos;
}

// The door link's QR code: an inline PNG beside the HTML in a multipart/related, shown by
// its Content-ID, with a text alternative; the plain text gives the link itself.
void check_door_image(json::object const& m) {
    BOOST_TEST(str(m.at("structure")) ==
               "multipart/mixed(multipart/alternative(text/plain,"
               "multipart/related(text/html,image/png)),text/calendar)");
    std::string cid, html, text;
    for (auto const& v : m.at("parts").as_array()) {
        auto const& p = v.as_object();
        auto const type = str(p.at("content_type"));
        if (type == "image/png") {
            cid = str(p.at("content_id"));
            BOOST_TEST(str(p.at("disposition")) == "inline");
            BOOST_TEST(p.at("png_ok").as_bool());
            BOOST_TEST(p.at("size").as_int64() > 100);
        }
        if (type == "text/html") html = str(p.at("text"));
        if (type == "text/plain") text = str(p.at("text"));
    }
    BOOST_REQUIRE(cid.size() > 2);
    BOOST_TEST((cid.front() == '<' && cid.back() == '>'));
    BOOST_TEST(contains(html, "src=\"cid:" + cid.substr(1, cid.size() - 2) + "\""));
    auto const link = std::string{"https://samverkan.example/staff/door/"} + door_code;
    BOOST_TEST((contains(html, "alt=\"QR-kod för insläpp på träffen.") ||
                contains(html, "alt=\"QR code for entry to the event.")));
    BOOST_TEST(contains(text, link));
    BOOST_TEST(contains(text, "QR"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mail_smtp,
                      *needs("SAMVERKAN_TEST_DATABASE_URL") * needs("SAMVERKAN_TEST_SMTP_SINK"))

BOOST_AUTO_TEST_CASE(every_template_arrives_as_valid_mime_in_both_languages) {
    test_database t;
    smtp_sink sink;
    auto const event = insert_event(t, "Tematräff: föreningsliv, ökad delaktighet",
                                    "2026-06-13T17:00:00+02:00", "2026-06-13T19:30:00+02:00");
    std::size_t expected = 0;
    for (auto const name : mail::template_names()) {
        for (std::string const language : {"sv", "en"}) {
            mail::outbox_message m;
            m.idempotency_key = std::string{name} + ":" + language;
            m.template_name = std::string{name};
            m.language = language;
            m.recipient_email = "asa.oberg+" + std::string{name} + "-" + language + "@example.se";
            m.recipient_name = "Åsa Öberg";
            m.payload_json = full_payload(event);
            enqueue(t, m);
            ++expected;
        }
    }
    running_sender sender{t, test_mail_settings(sink.url())};
    BOOST_REQUIRE(wait_outbox_settled(t, 20s));
    BOOST_REQUIRE(sink.wait_for(expected, 5s));
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'sent'") ==
               static_cast<long long>(expected));

    std::set<std::string> ids;
    auto const parsed = sink.parsed();
    for (auto const& v : messages_of(parsed)) {
        auto const& m = v.as_object();
        auto const to = str(m.at("to_address"));
        BOOST_TEST_CONTEXT(to) {
            BOOST_TEST(m.at("problems").as_array().empty(), json::serialize(m.at("problems")));
            BOOST_TEST(str(m.at("to_name")) == "Åsa Öberg");
            BOOST_TEST(str(m.at("from")) ==
                       "Samverkan Kristianstad <samverkan@kristianstad.example>");
            BOOST_TEST(str(m.at("envelope_from")) == "samverkan@kristianstad.example");
            BOOST_TEST(str(m.at("envelope_to")) == to);
            bool const message = contains(to, "+message-");
            BOOST_TEST(contains(str(m.at("subject")),
                                message ? "Viktigt inför träffen – läs före fredag"
                                        : "Tematräff: föreningsliv, ökad delaktighet"));
            ids.insert(str(m.at("message_id")));
            int text_parts = 0;
            for (auto const& p : m.at("parts").as_array()) {
                auto const type = str(p.at("content_type"));
                if (type != "text/plain" && type != "text/html") continue;
                ++text_parts;
                auto const body = str(p.at("text"));
                BOOST_TEST(str(p.at("charset")) == "utf-8");
                BOOST_TEST(contains(body, "Åsa Öberg"));
                BOOST_TEST(!contains(body, "vegan"));
                BOOST_TEST(!contains(body, "gluten"));
                BOOST_TEST(!contains(body, "jordnötter"));
                BOOST_TEST(!contains(body, "rullstol"));
                BOOST_TEST(!contains(body, "hörslinga"));
                if (!message)
                    BOOST_TEST(contains(body, "Tematräff: föreningsliv, ökad delaktighet"));
            }
            BOOST_TEST(text_parts == 2);
        }
    }
    BOOST_TEST(ids.size() == expected);
}

BOOST_AUTO_TEST_CASE(confirmation_and_promotion_carry_a_calendar_entry_in_stockholm_time) {
    test_database t;
    smtp_sink sink;
    auto const summer = insert_event(t, "Tematräff; psykisk hälsa, åäö",
                                     "2026-06-13T17:00:00+02:00", "2026-06-13T19:30:00+02:00");
    auto const winter = insert_event(t, "Dialogkonferens", "2027-01-20T09:00:00+01:00",
                                     "2027-01-20T15:30:00+01:00");
    for (auto const& [key, event, name] :
         {std::tuple{"a", summer, "confirmation"}, std::tuple{"b", winter, "promoted"},
          std::tuple{"c", summer, "waitlisted"}}) {
        auto m = simple(key, std::string{"ics-"} + key + "@example.se", event);
        m.template_name = name;
        m.payload_json = full_payload(event);
        enqueue(t, m);
    }
    running_sender sender{t, test_mail_settings(sink.url())};
    BOOST_REQUIRE(sink.wait_for(3, 20s));
    auto const parsed = sink.parsed();
    for (auto const& v : messages_of(parsed)) {
        auto const& m = v.as_object();
        auto const to = str(m.at("to_address"));
        BOOST_TEST_CONTEXT(to) {
            BOOST_TEST(m.at("problems").as_array().empty(), json::serialize(m.at("problems")));
            if (to == "ics-c@example.se") {
                BOOST_TEST(m.at("ics").is_null());  // the waiting list gets no calendar entry
                BOOST_TEST(!contains(str(m.at("structure")), "image/png"));  // nor a door code
                continue;
            }
            BOOST_TEST(str(m.at("content_type")) == "multipart/mixed");
            auto const& ics = m.at("ics").as_object();
            BOOST_TEST(str(ics.at("DTSTART_TZID")) == "Europe/Stockholm");
            BOOST_TEST(ics.at("timezones").as_array().size() == 1u);
            if (to == "ics-a@example.se") {
                BOOST_TEST(str(ics.at("DTSTART")) == "20260613T170000");
                BOOST_TEST(str(ics.at("DTSTART_UTC")) == "2026-06-13T15:00:00Z");
                BOOST_TEST(str(ics.at("DTEND_UTC")) == "2026-06-13T17:30:00Z");
                BOOST_TEST(str(ics.at("SUMMARY")) == "Tematräff; psykisk hälsa, åäö");
                BOOST_TEST(str(ics.at("LOCATION")) ==
                           "Rådhuset, Kaféet, våning 6, Västra Storgatan 6, Kristianstad");
            } else {
                BOOST_TEST(str(ics.at("DTSTART")) == "20270120T090000");
                BOOST_TEST(str(ics.at("DTSTART_UTC")) == "2027-01-20T08:00:00Z");
                BOOST_TEST(str(ics.at("DTEND_UTC")) == "2027-01-20T14:30:00Z");
            }
            BOOST_TEST(str(ics.at("UID")) ==
                       "event-" + std::to_string(to == "ics-a@example.se" ? summer : winter) +
                           "@samverkan.example");
            check_door_image(m);
        }
    }
}

BOOST_AUTO_TEST_CASE(invitation_carries_list_unsubscribe) {
    test_database t;
    smtp_sink sink;
    auto const event =
        insert_event(t, "Tematräff", "2026-06-13T17:00:00+02:00", "2026-06-13T19:30:00+02:00");
    auto m = simple("inv", "ordforande@byalag.example", event);
    m.template_name = "invitation";
    m.payload_json = full_payload(event);
    enqueue(t, m);
    running_sender sender{t, test_mail_settings(sink.url())};
    BOOST_REQUIRE(sink.wait_for(1, 20s));
    auto const parsed = sink.parsed();
    auto const& msg = messages_of(parsed).at(0).as_object();
    BOOST_TEST(str(msg.at("list_unsubscribe")) == "<https://samverkan.example/unsubscribe/tok>");
    BOOST_TEST(str(msg.at("list_unsubscribe_post")) == "List-Unsubscribe=One-Click");
}

BOOST_AUTO_TEST_CASE(a_550_answer_marks_the_message_failed_at_once) {
    test_database t;
    smtp_sink sink;
    enqueue(t, simple("bad", "reject550-nobody@example.se"));
    enqueue(t, simple("good", "somebody@example.se"));
    running_sender sender{t, test_mail_settings(sink.url())};
    BOOST_REQUIRE(wait_outbox_settled(t, 20s));
    BOOST_TEST(t.scalar("select count(*) from outbox where idempotency_key = 'bad' and status = "
                        "'failed' and attempts = 1 and last_error like '550%'") == 1);
    BOOST_TEST(t.scalar("select count(*) from outbox where idempotency_key = 'good' and status = "
                        "'sent'") == 1);
    BOOST_TEST(sink.count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_451_answer_is_retried_with_back_off_and_given_up_after_the_limit) {
    test_database t;
    smtp_sink sink;
    enqueue(t, simple("later", "tempfail451-busy@example.se"));
    auto settings = test_mail_settings(sink.url());
    settings.give_up_after_text = "3s";
    settings.finish();
    running_sender sender{t, settings};
    std::this_thread::sleep_for(1500ms);
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'pending' and attempts >= 1 and"
                        " last_error like '451%' and next_attempt_at > now() - interval '1 s'") ==
               1);
    BOOST_REQUIRE(wait_outbox_settled(t, 15s));
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'failed' and attempts >= 2 and "
                        "last_error like '451%'") == 1);
    BOOST_TEST(sink.count() == 0u);
}

BOOST_AUTO_TEST_CASE(messages_wait_while_smtp_is_down_and_all_arrive_when_it_is_back) {
    test_database t;
    smtp_sink sink;
    sink.stop();
    for (int i = 0; i < 60; ++i)
        enqueue(t, simple("down:" + std::to_string(i), "down" + std::to_string(i) + "@example.se"));
    running_sender sender{t, test_mail_settings(sink.url())};
    std::this_thread::sleep_for(2500ms);
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'pending'") == 60);
    BOOST_TEST(t.scalar("select min(attempts) from outbox") >= 1);
    BOOST_TEST(t.scalar("select count(*) from outbox where last_error is not null") == 60);
    sink.start();
    BOOST_REQUIRE(wait_outbox_settled(t, 30s));
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'sent'") == 60);
    BOOST_REQUIRE(sink.wait_for(60, 5s));
    std::set<std::string> recipients;
    auto const parsed = sink.parsed();
    for (auto const& v : messages_of(parsed)) recipients.insert(str(v.at("envelope_to")));
    BOOST_TEST(recipients.size() == 60u);
    BOOST_TEST(sink.count() == 60u);
}

BOOST_AUTO_TEST_CASE(two_senders_on_one_outbox_send_each_message_exactly_once) {
    test_database t;
    smtp_sink sink;
    t.db().in_transaction([&](soci::session& sql) {
        for (int i = 0; i < 600; ++i) {
            auto const key = "pair:" + std::to_string(i);
            mail::enqueue(sql, simple(key, "pair" + std::to_string(i) + "@example.se"));
        }
    });
    auto settings = test_mail_settings(sink.url());
    settings.batch_size = 10;
    {
        running_sender a{t, settings};
        running_sender b{t, settings};
        BOOST_REQUIRE(wait_outbox_settled(t, 60s));
    }
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'sent'") == 600);
    BOOST_REQUIRE(sink.wait_for(600, 5s));
    std::set<std::string> ids;
    auto const parsed = sink.parsed();
    for (auto const& v : messages_of(parsed)) ids.insert(str(v.at("message_id")));
    BOOST_TEST(sink.count() == 600u);
    BOOST_TEST(ids.size() == 600u);
}

BOOST_AUTO_TEST_CASE(header_injection_through_names_addresses_and_subjects_is_refused) {
    test_database t;
    auto bad_address = simple("x1", "victim@example.se\r\nBcc: evil@example.se");
    auto bad_name = simple("x2", "victim@example.se");
    bad_name.recipient_name = "Eve\r\nBcc: evil@example.se";
    auto dsn =
        simple("x3", "victim@example.se> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;evil@example.se");
    // The door also checks the payload's shape for its template, and knows its templates.
    auto incomplete = simple("x4", "victim@example.se");
    incomplete.payload_json = R"({"event": {"id": 1}, "manage_url": "https://x.example/r/a"})";
    auto unknown = simple("x5", "victim@example.se");
    unknown.template_name = "phishing";
    for (auto const& m : {bad_address, bad_name, dsn, incomplete, unknown}) {
        t.db().in_transaction([&](soci::session& sql) {
            BOOST_CHECK_THROW(mail::enqueue(sql, m), std::invalid_argument);
        });
    }
    // The same door for the modules that queue mail from SQL: the statement fails.
    BOOST_CHECK_THROW(t.execute("select samverkan_mail_enqueue('x6', 'manage_link', 'sv',"
                                " E'a@example.se\r\nBcc: evil@example.se', 'A',"
                                " '{\"event\": {}, \"registration_id\": 1,"
                                " \"contact_name\": \"A\", \"manage_url\": \"u\"}')"),
                      std::exception);
    BOOST_TEST(t.scalar("select count(*) from outbox") == 0);
}

BOOST_AUTO_TEST_CASE(the_door_knows_the_same_templates_as_the_sender) {
    test_database t;
    for (auto const name : mail::template_names()) {
        std::string query = "select count(*) from (select samverkan_mail_payload_keys('";
        query.append(name).append("') k) x where k is not null");
        BOOST_TEST(t.scalar(query) == 1, name);
    }
    BOOST_TEST(t.scalar("select count(*) from (select samverkan_mail_payload_keys('nothing') k) x"
                        " where k is not null") == 0);
}

BOOST_AUTO_TEST_CASE(header_injection_in_stored_values_never_reaches_headers_or_envelope) {
    test_database t;
    smtp_sink sink;
    auto const event = insert_event(t, "Möte\r\nBcc: evil@example.se\r\n\r\nfake body",
                                    "2026-06-13T17:00:00+02:00", "2026-06-13T19:30:00+02:00");
    auto confirmation = simple("title", "victim@example.se", event);
    confirmation.template_name = "confirmation";
    confirmation.payload_json = full_payload(event);
    enqueue(t, confirmation);
    auto message = simple("subject", "victim2@example.se", event);
    message.template_name = "message";
    message.payload_json =
        json::serialize(json::object{{"event", {{"id", event}}},
                                     {"message_id", 1},
                                     {"registration_id", 1},
                                     {"subject", "Hej\r\nBcc: evil@example.se\nX-Evil: 1"},
                                     {"body", "text"},
                                     {"recipient_name", "Eve\r\nBcc: evil@example.se"}});
    enqueue(t, message);
    // Rows written past mail::enqueue (e.g. by hand in SQL) are checked again when sent.
    t.execute(
        "insert into outbox (idempotency_key, template, recipient_email, recipient_name) values"
        " ('raw1', 'manage_link', E'victim3@example.se\\r\\nRCPT TO:<evil@example.se>', 'x'),"
        " ('raw2', 'manage_link', 'victim4@example.se', E'Eve\\r\\nBcc: evil@example.se'),"
        " ('raw3', 'manage_link', 'victim5@example.se> NOTIFY=SUCCESS', 'x')");
    running_sender sender{t, test_mail_settings(sink.url())};
    BOOST_REQUIRE(wait_outbox_settled(t, 20s));
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'failed' and idempotency_key in"
                        " ('raw1', 'raw3')") == 2);
    BOOST_REQUIRE(sink.wait_for(3, 5s));
    BOOST_TEST(sink.count() == 3u);
    auto const parsed = sink.parsed();
    for (auto const& v : messages_of(parsed)) {
        auto const& m = v.as_object();
        BOOST_TEST(m.at("problems").as_array().empty(), json::serialize(m.at("problems")));
        BOOST_TEST(!contains(str(m.at("envelope_to")), "evil"));
        for (auto const& h : m.at("header_names").as_array()) {
            BOOST_TEST(str(h) != "Bcc");
            BOOST_TEST(str(h) != "X-Evil");
        }
        auto const subject = str(m.at("subject"));
        BOOST_TEST(!contains(subject, "\n"));
        BOOST_TEST(!contains(subject, "\r"));
        BOOST_TEST(!contains(str(m.at("to")), "\n"));
    }
}

BOOST_AUTO_TEST_CASE(one_connection_carries_a_whole_batch) {
    smtp_sink sink;
    auto const settings = test_mail_settings(sink.url());
    mail::smtp_transport transport{settings};
    std::string const body =
        "From: a@example.se\r\nTo: b@example.se\r\nSubject: x\r\n\r\n.leading dot\r\nbody\r\n";
    for (int i = 0; i < 25; ++i) {
        std::string to = "b";  // appended, not "b" + …: g++ 12 warns falsely (-Wrestrict)
        to.append(std::to_string(i)).append("@example.se");
        auto const r = transport.send({"a@example.se", {to}}, body, i);
        BOOST_TEST(static_cast<int>(r.outcome) == static_cast<int>(mail::delivery::sent), r.error);
    }
    // A refused recipient does not cost the connection.
    auto const refused = transport.send({"a@example.se", {"reject550-x@example.se"}}, body, 99);
    BOOST_TEST(static_cast<int>(refused.outcome) ==
               static_cast<int>(mail::delivery::permanent_failure));
    auto const after = transport.send({"a@example.se", {"c@example.se"}}, body, 100);
    BOOST_TEST(static_cast<int>(after.outcome) == static_cast<int>(mail::delivery::sent));
    BOOST_TEST(transport.connections_opened() <= 2);
    BOOST_REQUIRE(sink.wait_for(26, 5s));
}

BOOST_AUTO_TEST_CASE(without_an_smtp_url_messages_are_written_as_eml_files) {
    test_database t;
    auto const dir =
        std::filesystem::temp_directory_path() / ("samverkan-eml-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    for (int i = 0; i < 3; ++i)
        enqueue(t, simple("file:" + std::to_string(i), "file" + std::to_string(i) + "@example.se"));
    auto settings = test_mail_settings("");
    settings.mail_dir = dir.string();
    {
        running_sender sender{t, settings};
        BOOST_REQUIRE(wait_outbox_settled(t, 20s));
    }
    BOOST_TEST(t.scalar("select count(*) from outbox where status = 'sent'") == 3);
    auto const parsed = parse_mail(dir.string());
    BOOST_TEST(messages_of(parsed).size() == 3u);
    for (auto const& v : messages_of(parsed)) {
        BOOST_TEST(v.at("problems").as_array().empty(), json::serialize(v.at("problems")));
        BOOST_TEST(contains(str(v.at("subject")), "länk"));
    }
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace samverkan::test
