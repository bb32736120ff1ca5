// The bytes of a response on the wire: framing decided from the body actually sent.
#include "server/wire_format.hpp"

#include "server/response.hpp"

#include <boost/test/unit_test.hpp>

using namespace samverkan::server;

BOOST_AUTO_TEST_SUITE(wire_format)

BOOST_AUTO_TEST_CASE(a_response_is_status_line_fields_length_and_body) {
    auto res = html_response(200, "<p>Hej</p>");
    res.set("X-Request-Id", "abc");
    std::string out = "left over from the previous request";
    write_wire_format(res, false, out);
    BOOST_TEST(out.starts_with("HTTP/1.1 200 OK\r\n"));
    BOOST_TEST(out.find("Content-Type: text/html; charset=utf-8\r\n") != std::string::npos);
    BOOST_TEST(out.find("X-Request-Id: abc\r\n") != std::string::npos);
    BOOST_TEST(out.ends_with("Content-Length: 10\r\n\r\n<p>Hej</p>"));
    BOOST_TEST(out.find("left over") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_length_follows_the_body_even_when_a_handler_changed_it_late) {
    auto res = text_response(200, "kort", "text/plain");
    res.body() = "en längre text";  // after prepare_payload set 4
    std::string out;
    write_wire_format(res, false, out);
    BOOST_TEST(out.find("Content-Length: 4\r\n") == std::string::npos);
    BOOST_TEST(out.ends_with("Content-Length: 15\r\n\r\nen längre text"));
}

BOOST_AUTO_TEST_CASE(head_keeps_the_length_and_sends_no_body) {
    auto res = html_response(200, "<p>Hej</p>");
    res.content_length(10);
    std::string out;
    write_wire_format(res, true, out);
    BOOST_TEST(out.find("Content-Length: 10\r\n") != std::string::npos);
    BOOST_TEST(out.ends_with("\r\n\r\n"));
    BOOST_TEST(out.find("<p>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(not_modified_and_no_content_carry_neither_length_nor_body) {
    for (unsigned status : {204u, 304u}) {
        auto const res = empty_response(status);
        std::string out;
        write_wire_format(res, false, out);
        BOOST_TEST(out.find("Content-Length") == std::string::npos);
        BOOST_TEST(out.ends_with("\r\n\r\n"));
    }
}

BOOST_AUTO_TEST_CASE(connection_close_is_written_when_keep_alive_ends) {
    auto res = empty_response(303);
    res.keep_alive(false);
    std::string out;
    write_wire_format(res, false, out);
    BOOST_TEST(out.starts_with("HTTP/1.1 303 See Other\r\n"));
    BOOST_TEST(out.find("Connection: close\r\n") != std::string::npos);
    BOOST_TEST(out.ends_with("Content-Length: 0\r\n\r\n"));
}

BOOST_AUTO_TEST_SUITE_END()
