#include "tests/support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace samverkan::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

std::string http_result::header(std::string const& name) const {
    auto const it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

boost::json::value http_result::json() const {
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    BOOST_TEST_REQUIRE(!ec, "response is not JSON: " << body);
    return value;
}

struct http_client::impl {
    unsigned short port;
    std::string source_address;
    asio::io_context ioc;
    asio::ip::tcp::socket socket{ioc};
    beast::flat_buffer buffer;
    bool connected = false;
    int opened = 0;
    std::map<std::string, std::string> cookies;

    void connect() {
        socket = asio::ip::tcp::socket{ioc};
        if (!source_address.empty()) {
            // Another loopback address as this client's own, to stand for another client.
            socket.open(asio::ip::tcp::v4());
            socket.bind({asio::ip::make_address(source_address), 0});
        }
        socket.connect({asio::ip::make_address("127.0.0.1"), port});
        buffer.clear();
        connected = true;
        ++opened;
    }

    void remember_cookies(http::response<http::string_body> const& res) {
        auto [it, end] = res.equal_range(http::field::set_cookie);
        for (; it != end; ++it) {
            std::string const value{it->value()};
            auto const eq = value.find('=');
            auto const semi = value.find(';');
            if (eq == std::string::npos) continue;
            auto const name = value.substr(0, eq);
            auto const cookie =
                value.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
            bool const expired = value.find("Max-Age=0") != std::string::npos;
            if (cookie.empty() || expired)
                cookies.erase(name);
            else
                cookies[name] = cookie;
        }
    }
};

http_client::http_client(unsigned short port, std::string source_address)
    : impl_(std::make_unique<impl>()) {
    impl_->port = port;
    impl_->source_address = std::move(source_address);
}

http_client::~http_client() = default;
http_client::http_client(http_client&&) noexcept = default;

http_result http_client::request(std::string const& method, std::string const& target,
                                 std::string const& body, std::string const& content_type,
                                 std::map<std::string, std::string> const& headers) {
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    for (auto const& [name, value] : headers) req.set(name, value);
    if (!impl_->cookies.empty()) {
        std::string cookie;
        for (auto const& [name, value] : impl_->cookies) {
            if (!cookie.empty()) cookie.append("; ");
            cookie.append(name).append("=").append(value);
        }
        req.set(http::field::cookie, cookie);
    }
    req.body() = body;
    req.prepare_payload();
    req.keep_alive(true);
    std::optional<http::response_parser<http::string_body>> parser;
    for (int attempt = 0;; ++attempt) {
        parser.emplace();
        parser->body_limit(64 * 1024 * 1024);
        if (!impl_->connected) impl_->connect();
        boost::system::error_code ec;
        http::write(impl_->socket, req, ec);
        if (!ec) http::read(impl_->socket, impl_->buffer, *parser, ec);
        if (!ec) break;
        // The server may have closed an idle keep-alive connection: one fresh try.
        impl_->connected = false;
        if (attempt > 0) throw boost::system::system_error(ec);
    }
    auto res = parser->release();
    impl_->remember_cookies(res);
    http_result out;
    out.status = res.result_int();
    out.body = res.body();
    out.keep_alive = res.keep_alive();
    for (auto const& field : res) {
        std::string name{field.name_string()};
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers.emplace(name, std::string{field.value()});
    }
    if (!out.keep_alive) impl_->connected = false;
    return out;
}

http_result http_client::post_json(std::string const& target, boost::json::value const& body,
                                   std::map<std::string, std::string> const& headers) {
    return request("POST", target, boost::json::serialize(body), "application/json", headers);
}

http_result http_client::patch_json(std::string const& target, boost::json::value const& body,
                                    std::map<std::string, std::string> const& headers) {
    return request("PATCH", target, boost::json::serialize(body), "application/json", headers);
}

http_result http_client::post_form(std::string const& target,
                                   std::vector<std::pair<std::string, std::string>> const& fields,
                                   std::map<std::string, std::string> const& headers) {
    return request("POST", target, form_body(fields), "application/x-www-form-urlencoded", headers);
}

int http_client::connections_opened() const {
    return impl_->opened;
}

std::map<std::string, std::string> const& http_client::cookies() const {
    return impl_->cookies;
}

void http_client::set_cookie(std::string const& name, std::string const& value) {
    impl_->cookies[name] = value;
}

void http_client::clear_cookies() {
    impl_->cookies.clear();
}

raw_connection::raw_connection(unsigned short port, std::string const& source_address) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_TEST_REQUIRE(fd_ >= 0, "socket: " << std::strerror(errno));
    sockaddr_in local{};
    local.sin_family = AF_INET;
    BOOST_TEST_REQUIRE(::inet_pton(AF_INET, source_address.c_str(), &local.sin_addr) == 1);
    BOOST_TEST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0,
                       "bind " << source_address << ": " << std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_TEST_REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0,
                       "connect: " << std::strerror(errno));
}

raw_connection::~raw_connection() {
    if (fd_ >= 0) ::close(fd_);
}

void raw_connection::send(std::string const& bytes) {
    BOOST_TEST_REQUIRE(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                       static_cast<ssize_t>(bytes.size()));
}

std::string raw_connection::read_until_closed(std::chrono::milliseconds timeout, bool* closed) {
    std::string out;
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    if (closed != nullptr) *closed = false;
    for (;;) {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return out;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return out;
        char chunk[4096];
        auto const n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) {
            if (closed != nullptr) *closed = true;
            return out;
        }
        out.append(chunk, static_cast<std::size_t>(n));
    }
}

bool raw_connection::closed_by_server(std::chrono::milliseconds wait) {
    for (;;) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
        char chunk[4096];
        if (::recv(fd_, chunk, sizeof chunk, 0) <= 0) return true;
    }
}

long long metric_value(http_client& client, std::string const& name) {
    auto const text = client.get("/metrics").body;
    auto const at = text.find("\n" + name + " ");
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "no metric " << name);
    return std::stoll(text.substr(at + name.size() + 2));
}

}  // namespace samverkan::test
