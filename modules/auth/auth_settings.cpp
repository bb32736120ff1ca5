#include "modules/auth/auth_settings.hpp"

#include "server/settings.hpp"

#include <boost/program_options/value_semantic.hpp>

#include <algorithm>
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
        "failed logins for one account from one client address within the window before that "
        "address is refused for that account (429); other addresses are not affected")(
        "login-max-failures-per-address",
        po::value(&out.login_max_failures_per_address)
            ->default_value(out.login_max_failures_per_address),
        "failed logins per client address within the window before logins are refused (429)")(
        "login-failure-window-seconds",
        po::value(&out.login_failure_window_seconds)
            ->default_value(out.login_failure_window_seconds),
        "how long a failed login counts against the two limits above")(
        "login-account-ceiling",
        po::value(&out.login_account_ceiling)->default_value(out.login_account_ceiling),
        "failed logins per account per hour, over all addresses, beyond which every attempt "
        "for that account waits first (0.5 s, doubling with every tenth of the ceiling "
        "beyond it); never a lock-out")(
        "login-slowdown-max-ms",
        po::value(&out.login_slowdown_max_ms)->default_value(out.login_slowdown_max_ms),
        "the longest wait the account ceiling imposes on one attempt");
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
    if (login_account_ceiling < 1)
        throw std::runtime_error("login-account-ceiling: must be at least 1");
    if (login_slowdown_max_ms > 120'000)
        throw std::runtime_error("login-slowdown-max-ms: must be at most 120000 (two minutes)");
    auth_settings out;
    out.session_idle = std::chrono::seconds(session_idle_seconds);
    out.session_lifetime = std::chrono::seconds(session_lifetime_seconds);
    out.max_failures_per_pair = login_max_failures;
    out.max_failures_per_address = login_max_failures_per_address;
    out.failure_window = std::chrono::seconds(login_failure_window_seconds);
    out.account_ceiling = login_account_ceiling;
    out.slowdown_max = std::chrono::milliseconds(login_slowdown_max_ms);
    out.secure_cookie = https;
    return out;
}

std::chrono::milliseconds login_slowdown(auth_settings const& s, long long failures) {
    if (failures <= s.account_ceiling) return std::chrono::milliseconds(0);
    long long const step = std::max(1LL, s.account_ceiling / 10);
    long long const doublings = std::min(30LL, (failures - s.account_ceiling - 1) / step);
    auto const wait = std::chrono::milliseconds(500) * (1LL << doublings);
    return std::min<std::chrono::milliseconds>(wait, s.slowdown_max);
}

bool login_slowed(auth_settings const& s, user const& u) {
    return login_slowdown(s, u.failures_last_hour + 1).count() > 0;
}

}  // namespace samverkan::auth
