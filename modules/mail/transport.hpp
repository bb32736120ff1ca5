#pragma once

#include "modules/mail/mail_types.hpp"

#include <memory>
#include <string>

namespace samverkan::mail {

struct mail_settings;

/// Where finished messages go. Blocking: used only on the mail thread pool, one instance
/// per sender loop (not shared between threads).
class transport {
public:
    virtual ~transport() = default;

    /// Sends one message. `id` is the outbox row (the file transport names files by it).
    virtual delivery_result send(envelope const& to, std::string const& message, long long id) = 0;

    /// The queue is empty for now: drop the connection rather than hold it idle.
    virtual void close() {}
};

/// SMTP when `smtp-url` is set, else .eml files under `mail-dir`.
[[nodiscard]] std::unique_ptr<transport> make_transport(mail_settings const& settings);

}  // namespace samverkan::mail
