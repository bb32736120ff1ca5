#pragma once

#include "modules/invitations/invitation_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace samverkan::db {
class database;
}

namespace samverkan::invitations {

/// Invitations to an event and the unsubscribe list. Rules here; no HTTP.
class invitation_service {
public:
    invitation_service(db::database& db, std::string base_url);

    /// Queues one invitation mail per recipient, each with its own link, in one transaction:
    /// contacts of the audience plus the extra recipients, each address once; addresses on
    /// the unsubscribe list are always skipped, addresses already invited to the event
    /// unless `resend`. 404 for an unknown event, 409 for a cancelled one.
    asio::awaitable<invitation_summary> invite(long long event_id, invitation_request request,
                                               actor who);

    /// What invite() would do now, without doing it: how many it would queue and skip (the
    /// same choice, so the page that asks to confirm says what sending will do).
    asio::awaitable<invitation_summary> plan(long long event_id, invitation_request request);

    /// Every invitation of the event with the state of its mail; 404 for an unknown event.
    asio::awaitable<invitation_status> status(long long event_id);

    /// The address behind an unsubscribe token; nullopt when the token is unknown.
    asio::awaitable<std::optional<std::string>> address_of(std::string token);

    /// Puts the token's address on the unsubscribe list; false for an unknown token.
    asio::awaitable<bool> unsubscribe(std::string token);

    /// Queues reminders for events starting within `days` days (see repository); the
    /// sender runs this every minute on every instance.
    asio::awaitable<long long> queue_reminders(int days);

    /// How many registrations a message to these groups would reach; 404 unknown event.
    asio::awaitable<long long> count_recipients(long long event_id, message_request request);

    /// Stores the message and queues one mail per registration reached (to its contact, in
    /// the registration's language); returns how many. 404 unknown event.
    asio::awaitable<long long> send_message(long long event_id, message_request request, actor who);

private:
    db::database& db_;
    std::string base_url_;
};

/// A new link token: 256 random bits, base64url without padding (43 characters).
[[nodiscard]] std::string new_token();

/// Whether `text` has the shape of a token, so that malformed links cost no query.
[[nodiscard]] bool looks_like_token(std::string_view text);

}  // namespace samverkan::invitations
