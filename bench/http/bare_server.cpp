// The baseline of the HTTP benchmark: the smallest Boost.Beast keep-alive server written the
// way samverkan's own server is (C++20 coroutines, a strand per connection, N io threads,
// TCP_NODELAY), answering every GET with a fixed ~1 KB HTML page. It links the same
// separately compiled Asio/Beast as samverkan and is built with the same flags, so the
// ratio samverkan / bare measures what samverkan adds per request, not the compiler.
//
// Usage: bench_bare_http_server [PORT [IO_THREADS]]   (PORT 0: the kernel picks one)
// Prints "listening PORT" on stdout once it accepts connections. Loopback only.
#include "server/asio_fwd.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace samverkan::bench {

namespace {

using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// About the size of samverkan's start page shell: 1 KB of HTML, built once.
std::string const& page() {
    static std::string const html = [] {
        std::string s =
            "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>Samverkan - kommande träffar</title>\n"
            "<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n"
            "<a class=\"skip\" href=\"#main\">Till innehållet</a>\n<main id=\"main\">\n"
            "<h1>Kommande träffar</h1>\n<ul class=\"events\">\n";
        for (int i = 1; s.size() < 960; ++i)
            s += "<li><a href=\"/events/" + std::to_string(i) + "\">Dialogkonferens " +
                 std::to_string(i) + "</a> <time>2027-01-0" + std::to_string(i % 10) +
                 "</time></li>\n";
        s += "</ul>\n</main>\n</body>\n</html>\n";
        return s;
    }();
    return html;
}

http::response<http::string_body> answer(http::request<http::string_body> const& req) {
    bool const get = req.method() == http::verb::get || req.method() == http::verb::head;
    http::response<http::string_body> res{get ? http::status::ok : http::status::method_not_allowed,
                                          req.version()};
    res.set(http::field::content_type, "text/html; charset=utf-8");
    // Copied per request on purpose: samverkan copies its cached page into each response too.
    if (get) res.body() = page();
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    return res;
}

asio::awaitable<void> session(beast::tcp_stream stream) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> req;
        auto [read_ec, read] = co_await http::async_read(stream, buffer, req, use_tuple);
        if (read_ec) break;
        auto res = answer(req);
        auto [write_ec, written] = co_await http::async_write(stream, res, use_tuple);
        if (write_ec || !res.keep_alive()) break;
    }
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor) {
    auto& ioc = static_cast<asio::io_context&>(acceptor.get_executor().context());
    for (;;) {
        // Its own strand per connection, as samverkan does, so the cost is the same.
        auto strand = asio::make_strand(ioc);
        auto [ec, socket] = co_await acceptor.async_accept(strand, use_tuple);
        if (ec == asio::error::operation_aborted) co_return;
        if (ec) continue;
        socket.set_option(tcp::no_delay(true), ec);
        asio::co_spawn(strand, session(beast::tcp_stream{std::move(socket)}), asio::detached);
    }
}

int run(int argc, char** argv) {
    auto const port = static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 0);
    int const threads = argc > 2 ? std::atoi(argv[2]) : 1;
    if (threads < 1 || threads > 64) {
        std::fprintf(stderr, "usage: bench_bare_http_server [PORT [IO_THREADS 1..64]]\n");
        return 2;
    }
    asio::io_context ioc{threads};
    tcp::acceptor acceptor{ioc};
    tcp::endpoint const endpoint{asio::ip::make_address("127.0.0.1"), port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    std::printf("listening %u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);

    asio::co_spawn(ioc, accept_loop(acceptor), asio::detached);
    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    signals.async_wait([&ioc](boost::system::error_code const&, int) { ioc.stop(); });
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    return 0;
}

}  // namespace

}  // namespace samverkan::bench

int main(int argc, char** argv) {
    try {
        return samverkan::bench::run(argc, argv);
    } catch (std::exception const& e) {
        std::fprintf(stderr, "bench_bare_http_server: %s\n", e.what());
        return 1;
    }
}
