#pragma once

#include "modules/core/staff.hpp"

#include <optional>
#include <string>
#include <vector>

namespace samverkan::mail {

/// The event an outbox message refers to (payload "event_id"), read when it is sent so
/// that the mail carries the event's current details. Times are epoch seconds (UTC).
struct event_details {
    long long id = 0;
    std::string title;
    std::string venue;
    std::string address;
    std::string description;
    std::string status;
    long long starts_at = 0;
    long long ends_at = 0;
};

/// One claimed outbox row, as the sender sees it.
struct outbox_row {
    long long id = 0;
    std::string idempotency_key;
    std::string template_name;
    std::string language;
    std::string recipient_email;
    std::string recipient_name;
    std::string payload_json;
    int attempts = 0;          ///< including this one
    long long created_at = 0;  ///< epoch seconds
    std::optional<event_details> event;
};

/// An outbox row for the admin list.
struct outbox_entry {
    long long id = 0;
    std::string idempotency_key;
    std::string template_name;
    std::string language;
    std::string recipient_email;
    std::string status;
    int attempts = 0;
    std::string last_error;
    long long created_at = 0;
    std::optional<long long> next_attempt_at;
    std::optional<long long> sent_at;
};

/// What happened to one message at the transport.
enum class delivery { sent, temporary_failure, permanent_failure };

struct delivery_result {
    mail::delivery outcome = delivery::sent;
    long smtp_code = 0;              ///< last SMTP reply code, 0 when none
    std::string error;               ///< short text for `outbox.last_error`
    bool connection_failed = false;  ///< the connection or set-up failed, not this message
};

/// Who asks for a change (for the audit log).
using actor = core::actor;

/// The SMTP envelope and the finished RFC 5322 message (CRLF line ends).
struct envelope {
    std::string from;                     ///< bare address
    std::vector<std::string> recipients;  ///< bare addresses
};

}  // namespace samverkan::mail
