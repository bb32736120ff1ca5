#pragma once

#include <boost/json/fwd.hpp>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace samverkan::server {

/// JSON-lines log. Lines are buffered and written by a background thread every 50 ms (or
/// when 64 KiB are waiting), so an I/O thread never waits on a slow terminal or pipe and
/// pays no wake-up per line; at most `max_buffered` bytes wait, after which the writer
/// blocks briefly rather than losing lines.
class logger {
public:
    explicit logger(std::FILE* out = stderr, std::size_t max_buffered = 4u << 20);
    logger(logger const&) = delete;
    logger& operator=(logger const&) = delete;
    ~logger();

    /// Adds "time" and "level" to the fields and writes the line.
    void log(std::string_view level, std::string_view message, boost::json::object fields);
    void info(std::string_view message, boost::json::object fields);
    void error(std::string_view message, boost::json::object fields);

    /// Writes one pre-formatted line (the access log uses this).
    void write_line(std::string line);

    /// Writes out everything buffered so far.
    void flush();

private:
    void run();

    std::FILE* out_;
    std::size_t max_buffered_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable drained_;
    std::string buffer_;
    bool stopping_ = false;
    bool writing_ = false;
    bool flush_requested_ = false;
    std::thread writer_;
};

/// Current UTC time as RFC 3339 with milliseconds, for log lines.
[[nodiscard]] std::string log_timestamp();

}  // namespace samverkan::server
