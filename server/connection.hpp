#pragma once

// Internal to the server library: the state one connection coroutine owns.
#include "server/asio_fwd.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <cstdint>
#include <string>

namespace samverkan::server {

struct connection {
    connection(std::uint64_t id_, beast::tcp_stream stream_)
        : id(id_), stream(std::move(stream_)) {}

    std::uint64_t id;
    beast::tcp_stream stream;
    asio::ip::address peer;     ///< the peer's address (IPv4-mapped shown as IPv4), looked up once
    std::string peer_key;       ///< its normalised form: what the per-address cap counts
    bool peer_trusted = false;  ///< a trusted proxy: X-Forwarded-For is read, no per-address cap

    /// True while waiting for the first byte of the next request: such a connection can be
    /// closed at shutdown without cutting a request in half. Only touched on the strand.
    bool idle = true;
};

}  // namespace samverkan::server
