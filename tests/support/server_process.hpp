#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace samverkan::test {

/// The real `samverkan serve` binary, started on a free loopback port against a database,
/// for end-to-end tests. The constructor waits until /readyz answers 200 (or fails the
/// test); the destructor sends SIGTERM and, after a grace period, SIGKILL.
class server_process {
public:
    struct options {
        options(std::vector<std::string> extra_args = {}, bool wait = true)
            : args(std::move(extra_args)), wait_ready(wait) {}

        std::vector<std::string> args;           ///< extra command-line settings
        std::map<std::string, std::string> env;  ///< extra environment variables
        std::vector<std::string> wrapper;        ///< command to run the server under (prlimit …)
        bool wait_ready = true;                  ///< wait for /readyz 200
        std::chrono::seconds ready_timeout{30};
    };

    server_process(std::string const& database_url, options opts);

    explicit server_process(std::string const& database_url)
        : server_process(database_url, options{}) {}

    server_process(server_process const&) = delete;
    server_process& operator=(server_process const&) = delete;
    ~server_process();

    [[nodiscard]] unsigned short port() const { return port_; }

    [[nodiscard]] pid_t pid() const { return pid_; }

    void send_signal(int signal);

    /// Waits for the process to exit; returns its exit status (128+signal when killed),
    /// or -1 when it is still running after `timeout`.
    int wait_exit(std::chrono::milliseconds timeout);

    /// Everything the server wrote to stderr so far (its JSON log).
    [[nodiscard]] std::string log() const;

    /// Waits until the log contains `text` (the server writes its log in batches).
    [[nodiscard]] bool log_contains(
        std::string const& text, std::chrono::milliseconds timeout = std::chrono::seconds(3)) const;

    /// Path of the samverkan binary under test.
    [[nodiscard]] static std::string binary();

private:
    void wait_until_serving(options const& opts);
    void stop();
    void read_log(int fd);

    pid_t pid_ = -1;
    int exit_status_ = -1;
    unsigned short port_ = 0;
    mutable std::mutex mutex_;
    std::string log_;
    std::thread reader_;
};

}  // namespace samverkan::test
