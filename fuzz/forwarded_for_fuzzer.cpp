// server/ip_address: address ranges and the client behind trusted proxies. Whatever the
// X-Forwarded-For lines say, the client is the peer or an address they hold, it is never a
// value that is not an address, and its normalised form parses back as an address.
#include "fuzz/fuzz_check.hpp"
#include "server/ip_address.hpp"

#include <stdexcept>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace samverkan;
    using fuzz::expect;
    auto text = fuzz::text_of(data, size);
    // The first line is a trusted-proxies setting, the rest are header lines.
    auto const first = text.find('\n');
    std::vector<server::address_range> trusted;
    try {
        trusted = server::parse_range_list(text.substr(0, first));
    } catch (std::invalid_argument const&) {
        trusted = server::parse_range_list("127.0.0.0/8, ::1, 10.0.0.0/8");
    }
    std::vector<std::string_view> lines;
    for (auto rest = first == std::string_view::npos ? std::string_view{} : text.substr(first + 1);
         !rest.empty();) {
        auto const end = rest.find('\n');
        lines.push_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    auto const peer = asio::ip::make_address("127.0.0.1");
    auto const client = server::forwarded_client(peer, lines, trusted);
    bool named = client == peer;
    for (auto line : lines) {
        while (!named && !line.empty()) {
            auto const comma = line.find(',');
            auto const ip = server::parse_ip(line.substr(0, comma));
            named = ip && *ip == client;
            line = comma == std::string_view::npos ? std::string_view{} : line.substr(comma + 1);
        }
    }
    expect(named, "the client is the peer or an address of the header");
    auto const normal = server::normalised_address(client);
    auto const slash = normal.find('/');
    expect(server::parse_ip(normal.substr(0, slash)).has_value(), "the normal form is an address");
    for (auto const& range : trusted) expect(range.prefix <= 128, "prefixes within the width");
    return 0;
}
