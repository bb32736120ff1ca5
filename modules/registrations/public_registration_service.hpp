#pragma once

// The public registration: anyone registers attendees for a published event, without an
// account. The rules are the database's (samverkan_register); this service builds the
// call, maps refusals to answers and keeps the listing fresh. No HTTP here.
#include "modules/registrations/registration_settings.hpp"
#include "modules/registrations/registration_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace samverkan::db {
class database;
}

namespace samverkan::events {
class event_listing;
}

namespace samverkan::registrations {

class public_registration_service {
public:
    public_registration_service(db::database& db, events::event_listing& listing,
                                registration_settings const& settings);

    /// Registers the attendees (seats in order, the rest to the waiting list) in one round
    /// trip; the receipt again for a repeated Idempotency-Key with the same body. Errors:
    /// 404 unknown or draft event, 409 registration_closed / event_full /
    /// duplicate_registration / conflict (the key with another body), 422 organisation cap,
    /// 429 too many seats from this address this minute.
    asio::awaitable<registration_receipt> register_attendees(
        long long event_id, registration_input input, std::optional<std::string> idempotency_key,
        std::string client_address);

    /// What the invitation link `token` fills into the form of `event_id`; nullopt when the
    /// token is not an invitation to that event.
    asio::awaitable<std::optional<invitation_prefill>> invitation(long long event_id,
                                                                  std::string token);

    /// Deletes Idempotency-Key answers older than their 24 hours of replay (they hold manage
    /// tokens); a periodic job. Returns how many.
    asio::awaitable<long long> forget_old_idempotency_keys();

    /// The personal link of a manage token.
    [[nodiscard]] std::string manage_url(std::string_view token) const;

private:
    db::database& db_;
    events::event_listing& listing_;
    registration_settings settings_;
};

}  // namespace samverkan::registrations
