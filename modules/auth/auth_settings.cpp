#include "modules/auth/auth_settings.hpp"

#include "server/settings.hpp"

#include <boost/program_options/value_semantic.hpp>

#include <stdexcept>

namespace samverkan::auth {

namespace po = server::po;

void add_auth_settings(server::settings& s, auth_options& out) {
    s.options().add_options()(
        "session-idle-seconds",
        po::value(&out.session_idle_seconds)->default_value(out.session_idle_seconds),
        "a staff session ends after this long without a request")(
        "session-lifetime-seconds",
        po::value(&out.session_lifetime_seconds)->default_value(out.session_lifetime_seconds),
        "a staff session ends this long after login, however active")(
        "login-max-failures",
        po::value(&out.login_max_failures)->default_value(out.login_max_failures),
        "failed logins per account within the window before logins are refused (429)")(
        "login-max-failures-per-address",
        po::value(&out.login_max_failures_per_address)
            ->default_value(out.login_max_failures_per_address),
        "failed logins per client address within the window before logins are refused (429)")(
        "login-failure-window-seconds",
        po::value(&out.login_failure_window_seconds)
            ->default_value(out.login_failure_window_seconds),
        "how long a failed login counts against the limits");
}

auth_settings auth_options::finish(bool https) const {
    if (session_idle_seconds < 1)
        throw std::runtime_error("session-idle-seconds: must be at least 1");
    if (session_lifetime_seconds < session_idle_seconds)
        throw std::runtime_error("session-lifetime-seconds: must be at least session-idle-seconds");
    if (login_max_failures < 1) throw std::runtime_error("login-max-failures: must be at least 1");
    if (login_max_failures_per_address < 1)
        throw std::runtime_error("login-max-failures-per-address: must be at least 1");
    if (login_failure_window_seconds < 1)
        throw std::runtime_error("login-failure-window-seconds: must be at least 1");
    auth_settings out;
    out.session_idle = std::chrono::seconds(session_idle_seconds);
    out.session_lifetime = std::chrono::seconds(session_lifetime_seconds);
    out.max_failures_per_account = login_max_failures;
    out.max_failures_per_address = login_max_failures_per_address;
    out.failure_window = std::chrono::seconds(login_failure_window_seconds);
    out.secure_cookie = https;
    return out;
}

}  // namespace samverkan::auth
