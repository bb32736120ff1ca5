#include "modules/mail/mail_settings.hpp"

#include "modules/core/json_input.hpp"
#include "server/settings.hpp"

#include <boost/program_options/value_semantic.hpp>

#include <cctype>
#include <stdexcept>

namespace samverkan::mail {

namespace po = boost::program_options;

namespace {

void add_smtp_options(server::settings& s, mail_settings& out) {
    s.options().add_options()(
        "smtp-url", po::value(&out.smtp_url),
        "SMTP server, smtp://host:port (STARTTLS) or smtps://host:port; unset: write .eml "
        "files to mail-dir")("smtp-user", po::value(&out.smtp_user), "SMTP AUTH user name")(
        "smtp-password", po::value(&out.smtp_password), "SMTP AUTH password")(
        "smtp-tls", po::value(&out.smtp_tls)->default_value(out.smtp_tls),
        "STARTTLS on smtp:// URLs: required, opportunistic, or auto (opportunistic only for "
        "a loopback host)")("smtp-tls-verify",
                            po::value(&out.smtp_tls_verify)->default_value(out.smtp_tls_verify),
                            "verify the SMTP server's TLS certificate and host name")(
        "smtp-ca-file", po::value(&out.smtp_ca_file), "CA bundle for the SMTP server (PEM)")(
        "smtp-connect-timeout-ms",
        po::value(&out.smtp_connect_timeout_ms)->default_value(out.smtp_connect_timeout_ms),
        "SMTP connect timeout")("smtp-timeout-ms",
                                po::value(&out.smtp_timeout_ms)->default_value(out.smtp_timeout_ms),
                                "SMTP timeout for sending one message");
}

void add_outbox_options(server::settings& s, mail_settings& out,
                        std::string const& default_templates_dir) {
    out.templates_dir = default_templates_dir;
    s.options().add_options()("mail-from", po::value(&out.mail_from)->default_value(out.mail_from),
                              "sender of every e-mail: `Name <address>` or `address`")(
        "mail-dir", po::value(&out.mail_dir)->default_value(out.mail_dir),
        "where the file transport writes .eml files when smtp-url is unset")(
        "mail-templates-dir", po::value(&out.templates_dir)->default_value(out.templates_dir),
        "folder with sv/ and en/ mail templates")(
        "mail-poll-ms", po::value(&out.poll_ms)->default_value(out.poll_ms),
        "how often an idle sender looks for due mail")(
        "mail-batch-size", po::value(&out.batch_size)->default_value(out.batch_size),
        "messages claimed and sent over one SMTP connection at a time")(
        "mail-connections", po::value(&out.connections)->default_value(out.connections),
        "parallel sender loops (SMTP connections) per instance")(
        "mail-lease-seconds", po::value(&out.lease_seconds)->default_value(out.lease_seconds),
        "how long a claimed batch is reserved before another instance may take it over")(
        "mail-retry-min-seconds",
        po::value(&out.retry_min_seconds)->default_value(out.retry_min_seconds),
        "first retry delay after a temporary failure; doubles per attempt")(
        "mail-retry-max-seconds",
        po::value(&out.retry_max_seconds)->default_value(out.retry_max_seconds),
        "longest retry delay")(
        "mail-give-up-after",
        po::value(&out.give_up_after_text)->default_value(out.give_up_after_text),
        "mark a message failed when it could not be sent for this long "
        "(e.g. 24h, 90m, 3600s)")(
        "reminder-days", po::value(&out.reminder_days)->default_value(out.reminder_days),
        "days before an event that confirmed attendees get a reminder (0: none)")(
        "mail-sender", po::value(&out.sender_enabled)->default_value(out.sender_enabled),
        "run the outbox sender and reminders in this instance");
}

bool loopback_host(std::string const& url) {
    auto const scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return false;
    auto host = url.substr(scheme_end + 3);
    if (auto const at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
    if (host.starts_with("[::1]")) return true;
    host = host.substr(0, host.find_first_of(":/"));
    return host == "localhost" || host.starts_with("127.");
}

void parse_from(mail_settings& s) {
    auto const open = s.mail_from.find('<');
    if (open == std::string::npos) {
        s.from_address = s.mail_from;
    } else {
        auto const close = s.mail_from.find('>', open);
        if (close == std::string::npos || close + 1 != s.mail_from.size())
            throw std::runtime_error("mail-from: expected `Name <address>` or `address`");
        s.from_address = s.mail_from.substr(open + 1, close - open - 1);
        s.from_name = s.mail_from.substr(0, open);
        while (!s.from_name.empty() && s.from_name.back() == ' ') s.from_name.pop_back();
        if (s.from_name.size() >= 2 && s.from_name.front() == '"' && s.from_name.back() == '"')
            s.from_name = s.from_name.substr(1, s.from_name.size() - 2);
    }
    if (!core::valid_email(s.from_address) || !core::clean_text(s.from_name, false))
        throw std::runtime_error("mail-from: not a valid sender address");
}

}  // namespace

long long parse_duration_seconds(std::string const& text) {
    if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return -1;
    std::size_t used = 0;
    long long value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (std::exception const&) {
        return -1;
    }
    auto const unit = text.substr(used);
    if (unit.empty() || unit == "s") return value;
    if (unit == "m") return value * 60;
    if (unit == "h") return value * 3600;
    if (unit == "d") return value * 86400;
    return -1;
}

void add_mail_settings(server::settings& s, mail_settings& out,
                       std::string const& default_templates_dir) {
    add_smtp_options(s, out);
    add_outbox_options(s, out, default_templates_dir);
}

void mail_settings::finish() {
    if (!smtp_url.empty() && !smtp_url.starts_with("smtp://") && !smtp_url.starts_with("smtps://"))
        throw std::runtime_error("smtp-url: must start with smtp:// or smtps://");
    if (!core::clean_text(smtp_url, false) || !core::clean_text(smtp_user, false) ||
        !core::clean_text(smtp_password, false))
        throw std::runtime_error("smtp-url/smtp-user/smtp-password: control characters");
    if (smtp_tls == "required") {
        tls_mode = starttls::required;
    } else if (smtp_tls == "opportunistic") {
        tls_mode = starttls::opportunistic;
    } else if (smtp_tls == "auto") {
        tls_mode = loopback_host(smtp_url) ? starttls::opportunistic : starttls::required;
    } else {
        throw std::runtime_error("smtp-tls: must be required, opportunistic or auto");
    }
    parse_from(*this);
    auto const give_up = parse_duration_seconds(give_up_after_text);
    if (give_up < 1) throw std::runtime_error("mail-give-up-after: expected e.g. 24h, 90m, 3600s");
    give_up_after = std::chrono::seconds(give_up);
    if (batch_size < 1 || batch_size > 1000)
        throw std::runtime_error("mail-batch-size: must be 1 to 1000");
    if (connections < 1 || connections > 16)
        throw std::runtime_error("mail-connections: must be 1 to 16");
    if (poll_ms < 10) throw std::runtime_error("mail-poll-ms: must be at least 10");
    if (lease_seconds < 2) throw std::runtime_error("mail-lease-seconds: must be at least 2");
    if (retry_min_seconds < 1 || retry_max_seconds < retry_min_seconds)
        throw std::runtime_error("mail-retry-min-seconds/mail-retry-max-seconds: 1 ≤ min ≤ max");
    if (reminder_days > 60) throw std::runtime_error("reminder-days: must be 0 to 60");
}

std::string mail_settings::domain() const {
    auto const at = from_address.rfind('@');
    return at == std::string::npos ? std::string{"localhost"} : from_address.substr(at + 1);
}

}  // namespace samverkan::mail
