#pragma once

// The registrations module's settings as the program reads them.
#include <string>

namespace samverkan::server {
class settings;
}

namespace samverkan::registrations {

struct registration_settings {
    std::string base_url;  ///< links in mails and answers: <base_url>/r/<token>
    int rate_limit = 20;   ///< seats (attendees) per client address per minute; 0 = off
    /// Test-only: false replaces the event row lock with a plain read, so the concurrency
    /// tests' negative control can show the overbooking the lock prevents. Never in use.
    bool lock_seats = true;
    unsigned idempotency_cleanup_seconds = 600;
    /// Manage-link requests a minute per registration; five times as many per address.
    int manage_rate_limit = 30;

    /// Checks ranges; throws std::runtime_error naming the setting.
    void finish(std::string public_base_url);
};

/// registration-rate-limit, manage-rate-limit, unsafe-disable-seat-lock,
/// idempotency-cleanup-seconds.
void add_registration_settings(server::settings& s, registration_settings& out);

}  // namespace samverkan::registrations
