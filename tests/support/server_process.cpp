#include "tests/support/server_process.hpp"

#include "tests/support/http_client.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdlib>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace samverkan::test {

std::string server_process::binary() {
    return SAMVERKAN_BINARY;
}

server_process::server_process(std::string const& database_url, options opts) {
    std::vector<std::string> args = opts.wrapper;
    for (auto const& part :
         {binary(), std::string{"serve"}, std::string{"--listen"}, std::string{"127.0.0.1:0"},
          std::string{"--database-url"}, database_url})
        args.push_back(part);
    args.insert(args.end(), opts.args.begin(), opts.args.end());
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string entry{*e};
        // The test's own SAMVERKAN_* settings must not leak into the server under test.
        if (entry.rfind("SAMVERKAN_", 0) == 0 && entry.rfind("SAMVERKAN_TEST_", 0) != 0) continue;
        env.push_back(entry);
    }
    for (auto const& [k, v] : opts.env) env.push_back(k + "=" + v);
    int pipe_fds[2];
    BOOST_TEST_REQUIRE(::pipe(pipe_fds) == 0);
    pid_ = ::fork();
    BOOST_TEST_REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        ::dup2(pipe_fds[1], STDERR_FILENO);
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<char*> envp;
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
        ::execvpe(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    reader_ = std::thread([this, fd = pipe_fds[0]] { read_log(fd); });
    try {
        wait_until_serving(opts);
    } catch (...) {
        // The destructor does not run for a half-built object: stop the child here.
        stop();
        throw;
    }
}

void server_process::wait_until_serving(options const& opts) {
    auto const deadline = std::chrono::steady_clock::now() + opts.ready_timeout;
    while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        BOOST_TEST_REQUIRE(wait_exit(std::chrono::milliseconds(0)) < 0,
                           "server exited with status " << exit_status_ << "; log:\n"
                                                        << log());
        std::lock_guard lock(mutex_);
        auto const at = log_.find("\"message\":\"listening\"");
        if (at == std::string::npos) continue;
        auto const line_start = log_.rfind('\n', at);
        auto const line_end = log_.find('\n', at);
        auto const line = log_.substr(
            line_start == std::string::npos ? 0 : line_start + 1,
            line_end == std::string::npos ? std::string::npos : line_end - line_start - 1);
        port_ = static_cast<unsigned short>(boost::json::parse(line).at("port").to_number<int>());
    }
    BOOST_TEST_REQUIRE(port_ != 0, "server did not start listening; log:\n" << log());
    while (opts.wait_ready && std::chrono::steady_clock::now() < deadline) {
        BOOST_TEST_REQUIRE(wait_exit(std::chrono::milliseconds(0)) < 0,
                           "server exited with status " << exit_status_ << "; log:\n"
                                                        << log());
        try {
            http_client client{port_};
            if (client.get("/readyz").status == 200) return;
        } catch (std::exception const&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    BOOST_TEST_REQUIRE(!opts.wait_ready, "server did not become ready; log:\n" << log());
}

server_process::~server_process() {
    stop();
}

void server_process::stop() {
    if (exit_status_ < 0 && pid_ > 0) {
        ::kill(pid_, SIGTERM);
        if (wait_exit(std::chrono::seconds(10)) < 0) {
            ::kill(pid_, SIGKILL);
            wait_exit(std::chrono::seconds(5));
        }
    }
    if (reader_.joinable()) reader_.join();
}

void server_process::send_signal(int signal) {
    ::kill(pid_, signal);
}

int server_process::wait_exit(std::chrono::milliseconds timeout) {
    if (exit_status_ >= 0) return exit_status_;
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    do {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return exit_status_;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (std::chrono::steady_clock::now() < deadline);
    return -1;
}

std::string server_process::log() const {
    std::lock_guard lock(mutex_);
    return log_;
}

bool server_process::log_contains(std::string const& text,
                                  std::chrono::milliseconds timeout) const {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    while (log().find(text) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

void server_process::read_log(int fd) {
    char chunk[4096];
    for (;;) {
        auto const n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) break;
        std::lock_guard lock(mutex_);
        log_.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fd);
}

}  // namespace samverkan::test
