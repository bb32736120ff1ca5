#pragma once

// Self-service through the personal manage link: look, change, add, cancel one attendee or
// all. Each change is one call of its rule function (sql/functions/40_registrations.sql),
// which holds the event row lock for that round trip only. Every call first passes the
// manage routes' limits (per registration and per client address: 429 with Retry-After).
// No HTTP here.
#include "modules/registrations/registration_settings.hpp"
#include "modules/registrations/registration_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>

namespace samverkan::db {
class database;
}

namespace samverkan::events {
class event_listing;
}

namespace samverkan::registrations {

/// Who is at the other end of a manage link: its token and where the request came from.
struct manage_caller {
    std::string token;
    std::string client_address;
};

/// A registration after a self-service call, and whether the call changed anything.
struct changed_registration {
    registration value;
    bool changed = true;
};

class self_service {
public:
    self_service(db::database& db, events::event_listing& listing,
                 registration_settings const& settings);

    /// The registration behind the token; 404 when unknown.
    asio::awaitable<registration> find(manage_caller caller);

    /// A new contact, changed attendees, added attendees (who queue for seats like new
    /// ones). A change that changes nothing sends nothing. 409 after the event started, for
    /// a cancelled registration or a contact e-mail another registration uses; 422 unknown
    /// attendee, more than 10, the organisation cap.
    asio::awaitable<changed_registration> change(manage_caller caller,
                                                 registration_changes changes);

    /// Cancels the whole registration; freed seats go to the waiting list.
    asio::awaitable<registration> cancel(manage_caller caller);

    /// The contact erases the registration (GDPR article 17): cancelled where the rules
    /// allow, names, addresses, phones and needs removed, the link dead afterwards. 404 as
    /// for every call through the link.
    asio::awaitable<void> erase(manage_caller caller);

    /// Cancels one attendee; a freed seat goes to the waiting list.
    asio::awaitable<registration> remove_attendee(manage_caller caller, long long attendee_id);

    /// The registration's door link (core/door_link.hpp) for its QR code; "" when it has
    /// no seat to show at the door.
    [[nodiscard]] std::string door_link_of(registration const& r) const;

private:
    template <class Rule>
    asio::awaitable<changed_registration> apply(manage_caller const& caller, Rule rule,
                                                bool path_names_attendee = false);

    asio::awaitable<long long> registration_of(manage_caller const& caller);

    db::database& db_;
    events::event_listing& listing_;
    registration_settings settings_;
};

}  // namespace samverkan::registrations
