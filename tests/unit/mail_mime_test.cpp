// MIME building blocks without any I/O: encodings, line limits, header safety, calendar.
#include "modules/core/icalendar.hpp"
#include "modules/mail/mail_settings.hpp"
#include "modules/mail/mail_templates.hpp"
#include "modules/mail/mime.hpp"

#include <boost/json/object.hpp>
#include <boost/test/unit_test.hpp>

#include <sstream>

namespace samverkan::mail {

namespace {

std::vector<std::string> crlf_split(std::string const& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (auto pos = text.find("\r\n"); pos != std::string::npos; pos = text.find("\r\n", start)) {
        lines.push_back(text.substr(start, pos - start));
        start = pos + 2;
    }
    lines.push_back(text.substr(start));
    return lines;
}

mime_message sample() {
    mime_message m;
    m.from_name = "Samverkan Kristianstad";
    m.from_address = "samverkan@kristianstad.example";
    m.to_name = "Åsa Öberg";
    m.to_address = "asa@example.se";
    m.subject = "Bekräftelse: Tematräff – psykisk hälsa";
    m.text = "Hej Åsa!\nRad två\n";
    m.html = "<p>Hej Åsa!</p>";
    m.message_id = "outbox-1.1780000000@kristianstad.example";
    m.date = 1780000000;
    return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mail_mime)

BOOST_AUTO_TEST_CASE(non_ascii_subjects_become_utf8_encoded_words_within_75_characters) {
    std::string const subject(120, 'x');
    auto const encoded = encode_header_text("Tematräff " + subject + " åäö", 9);
    for (auto const& line : crlf_split(encoded)) {
        auto const word = line.starts_with(" ") ? line.substr(1) : line;
        BOOST_TEST(word.starts_with("=?UTF-8?B?"));
        BOOST_TEST(word.ends_with("?="));
        BOOST_TEST(word.size() <= 75u);
    }
    BOOST_TEST(encode_header_text("Plain subject", 9) == "Plain subject");
}

BOOST_AUTO_TEST_CASE(encoded_words_never_split_a_utf8_character) {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "å";  // 2 bytes each, 80 bytes in all
    auto const encoded = encode_header_text(text, 9);
    BOOST_TEST(crlf_split(encoded).size() == 2u);  // 44 + 36 bytes: both even, no split
}

BOOST_AUTO_TEST_CASE(display_names_are_quoted_or_encoded_as_needed) {
    BOOST_TEST(format_mailbox("Anna Andersson", "anna@example.se", 4) ==
               "Anna Andersson <anna@example.se>");
    BOOST_TEST(format_mailbox("Andersson, Anna \"A\"", "anna@example.se", 4) ==
               "\"Andersson, Anna \\\"A\\\"\" <anna@example.se>");
    BOOST_TEST(format_mailbox("Åsa", "a@example.se", 4).starts_with("=?UTF-8?B?"));
    BOOST_TEST(format_mailbox("", "a@example.se", 4) == "a@example.se");
}

BOOST_AUTO_TEST_CASE(line_breaks_in_user_text_are_neutralised_for_headers) {
    BOOST_TEST(neutralise_header_text("Hej\r\nBcc: evil@example.se\t x ") ==
               "Hej Bcc: evil@example.se x");
    auto m = sample();
    m.to_name = "Eve\r\nBcc: evil@example.se";
    m.subject = "Hi\nX-Evil: 1";
    auto const built = build_mime(m);
    auto const head = built.substr(0, built.find("\r\n\r\n"));
    for (auto const& line : crlf_split(head)) {
        BOOST_TEST(!line.starts_with("Bcc"));
        BOOST_TEST(!line.starts_with("X-Evil"));
    }
}

BOOST_AUTO_TEST_CASE(line_breaks_in_addresses_are_refused) {
    auto m = sample();
    m.to_address = "a@example.se\r\nBcc: evil@example.se";
    BOOST_CHECK_THROW((void)build_mime(m), std::invalid_argument);
    m = sample();
    m.message_id = "x\r\nBcc: evil@example.se";
    BOOST_CHECK_THROW((void)build_mime(m), std::invalid_argument);
    m = sample();
    m.list_unsubscribe_url = "https://x.example/u\r\nBcc: e@example.se";
    BOOST_CHECK_THROW((void)build_mime(m), std::invalid_argument);
    BOOST_TEST(!header_safe(std::string_view{"a\0b", 3}));
}

BOOST_AUTO_TEST_CASE(quoted_printable_keeps_lines_within_76_and_crlf_only) {
    std::string text =
        std::string(200, 'a') + "\nåäö = trailing   \n" + std::string(90, 0x7F) + "\n";
    auto const qp = quoted_printable(text);
    BOOST_TEST(qp.find('\n') == qp.find("\r\n") + 1);
    for (auto const& line : crlf_split(qp)) {
        BOOST_TEST(line.size() <= 76u);
        BOOST_TEST(!line.ends_with(" "));
    }
    BOOST_TEST(qp.find("=C3=A5=C3=A4=C3=B6 =3D trailing  =20") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bare_lf_and_cr_become_crlf) {
    BOOST_TEST(crlf_lines("a\nb\rc\r\nd") == "a\r\nb\r\nc\r\nd");
}

BOOST_AUTO_TEST_CASE(base64_matches_rfc_4648_vectors) {
    BOOST_TEST(base64("") == "");
    BOOST_TEST(base64("f") == "Zg==");
    BOOST_TEST(base64("fo") == "Zm8=");
    BOOST_TEST(base64("foobar") == "Zm9vYmFy");
    for (auto const& line : crlf_split(base64_lines(std::string(500, 'x'))))
        BOOST_TEST(line.size() <= 76u);
}

BOOST_AUTO_TEST_CASE(dates_are_rfc_5322) {
    BOOST_TEST(rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
}

BOOST_AUTO_TEST_CASE(multipart_structure_has_alternative_inside_mixed_with_attachment) {
    auto m = sample();
    m.attachments.push_back({"text/calendar; charset=UTF-8; method=PUBLISH", "event.ics", "BEGIN"});
    auto const built = build_mime(m);
    BOOST_TEST(built.find("Content-Type: multipart/mixed;") != std::string::npos);
    BOOST_TEST(built.find("Content-Type: multipart/alternative;") != std::string::npos);
    BOOST_TEST(built.find("filename=\"event.ics\"") != std::string::npos);
    BOOST_TEST(built.find("Message-ID: <outbox-1.1780000000@kristianstad.example>") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(inline_images_go_with_the_html_in_a_related_part) {
    auto m = sample();
    m.inline_images.push_back({"image/png", "door-qr.1@kristianstad.example", "qr.png", "PNG"});
    auto const mime = build_mime(m);
    auto const alternative = mime.find("Content-Type: multipart/alternative;");
    auto const plain = mime.find("Content-Type: text/plain");
    auto const related = mime.find("Content-Type: multipart/related;\r\n type=\"text/html\";");
    auto const html = mime.find("Content-Type: text/html");
    auto const image = mime.find(
        "Content-Type: image/png\r\nContent-ID: "
        "<door-qr.1@kristianstad.example>\r\n"
        "Content-Disposition: inline; filename=\"qr.png\"");
    BOOST_TEST((alternative < plain && plain < related && related < html && html < image));
    BOOST_TEST(image != std::string::npos);
    for (auto const& line : crlf_split(mime.substr(mime.find("\r\n\r\n"))))
        BOOST_TEST(line.size() <= 76u);  // body lines, part headers included
    m.inline_images.back().content_id = "a>\r\nBcc: x@example.se";
    BOOST_CHECK_THROW((void)build_mime(m), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(calendar_text_is_escaped_and_folded_at_75_octets) {
    BOOST_TEST(core::ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
    core::calendar_entry e;
    e.uid = "event-1@example.se";
    e.title = std::string(100, 'a') + "ååå";
    e.starts_at = 1781362800;  // 2026-06-13 15:00 UTC
    e.ends_at = 1781371800;
    auto const ics = core::icalendar({e});
    for (auto const& line : crlf_split(ics)) BOOST_TEST(line.size() <= 75u);
    BOOST_TEST(ics.find("DTSTART;TZID=Europe/Stockholm:20260613T170000") != std::string::npos);
    BOOST_TEST(ics.find("DTEND;TZID=Europe/Stockholm:20260613T193000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(settings_parse_the_sender_and_durations) {
    mail_settings s;
    s.mail_from = "\"Samverkan Kristianstad\" <samverkan@kristianstad.example>";
    s.give_up_after_text = "90m";
    s.smtp_url = "smtp://127.0.0.1:2525";
    s.finish();
    BOOST_TEST(s.from_name == "Samverkan Kristianstad");
    BOOST_TEST(s.from_address == "samverkan@kristianstad.example");
    BOOST_TEST(s.give_up_after.count() == 5400);
    BOOST_TEST(static_cast<int>(s.tls_mode) == static_cast<int>(starttls::opportunistic));
    s.smtp_url = "smtp://mail.example.se:587";
    s.finish();
    BOOST_TEST(static_cast<int>(s.tls_mode) == static_cast<int>(starttls::required));
    s.mail_from = "Eve <eve@example.se>\r\nBcc: x@example.se";
    BOOST_CHECK_THROW(s.finish(), std::runtime_error);
    BOOST_TEST(parse_duration_seconds("24h") == 86400);
    BOOST_TEST(parse_duration_seconds("x") == -1);
}

BOOST_AUTO_TEST_CASE(every_template_renders_in_both_languages) {
    template_library const templates{SAMVERKAN_DEFAULT_MAIL_TEMPLATES_DIR};
    boost::json::object data{{"recipient_name", "Åsa & <Öberg>"},
                             {"event", {{"title", "Träff"}, {"date", "lördag 13 juni 2026"}}},
                             {"subject", "Ämne"}};
    for (auto const name : {"invitation", "confirmation", "waitlisted", "promoted", "changed",
                            "cancelled", "event_cancelled", "reminder", "manage_link", "message"}) {
        for (auto const language : {"sv", "en"}) {
            auto const r = templates.render(name, language, data);
            BOOST_TEST(!r.subject.empty());
            BOOST_TEST(r.subject.find('\n') == std::string::npos);
            BOOST_TEST(r.text.find("Åsa & <Öberg>") != std::string::npos);            // text: as is
            BOOST_TEST(r.html.find("Åsa &amp; &lt;Öberg&gt;") != std::string::npos);  // escaped
            BOOST_TEST(r.html.find("<!DOCTYPE html>") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace samverkan::mail
