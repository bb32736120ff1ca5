#pragma once

#include "modules/mail/mail_settings.hpp"
#include "modules/mail/transport.hpp"

namespace samverkan::mail {

/// SMTP through libcurl, keeping one easy handle, and so one connection, across messages:
/// MAIL FROM / RCPT TO / DATA are repeated on the open connection. STARTTLS as configured
/// (required or opportunistic) on smtp://, implicit TLS on smtps://, AUTH when a user is
/// set, certificate checks on unless switched off, connect and transfer timeouts, no signals.
/// `curl_global_init` must have run before the first instance is made (see curl_global).
class smtp_transport final : public transport {
public:
    explicit smtp_transport(mail_settings const& settings);
    ~smtp_transport() override;
    smtp_transport(smtp_transport const&) = delete;
    smtp_transport& operator=(smtp_transport const&) = delete;

    delivery_result send(envelope const& to, std::string const& message, long long id) override;
    void close() override;

    /// Connections opened so far (1 while reuse works), for tests and metrics.
    [[nodiscard]] long connections_opened() const { return connects_; }

private:
    void open();

    mail_settings const& settings_;
    void* curl_ = nullptr;  // CURL*, kept out of the header
    long connects_ = 0;
};

/// Calls curl_global_init once for the process lifetime (thread-safe; before threads start
/// is best, as libcurl asks).
void curl_global();

}  // namespace samverkan::mail
