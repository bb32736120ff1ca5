#pragma once

// Plain data of the auth module, shared by its repository, service, routes and pages.
#include "modules/auth/auth.hpp"

#include <chrono>
#include <string>

namespace samverkan::auth {

/// How sessions and login throttling behave; `add_auth_settings` declares them.
struct auth_settings {
    std::chrono::seconds session_idle{std::chrono::hours(1)};
    std::chrono::seconds session_lifetime{std::chrono::hours(12)};
    long long max_failures_per_account = 5;
    long long max_failures_per_address = 20;
    std::chrono::seconds failure_window{std::chrono::minutes(15)};
    bool secure_cookie = false;  ///< set when the public base URL is https
};

/// A staff account as lists and the API show it (never the password hash).
struct user {
    long long id = 0;
    std::string email;
    std::string name;
    auth::role role = role::steering;
    bool active = true;
    long long created_at = 0;           ///< epoch seconds
    long long password_changed_at = 0;  ///< epoch seconds
};

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
