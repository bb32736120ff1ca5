#pragma once

#include <chrono>
#include <string>

namespace samverkan::server {
class settings;
}

namespace samverkan::mail {

/// How STARTTLS is used on `smtp://` URLs (`smtps://` is always TLS from the first byte).
enum class starttls { required, opportunistic };

/// The mail settings; `add_mail_settings` declares them, `finish` checks them.
struct mail_settings {
    std::string smtp_url;  ///< smtp://host:port or smtps://host:port; empty → file transport
    std::string smtp_user;
    std::string smtp_password;
    std::string smtp_tls = "auto";  ///< required | opportunistic | auto (loopback → opportunistic)
    bool smtp_tls_verify = true;
    std::string smtp_ca_file;
    unsigned smtp_connect_timeout_ms = 10'000;
    unsigned smtp_timeout_ms = 30'000;
    std::string mail_from = "Samverkan <noreply@samverkan.invalid>";  ///< set it in production
    std::string mail_dir = "var/mail";
    unsigned poll_ms = 1000;
    unsigned batch_size = 50;
    unsigned connections = 2;
    unsigned lease_seconds = 120;
    unsigned retry_min_seconds = 30;
    unsigned retry_max_seconds = 3600;
    std::string give_up_after_text = "24h";
    std::string templates_dir;
    unsigned reminder_days = 2;
    bool sender_enabled = true;

    // Worked out by finish():
    std::string from_name;
    std::string from_address;
    std::chrono::seconds give_up_after{24 * 3600};
    mail::starttls tls_mode = starttls::required;

    /// Checks ranges and parses `mail-from` and durations; throws naming the setting.
    void finish();

    [[nodiscard]] bool file_transport() const { return smtp_url.empty(); }

    /// The domain of `mail-from`, used in Message-IDs and calendar UIDs.
    [[nodiscard]] std::string domain() const;
};

void add_mail_settings(server::settings& s, mail_settings& out,
                       std::string const& default_templates_dir);

/// "24h", "90m", "30s", "2d" or plain seconds → seconds; nullopt-like -1 when malformed.
[[nodiscard]] long long parse_duration_seconds(std::string const& text);

}  // namespace samverkan::mail
