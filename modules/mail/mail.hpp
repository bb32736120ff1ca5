#pragma once

// The mail module's public face for other modules: queue an e-mail inside your own
// transaction. Everything else (sender, transports, MIME, templates) stays behind it.
//
//     db.transact([&](soci::session& sql) {
//         ... the change ...
//         mail::enqueue(sql, {.idempotency_key = "confirmation:registration:41",
//                             .template_name = "confirmation", .language = "sv",
//                             .recipient_email = email, .recipient_name = name,
//                             .payload_json = payload});
//     });
//
// The mail is sent after the transaction commits, at least once, by the outbox sender of
// any running instance; a rollback drops it with the change.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::mail {

/// One e-mail to queue. `payload_json` is a JSON object whose fields the template uses; an
/// `"event_id"` in it makes the sender add the event's current details (`event.title`,
/// `event.date`, …) and, for confirmation and promoted, the calendar attachment.
struct outbox_message {
    std::string idempotency_key;  ///< one cause → one mail, e.g. "confirmation:attendee:41"
    std::string template_name;    ///< a name from template_names()
    std::string language = "sv";  ///< "sv" or "en"
    std::string recipient_email;
    std::string recipient_name;
    std::string payload_json = "{}";
    std::optional<long long> not_before;  ///< epoch seconds; now when empty
};

/// Inserts the message into the outbox with the caller's session (and so its transaction).
/// Returns false when a message with the same idempotency key exists already (nothing is
/// written then). Throws std::invalid_argument for an unknown template or language, an
/// invalid recipient address, control characters (CR, LF …) in the address or name, or a
/// payload that is not a JSON object: nothing that could reach a mail header unchecked.
bool enqueue(soci::session& sql, outbox_message const& message);

/// Every template the sender can render: invitation, confirmation, waitlisted, promoted,
/// changed, cancelled, event_cancelled, reminder, manage_link, message.
[[nodiscard]] std::vector<std::string_view> const& template_names();

}  // namespace samverkan::mail
