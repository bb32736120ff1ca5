#pragma once

// The auth module's settings as the program reads them.
#include "modules/auth/auth_types.hpp"

namespace samverkan::server {
class settings;
}

namespace samverkan::auth {

struct auth_options {
    unsigned session_idle_seconds = 3600;
    unsigned session_lifetime_seconds = 12 * 3600;
    unsigned login_max_failures = 5;
    unsigned login_max_failures_per_address = 20;
    unsigned login_failure_window_seconds = 15 * 60;
    unsigned login_account_ceiling = 100;
    unsigned login_slowdown_max_ms = 30'000;

    /// Checks ranges (throws std::runtime_error naming the setting); the cookie is Secure
    /// when the public base URL is https.
    [[nodiscard]] auth_settings finish(bool https) const;
};

/// session-idle-seconds, session-lifetime-seconds, login-max-failures,
/// login-max-failures-per-address, login-failure-window-seconds, login-account-ceiling,
/// login-slowdown-max-ms.
void add_auth_settings(server::settings& s, auth_options& out);

}  // namespace samverkan::auth
