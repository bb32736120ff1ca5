#include "server/ip_address.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace samverkan::server {

namespace {

using asio::ip::address;

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Only what an address literal can hold: the parser below then never sees a zone id, a
// port, brackets or a name (inet_pton would take some of these, getaddrinfo all).
bool address_characters(std::string_view text) {
    constexpr std::size_t longest = 45;  // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"
    if (text.empty() || text.size() > longest) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
               c == '.' || c == ':';
    });
}

// Clears every bit after the first `prefix` of `bytes`.
template <class Bytes>
void keep_prefix(Bytes& bytes, unsigned prefix) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto const first_bit = static_cast<unsigned>(i * 8);
        if (prefix >= first_bit + 8) continue;
        unsigned const kept = prefix > first_bit ? prefix - first_bit : 0;
        bytes[i] = static_cast<unsigned char>(bytes[i] & (0xFF00u >> kept));
    }
}

address with_prefix(address const& a, unsigned prefix) {
    if (a.is_v4()) {
        auto bytes = a.to_v4().to_bytes();
        keep_prefix(bytes, prefix);
        return asio::ip::address_v4{bytes};
    }
    auto bytes = a.to_v6().to_bytes();
    keep_prefix(bytes, prefix);
    return asio::ip::address_v6{bytes};
}

}  // namespace

std::optional<address> parse_ip(std::string_view text) {
    text = trimmed(text);
    if (!address_characters(text)) return std::nullopt;
    boost::system::error_code ec;
    auto const parsed = asio::ip::make_address(std::string{text}, ec);
    if (ec) return std::nullopt;
    return unmapped(parsed);
}

address unmapped(address const& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
    return a;
}

bool address_range::contains(address const& a) const {
    auto const plain = unmapped(a);
    if (plain.is_v4() != network.is_v4()) return false;
    return with_prefix(plain, prefix) == network;
}

std::optional<address_range> parse_range(std::string_view text) {
    text = trimmed(text);
    auto const slash = text.find('/');
    auto const ip = parse_ip(text.substr(0, slash));
    if (!ip) return std::nullopt;
    unsigned const width = ip->is_v4() ? 32 : 128;
    unsigned prefix = width;
    if (slash != std::string_view::npos) {
        auto const bits = text.substr(slash + 1);
        auto const [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
        if (bits.empty() || ec != std::errc{} || end != bits.data() + bits.size())
            return std::nullopt;
        // "::ffff:10.0.0.0/104" was unmapped to 10.0.0.0: its prefix counts IPv6 bits.
        bool const was_mapped =
            ip->is_v4() && text.substr(0, slash).find(':') != std::string_view::npos;
        if (was_mapped) {
            if (prefix < 96) return std::nullopt;
            prefix -= 96;
        }
        if (prefix > width) return std::nullopt;
    }
    return address_range{with_prefix(*ip, prefix), prefix};
}

std::vector<address_range> parse_range_list(std::string_view text) {
    std::vector<address_range> out;
    while (!trimmed(text).empty()) {
        auto const comma = text.find(',');
        auto const item = trimmed(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        if (item.empty()) continue;
        auto range = parse_range(item);
        if (!range)
            throw std::invalid_argument("'" + std::string{item} +
                                        "' is not an address or an address range (CIDR)");
        out.push_back(*range);
    }
    return out;
}

bool in_ranges(std::vector<address_range> const& ranges, address const& a) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [&a](address_range const& r) { return r.contains(a); });
}

std::string normalised_address(address const& a) {
    auto const plain = unmapped(a);
    if (plain.is_v4()) return plain.to_string();
    return with_prefix(plain, 64).to_string() + "/64";
}

address forwarded_client(address const& peer, std::vector<std::string_view> const& lines,
                         std::vector<address_range> const& trusted) {
    address client = unmapped(peer);
    if (!in_ranges(trusted, client)) return client;
    for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
        std::string_view rest = *line;
        while (!rest.empty()) {
            auto const comma = rest.rfind(',');
            auto const item =
                trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
            if (item.empty()) continue;  // "a, , b": an empty element says nothing
            auto const hop = parse_ip(item);
            if (!hop) return client;
            client = *hop;
            if (!in_ranges(trusted, client)) return client;
        }
    }
    return client;
}

}  // namespace samverkan::server
