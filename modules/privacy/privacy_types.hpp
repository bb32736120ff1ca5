#pragma once

#include "modules/core/staff.hpp"

namespace samverkan::privacy {

/// Who asks: a staff member (user 0 for the command line and the daily job) and from where.
using core::actor;

/// How long personal data is kept (DESIGN.md "Security and privacy"): days after an event's
/// end for its attendees, contacts and invitees, sooner for needs, and days after sending
/// for a message's body. The staff side follows the auth module's own rules.
struct retention_policy {
    unsigned retention_days = 365;
    unsigned needs_retention_days = 7;
    unsigned outbox_retention_days = 30;
    long long session_idle_seconds = 3600;
    long long login_attempt_keep_seconds = 24 * 3600;
};

/// What one retention run did (or, dry, would do): the gallringslogg's entry.
struct retention_counts {
    bool dry_run = false;
    long long identities_before = 0;  ///< epoch seconds: events that ended before lose names
    long long needs_before = 0;       ///< … and before this, their needs
    long long messages_before = 0;    ///< mail sent or failed before this loses its body
    long long attendees_anonymised = 0;
    long long registrations_anonymised = 0;
    long long needs_removed = 0;
    long long invitations_anonymised = 0;
    long long messages_purged = 0;
    long long sessions_deleted = 0;
    long long login_attempts_deleted = 0;
    long long rate_limits_deleted = 0;
};

/// What the erasure of one address changed (API.md "Personal data": `erased`).
struct erase_counts {
    long long registrations = 0;
    long long attendees = 0;
    long long contacts = 0;
    long long invitations = 0;
    long long messages = 0;
};

}  // namespace samverkan::privacy
