#pragma once

// The privacy module's settings as the program reads them (DESIGN.md "Interfaces").
#include "modules/privacy/privacy_types.hpp"

#include <string>

namespace samverkan::server {
class settings;
}

namespace samverkan::privacy {

struct privacy_settings {
    unsigned retention_days = 365;        ///< after an event's end: attendees, contacts, invitees
    unsigned needs_retention_days = 7;    ///< after an event's end: dietary and accessibility needs
    unsigned outbox_retention_days = 30;  ///< after sending: a message's body and recipient
    unsigned retention_check_seconds = 3600;
    std::string controller_name = "Kristianstads kommun";
    std::string controller_contact;

    /// Checks ranges (needs go no later than names); throws std::runtime_error naming the
    /// setting.
    void finish() const;
};

/// retention-days, needs-retention-days, outbox-retention-days, retention-check-seconds,
/// controller-name, controller-contact.
void add_privacy_settings(server::settings& s, privacy_settings& out);

}  // namespace samverkan::privacy
