#pragma once

#include "modules/core/staff.hpp"

#include <string>
#include <vector>

namespace samverkan::invitations {

/// Somebody to invite: from a contact of an organisation, or an extra recipient.
struct recipient {
    long long organisation_id = 0;  ///< 0 for an extra recipient
    std::string organisation_name;
    std::string email;
    std::string name;
};

/// POST /api/v1/events/{id}/invitations, validated.
struct invitation_request {
    std::string audience;  ///< all | agreement_members | selected
    std::vector<long long> organisation_ids;
    std::vector<recipient> extra_recipients;
    bool resend = false;
};

/// What an invitation round did.
struct invitation_summary {
    long long queued = 0;
    long long skipped_unsubscribed = 0;
    long long skipped_already_invited = 0;
};

/// One invitation with the state of its mail: queued, sent or failed.
struct invitation_row {
    long long id = 0;
    long long organisation_id = 0;
    std::string organisation_name;
    std::string email;
    std::string name;
    std::string status;
    std::string last_error;
    long long created_at = 0;
    long long sent_at = 0;  ///< 0 when not sent
};

struct invitation_status {
    long long queued = 0;
    long long sent = 0;
    long long failed = 0;
    std::vector<invitation_row> invitations;
};

/// A message from an organiser to an event's attendees, by group: confirmed, waitlisted,
/// attended, no_show. Validated.
struct message_request {
    std::string subject;
    std::string body;
    std::vector<std::string> statuses;
};

/// Who makes a change (for the audit log).
using actor = core::actor;

}  // namespace samverkan::invitations
