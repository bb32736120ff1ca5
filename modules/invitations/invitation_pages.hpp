#pragma once

// Forward declarations of the services come with the module's routes header.
#include "modules/invitations/invitation_routes.hpp"

namespace samverkan::invitations {

/// The organisers' page of an event's invitations and messages (Swedish, no JavaScript):
/// GET /staff/events/{id}/invitations shows queued / sent / failed and two forms (the
/// invitation form lists the register's organisations as checkboxes). Both forms first post
/// to a page that says what sending will do and asks to confirm (nothing is written):
/// POST …/invitations/confirm (how many are invited, how many skipped as unsubscribed or
/// invited already) and POST …/messages/confirm (how many registrations, the mail as it
/// will look); its "change" button posts the choices back to …/invitations/change or
/// …/messages/change (the page again, filled in). POST /staff/events/{id}/invitations sends
/// a round and POST /staff/events/{id}/messages sends a message (303 back with the counts;
/// 422 with the choices kept when the form is wrong).
void register_invitation_pages(server::router& routes, invitation_service& service,
                               organisations::organisation_service& organisations,
                               mail::mail_service& mail, auth::auth_service& auth,
                               core::page_renderer const& pages);

}  // namespace samverkan::invitations
