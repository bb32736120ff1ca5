// Strict UTF-8 at the edge, and the log's repair of anything else.
#include "modules/core/text.hpp"

#include "server/utf8.hpp"

#include <boost/test/unit_test.hpp>

using namespace samverkan;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(only_well_formed_utf8_is_valid) {
    BOOST_TEST(server::valid_utf8("Åsa Öberg – Malmö €"));
    BOOST_TEST(server::valid_utf8("\xF0\x9F\x98\x80"));   // U+1F600
    BOOST_TEST(!server::valid_utf8("\xC0\xAF"));          // overlong '/'
    BOOST_TEST(!server::valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
    BOOST_TEST(!server::valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
    BOOST_TEST(!server::valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    BOOST_TEST(!server::valid_utf8("\xF5\x80\x80\x80"));
    BOOST_TEST(!server::valid_utf8("\x80"));     // a stray continuation byte
    BOOST_TEST(!server::valid_utf8("abc\xC3"));  // cut short
}

BOOST_AUTO_TEST_CASE(repair_replaces_each_bad_byte_and_keeps_the_rest) {
    BOOST_TEST(server::repair_utf8("a\xC0\xAF"
                                   "b") ==
               "a\xEF\xBF\xBD\xEF\xBF\xBD"
               "b");
    BOOST_TEST(server::repair_utf8("Åsa") == "Åsa");
    BOOST_TEST(server::valid_utf8(server::repair_utf8("\xFF\xFE\xED\xA0\x80 ok")));
}

BOOST_AUTO_TEST_CASE(clean_text_refuses_controls_and_bad_bytes) {
    BOOST_TEST(core::clean_text("Åsa Öberg", false));
    BOOST_TEST(!core::clean_text("Åsa\nÖberg", false));
    BOOST_TEST(core::clean_text("rad 1\nrad 2", true));
    BOOST_TEST(!core::clean_text("a\xC0\xAF", true));
    BOOST_TEST(core::trim("  Åsa \t") == "Åsa");
    BOOST_TEST(core::lower_ascii("Anna@Example.ORG") == "anna@example.org");
}

BOOST_AUTO_TEST_SUITE_END()
