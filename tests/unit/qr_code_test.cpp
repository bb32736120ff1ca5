// The door link's QR code: the matrix's shape for a known version, the finder patterns a
// scanner looks for, and the structure of the SVG and PNG drawn from it (nothing decodes).
#include "modules/core/qr_code.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace samverkan;

namespace {

// The 7 × 7 finder: a dark ring, a light ring, a dark 3 × 3 centre.
bool finder_at(core::qr_matrix const& m, int left, int top) {
    for (int y = 0; y < 7; ++y)
        for (int x = 0; x < 7; ++x) {
            int const ring = std::max(std::abs(x - 3), std::abs(y - 3));
            if (m.dark(left + x, top + y) != (ring != 2)) return false;
        }
    return true;
}

unsigned long u32_at(std::string const& s, std::size_t at) {
    unsigned long v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
    return v;
}

std::size_t count_of(std::string const& text, std::string const& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

std::string const door_link =
    "https://samverkan.example/staff/door/0123456789abcdef0123456789abcdef";

}  // namespace

BOOST_AUTO_TEST_SUITE(qr_code)

BOOST_AUTO_TEST_CASE(the_side_follows_the_version) {
    auto const v1 = core::qr_encode("HELLO", 1);
    BOOST_TEST(v1.version == 1);
    BOOST_TEST(v1.size == 21);
    BOOST_TEST(v1.modules.size() == 21u * 21u);
    auto const v5 = core::qr_encode("HELLO", 5);
    BOOST_TEST(v5.version == 5);
    BOOST_TEST(v5.size == 37);
    auto const link = core::qr_encode(door_link);
    BOOST_TEST(link.size == 17 + 4 * link.version);
    BOOST_TEST(link.version <= 5);  // small enough to scan from a phone screen
}

BOOST_AUTO_TEST_CASE(finder_patterns_sit_in_three_corners_and_not_the_fourth) {
    auto const m = core::qr_encode(door_link);
    BOOST_TEST(finder_at(m, 0, 0));
    BOOST_TEST(finder_at(m, m.size - 7, 0));
    BOOST_TEST(finder_at(m, 0, m.size - 7));
    BOOST_TEST(!finder_at(m, m.size - 7, m.size - 7));
}

BOOST_AUTO_TEST_CASE(too_much_text_is_refused) {
    BOOST_CHECK_THROW((void)core::qr_encode(std::string(5000, 'a')), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_svg_is_one_crisp_path_named_by_an_escaped_title) {
    auto const m = core::qr_encode(door_link);
    auto const svg = core::qr_svg(m, "Koden för <insläpp> & \"dörr\"", 180);
    auto const side = std::to_string(m.size + 2 * core::qr_quiet_zone);
    BOOST_TEST(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    BOOST_TEST(svg.ends_with("</svg>"));
    BOOST_TEST(count_of(svg, "<path ") == 1u);
    BOOST_TEST(count_of(svg, "role=\"img\"") == 1u);
    BOOST_TEST(count_of(svg, "shape-rendering=\"crispEdges\"") == 1u);
    BOOST_TEST(count_of(svg, "viewBox=\"0 0 " + side + " " + side + "\"") == 1u);
    BOOST_TEST(count_of(svg, "width=\"180\" height=\"180\"") == 1u);
    BOOST_TEST(count_of(svg, "<title>Koden för &lt;insläpp&gt; &amp; &quot;dörr&quot;</title>") ==
               1u);
    BOOST_TEST(count_of(svg, "M4 4h7v1h-7z") == 1u);  // the top left finder's first row
}

BOOST_AUTO_TEST_CASE(the_png_has_its_signature_and_a_header_of_the_right_size) {
    auto const m = core::qr_encode(door_link);
    auto const png = core::qr_png(m, 6);
    BOOST_REQUIRE(png.size() > 8 + 25 + 12);
    BOOST_TEST(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    BOOST_TEST(u32_at(png, 8) == 13u);
    BOOST_TEST(png.substr(12, 4) == "IHDR");
    auto const side = static_cast<unsigned long>((m.size + 2 * core::qr_quiet_zone) * 6);
    BOOST_TEST(u32_at(png, 16) == side);
    BOOST_TEST(u32_at(png, 20) == side);
    BOOST_TEST(png[24] == 1);  // bit depth
    BOOST_TEST(png[25] == 0);  // greyscale
    BOOST_TEST(png.substr(37, 4) == "IDAT");
    BOOST_TEST(png.substr(png.size() - 8, 4) == "IEND");
    BOOST_TEST(png.size() < 2000u);  // a small inline part in every confirmation
    BOOST_CHECK_THROW((void)core::qr_png(m, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
