#pragma once

// Plain data of the auth module, shared by its repository, service, routes and pages.
#include "modules/auth/auth.hpp"

#include <chrono>
#include <string>

namespace samverkan::auth {

/// How sessions and login throttling behave; `add_auth_settings` declares them.
///
/// Throttling never lets one address shut an account's owner out: failures count per
/// (account, client address) pair, and only that pair is refused (429). Spraying many
/// accounts from one address meets the per-address limit. Failures for one account from
/// many addresses meet the ceiling, which slows every attempt for that account down
/// instead of refusing it, so the owner still gets in, only later.
struct auth_settings {
    std::chrono::seconds session_idle{std::chrono::hours(1)};
    std::chrono::seconds session_lifetime{std::chrono::hours(12)};
    long long max_failures_per_pair = 5;      ///< for one account from one address, in the window
    long long max_failures_per_address = 20;  ///< from one address over all accounts
    std::chrono::seconds failure_window{std::chrono::minutes(15)};
    long long account_ceiling = 100;  ///< failures per account per hour before attempts wait
    std::chrono::milliseconds slowdown_max{30'000};  ///< the longest wait the ceiling imposes
    bool secure_cookie = false;  ///< https base URL: Secure, and the __Host- name prefix
};

/// How long an attempt waits when its account has had `failures` failures in the last hour
/// (this attempt included): nothing up to the ceiling, then 0.5 s, doubling with every tenth
/// of the ceiling beyond it, at most `slowdown_max`.
[[nodiscard]] std::chrono::milliseconds login_slowdown(auth_settings const& s, long long failures);

/// A staff account as lists and the API show it (never the password hash).
struct user {
    long long id = 0;
    std::string email;
    std::string name;
    auth::role role = role::steering;
    bool active = true;
    long long created_at = 0;           ///< epoch seconds
    long long password_changed_at = 0;  ///< epoch seconds
    long long failures_last_hour = 0;   ///< failed logins for this account, every address
};

/// True when the next login attempt for `u` will wait: its account is past the ceiling
/// (`failures_last_hour` as list_users fills it).
[[nodiscard]] bool login_slowed(auth_settings const& s, user const& u);

/// What an admin (or the CLI) asks for when adding a user; checked by the service.
struct new_user {
    std::string email;
    std::string name;
    std::string role;
    std::string password;
};

/// A fresh session: the identity and the cookie token, which exists only here and in the
/// browser (the database keeps its SHA-256).
struct session_grant {
    identity who;
    std::string token;
};

/// Who is acting, for the audit log.
using actor = core::actor;

}  // namespace samverkan::auth
