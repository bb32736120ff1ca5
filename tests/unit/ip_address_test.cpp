#include "server/ip_address.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace samverkan;
using server::forwarded_client;
using server::normalised_address;
using server::parse_ip;
using server::parse_range;

namespace {

asio::ip::address ip(char const* text) {
    return asio::ip::make_address(text);
}

std::string client(char const* peer, std::vector<std::string_view> const& lines,
                   char const* trusted) {
    return forwarded_client(ip(peer), lines, server::parse_range_list(trusted)).to_string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ip_address)

BOOST_AUTO_TEST_CASE(only_plain_address_literals_are_addresses) {
    BOOST_TEST(parse_ip("192.0.2.7")->to_string() == "192.0.2.7");
    BOOST_TEST(parse_ip(" 2001:db8::1 ")->to_string() == "2001:db8::1");
    for (auto const* junk : {"", " ", "unknown", "localhost", "192.0.2.7:8080", "[2001:db8::1]",
                             "fe80::1%eth0", "192.0.2", "192.0.2.256", "1.2.3.4.5", "_hidden",
                             "2001:db8::1::2", "192.0.2.7, 192.0.2.8"})
        BOOST_TEST(!parse_ip(junk), "'" << junk << "' taken as an address");
}

BOOST_AUTO_TEST_CASE(an_ipv4_mapped_ipv6_address_is_the_ipv4_address) {
    auto const mapped = parse_ip("::ffff:192.0.2.7");
    BOOST_TEST_REQUIRE(mapped.has_value());
    BOOST_TEST(mapped->is_v4());
    BOOST_TEST(*mapped == ip("192.0.2.7"));
    BOOST_TEST(normalised_address(ip("::ffff:192.0.2.7")) == "192.0.2.7");
}

BOOST_AUTO_TEST_CASE(ipv6_addresses_are_grouped_by_their_64_bit_prefix) {
    BOOST_TEST(normalised_address(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")) == "2001:db8:1:2::/64");
    BOOST_TEST(normalised_address(ip("2001:db8:1:2::1")) ==
               normalised_address(ip("2001:db8:1:2:ffff::9")));
    BOOST_TEST(normalised_address(ip("2001:db8:1:3::1")) !=
               normalised_address(ip("2001:db8:1:2::1")));
    BOOST_TEST(normalised_address(ip("198.51.100.4")) == "198.51.100.4");
}

BOOST_AUTO_TEST_CASE(ranges_match_by_their_prefix_in_both_families) {
    auto const ten = parse_range("10.0.0.0/8");
    BOOST_TEST_REQUIRE(ten.has_value());
    BOOST_TEST(ten->contains(ip("10.255.3.4")));
    BOOST_TEST(!ten->contains(ip("11.0.0.1")));
    BOOST_TEST(ten->contains(ip("::ffff:10.1.2.3")));  // the same client on a dual-stack socket
    BOOST_TEST(!ten->contains(ip("::a00:1")));         // an IPv6 address is not in an IPv4 range
    auto const v6 = parse_range("2001:db8:abcd::/48");
    BOOST_TEST_REQUIRE(v6.has_value());
    BOOST_TEST(v6->contains(ip("2001:db8:abcd:12::1")));
    BOOST_TEST(!v6->contains(ip("2001:db8:abce::1")));
    auto const one = parse_range("192.0.2.7");
    BOOST_TEST_REQUIRE(one.has_value());
    BOOST_TEST(one->prefix == 32u);
    BOOST_TEST(one->contains(ip("192.0.2.7")));
    BOOST_TEST(!one->contains(ip("192.0.2.8")));
    // Host bits in the network are cleared, as routers read it; odd prefixes work.
    BOOST_TEST(parse_range("172.16.5.9/12")->contains(ip("172.31.255.255")));
    BOOST_TEST(!parse_range("172.16.5.9/12")->contains(ip("172.32.0.0")));
    BOOST_TEST(parse_range("0.0.0.0/0")->contains(ip("203.0.113.1")));
    BOOST_TEST(parse_range("::ffff:10.0.0.0/104")->contains(ip("10.9.9.9")));
}

BOOST_AUTO_TEST_CASE(bad_ranges_are_refused_naming_the_item) {
    for (auto const* bad : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/8/8",
                            "example.org/24", "::ffff:10.0.0.0/95", "10.0.0.0/-1"})
        BOOST_TEST(!parse_range(bad), bad);
    BOOST_TEST(server::parse_range_list(" 127.0.0.1, ::1 ,10.0.0.0/8,").size() == 3u);
    BOOST_TEST(server::parse_range_list("").empty());
    try {
        (void)server::parse_range_list("127.0.0.1, proxy.local");
        BOOST_FAIL("a name was taken as a range");
    } catch (std::invalid_argument const& e) {
        BOOST_TEST(std::string{e.what()}.find("'proxy.local'") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(an_untrusted_peer_is_the_client_whatever_it_forwards) {
    BOOST_TEST(client("198.51.100.4", {"203.0.113.9"}, "127.0.0.1") == "198.51.100.4");
}

BOOST_AUTO_TEST_CASE(the_first_untrusted_address_from_the_right_is_the_client) {
    // The client wrote "1.1.1.1, 2.2.2.2"; our proxy appended the address it saw.
    BOOST_TEST(client("127.0.0.1", {"1.1.1.1, 2.2.2.2, 198.51.100.4"}, "127.0.0.1") ==
               "198.51.100.4");
    // Two hops of our own, named by range: the client is left of both.
    BOOST_TEST(client("127.0.0.1", {"1.1.1.1, 198.51.100.4, 10.1.2.3"}, "127.0.0.1,10.0.0.0/8") ==
               "198.51.100.4");
    // HAProxy and others add a header line instead of appending: the lines are one list.
    BOOST_TEST(client("127.0.0.1", {"1.1.1.1", "198.51.100.4"}, "127.0.0.1") == "198.51.100.4");
    BOOST_TEST(client("127.0.0.1", {"1.1.1.1, 2.2.2.2", "198.51.100.4, 10.0.0.8"},
                      "127.0.0.1, 10.0.0.0/8") == "198.51.100.4");
    BOOST_TEST(client("::1", {"2001:db8::5"}, "::1") == "2001:db8::5");
    BOOST_TEST(client("::ffff:127.0.0.1", {"198.51.100.4"}, "127.0.0.1") == "198.51.100.4");
}

BOOST_AUTO_TEST_CASE(a_value_that_is_not_an_address_stops_the_walk_at_the_last_trusted_hop) {
    BOOST_TEST(client("127.0.0.1", {"198.51.100.4, unknown"}, "127.0.0.1") == "127.0.0.1");
    BOOST_TEST(client("127.0.0.1", {"198.51.100.4, 10.0.0.8, bogus", "10.0.0.9"},
                      "127.0.0.1,10.0.0.0/8") == "10.0.0.9");
    BOOST_TEST(client("127.0.0.1", {"198.51.100.4:5555"}, "127.0.0.1") == "127.0.0.1");
    // Empty elements say nothing and are passed over.
    BOOST_TEST(client("127.0.0.1", {" , 198.51.100.4 ,"}, "127.0.0.1") == "198.51.100.4");
    BOOST_TEST(client("127.0.0.1", {}, "127.0.0.1") == "127.0.0.1");
    BOOST_TEST(client("127.0.0.1", {""}, "127.0.0.1") == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(when_every_hop_is_trusted_the_leftmost_is_the_client) {
    BOOST_TEST(client("127.0.0.1", {"10.0.0.1, 10.0.0.2"}, "127.0.0.1,10.0.0.0/8") == "10.0.0.1");
}

BOOST_AUTO_TEST_SUITE_END()
