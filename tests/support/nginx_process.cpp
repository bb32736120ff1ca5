#include "tests/support/nginx_process.hpp"

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace samverkan::test {

namespace {

std::string read_text(std::filesystem::path const& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_text(std::filesystem::path const& path, std::string const& text) {
    std::ofstream out(path);
    out << text;
}

// A loopback port free right now (bound, read, closed): nginx reports no port of its own.
unsigned short free_port() {
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

bool accepts(unsigned short port) {
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    bool const ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

std::string main_config(std::filesystem::path const& dir, unsigned short port,
                        std::vector<unsigned short> const& upstream_ports) {
    std::string upstream;
    for (auto p : upstream_ports)
        upstream += "    server 127.0.0.1:" + std::to_string(p) + " max_fails=1 fail_timeout=5s;\n";
    auto const d = dir.string();
    return "daemon off;\nworker_processes 1;\npid " + d + "/nginx.pid;\nerror_log " + d +
           "/error.log warn;\nevents { worker_connections 1024; }\nhttp {\n"
           "  include /etc/nginx/mime.types;\n  access_log off;\n"
           "  client_body_temp_path " +
           d + "/tmp/body;\n  proxy_temp_path " + d +
           "/tmp/proxy;\n"
           "  fastcgi_temp_path " +
           d + "/tmp/fastcgi;\n  uwsgi_temp_path " + d +
           "/tmp/uwsgi;\n"
           "  scgi_temp_path " +
           d +
           "/tmp/scgi;\n"
           "  upstream samverkan {\n" +
           upstream +
           "    keepalive 32;\n  }\n"
           "  server {\n    listen 127.0.0.1:" +
           std::to_string(port) +
           ";\n"
           "    include snippets/samverkan-proxy.conf;\n  }\n}\n";
}

}  // namespace

nginx_process::nginx_process(std::vector<unsigned short> const& upstream_ports) {
    dir_ = std::filesystem::temp_directory_path() /
           ("samverkan-nginx-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir_ / "conf/snippets");
    std::filesystem::create_directories(dir_ / "tmp");
    // Workers run as nobody when nginx starts as root: they must reach these folders.
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all |
                                           std::filesystem::perms::group_exec |
                                           std::filesystem::perms::others_exec);
    auto const deploy = std::filesystem::path(SAMVERKAN_SOURCE_DIR) / "deploy/nginx";
    auto proxy = read_text(deploy / "samverkan-proxy.conf");
    std::string const installed_static = "/usr/share/samverkan/web/static/";
    auto const at = proxy.find(installed_static);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    proxy.replace(at, installed_static.size(), std::string{SAMVERKAN_SOURCE_DIR} + "/web/static/");
    write_text(dir_ / "conf/snippets/samverkan-proxy.conf", proxy);
    std::filesystem::copy_file(deploy / "samverkan-upstream.conf",
                               dir_ / "conf/snippets/samverkan-upstream.conf");
    port_ = free_port();
    write_text(dir_ / "conf/nginx.conf", main_config(dir_, port_, upstream_ports));
    pid_ = ::fork();
    BOOST_TEST_REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        auto const prefix = dir_.string() + "/";
        auto const log = dir_.string() + "/error.log";
        ::execl("/usr/sbin/nginx", "nginx", "-p", prefix.c_str(), "-c", "conf/nginx.conf", "-e",
                log.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    for (int i = 0; i < 200 && !accepts(port_); ++i) {
        int status = 0;
        BOOST_TEST_REQUIRE(::waitpid(pid_, &status, WNOHANG) == 0, "nginx exited; its log:\n"
                                                                       << error_log());
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    BOOST_TEST_REQUIRE(accepts(port_), "nginx does not listen; its log:\n" << error_log());
}

nginx_process::~nginx_process() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);  // fast shutdown of master and workers
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string nginx_process::error_log() const {
    return read_text(dir_ / "error.log");
}

}  // namespace samverkan::test
