#pragma once

// Client addresses as limits, the audit log and access rules see them: strict parsing,
// address ranges (CIDR), the one normalised text form, and the client behind trusted proxies.
#include "server/asio_fwd.hpp"

#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::server {

/// An IPv4 or IPv6 address in its plain text form ("192.0.2.7", "2001:db8::1"); surrounding
/// spaces are ignored. An IPv4-mapped IPv6 address ("::ffff:192.0.2.7") comes back as the
/// IPv4 address it is, so one client is one address on a dual-stack listener. nullopt for
/// anything else: ports, brackets, zone ids ("%eth0"), host names, "unknown".
[[nodiscard]] std::optional<asio::ip::address> parse_ip(std::string_view text);

/// `address` itself, or the IPv4 address an IPv4-mapped IPv6 address stands for (what a
/// dual-stack listener reports for IPv4 peers).
[[nodiscard]] asio::ip::address unmapped(asio::ip::address const& address);

/// An address range: "10.0.0.0/8", "2001:db8::/32", or one address ("192.0.2.7", "::1").
struct address_range {
    asio::ip::address network;  ///< with the bits beyond `prefix` cleared
    unsigned prefix = 0;        ///< leading bits that must match (32 or 128 for one address)

    [[nodiscard]] bool contains(asio::ip::address const& address) const;
};

/// One range; nullopt when `text` is not an address, an address with "/bits", or bits
/// beyond the family's width.
[[nodiscard]] std::optional<address_range> parse_range(std::string_view text);

/// A comma-separated list of ranges (spaces allowed); throws std::invalid_argument naming
/// the first item that is not one.
[[nodiscard]] std::vector<address_range> parse_range_list(std::string_view text);

/// True when some range of `ranges` contains `address`.
[[nodiscard]] bool in_ranges(std::vector<address_range> const& ranges,
                             asio::ip::address const& address);

/// The form every limit and the audit log use: IPv4 as dotted decimal, IPv6 as its /64
/// ("2001:db8:1:2::/64"), because one subscriber usually holds a whole /64 and could
/// otherwise take a fresh address for every request.
[[nodiscard]] std::string normalised_address(asio::ip::address const& address);

/// The client of a request that reached us from `peer` (unmapped first). Unless the peer is a
/// trusted proxy, that is the peer. Otherwise the X-Forwarded-For lists (every header line, in
/// order, joined) are walked from the right, the end our own proxies wrote: the first address that
/// is not a trusted proxy is the client. A value that is not an address stops the walk and the last
/// trusted hop counts as the client, so no text left of it (which the client itself may have
/// written) is believed. When every hop is trusted, the leftmost one is.
[[nodiscard]] asio::ip::address forwarded_client(asio::ip::address const& peer,
                                                 std::vector<std::string_view> const& lines,
                                                 std::vector<address_range> const& trusted);

}  // namespace samverkan::server
