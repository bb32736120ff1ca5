#pragma once

// Fixtures for the mail tests: a real SMTP server of our own (Debian's aiosmtpd via
// tests/support/smtp_sink.py) that can be taken down and brought back, the received mail
// parsed by Python's MIME parser (tests/support/mime_check.py), and the outbox sender run
// in-process against a test database.
#include "modules/mail/mail_settings.hpp"

#include <boost/json/value.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>

namespace samverkan::test {

class test_database;

/// One SMTP sink process with its own spool folder, on a loopback port that stays the same
/// across stop() and start().
class smtp_sink {
public:
    smtp_sink();
    ~smtp_sink();
    smtp_sink(smtp_sink const&) = delete;
    smtp_sink& operator=(smtp_sink const&) = delete;

    void start();
    void stop();

    [[nodiscard]] std::string url() const;

    [[nodiscard]] unsigned short port() const { return port_; }

    [[nodiscard]] std::filesystem::path const& spool() const { return spool_; }

    /// Messages received so far.
    [[nodiscard]] std::size_t count() const;

    /// Waits until at least `n` messages arrived; false on timeout.
    bool wait_for(std::size_t n, std::chrono::milliseconds timeout) const;

    /// Every received message parsed: {"messages": [...]} (see mime_check.py).
    [[nodiscard]] boost::json::value parsed() const;

private:
    std::filesystem::path spool_;
    unsigned short port_ = 0;
    pid_t pid_ = -1;
};

/// Runs mime_check.py on files or folders and returns its JSON.
[[nodiscard]] boost::json::value parse_mail(std::string const& paths);

/// Mail settings for tests: this sink, quick retries and polls.
[[nodiscard]] mail::mail_settings test_mail_settings(std::string const& smtp_url);

/// The outbox sender running in this process on its own I/O thread.
class running_sender {
public:
    running_sender(test_database& database, mail::mail_settings settings);
    ~running_sender();
    running_sender(running_sender const&) = delete;
    running_sender& operator=(running_sender const&) = delete;

    /// Stops the sender (after the message in hand) and its thread.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Waits until no outbox row is pending; false on timeout.
bool wait_outbox_settled(test_database& database, std::chrono::milliseconds timeout);

/// Inserts a published event and returns its id. Times are RFC 3339.
long long insert_event(test_database& database, std::string const& title,
                       std::string const& starts_at, std::string const& ends_at,
                       std::string const& venue = "Rådhuset, Kaféet, våning 6");

}  // namespace samverkan::test
