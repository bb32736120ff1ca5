#pragma once

// Forward declarations of the services come with the module's routes header.
#include "modules/invitations/invitation_routes.hpp"

namespace samverkan::invitations {

/// The organisers' page of an event's invitations and messages (Swedish, no JavaScript):
/// GET /staff/events/{id}/invitations shows queued / sent / failed and two forms (the
/// invitation form lists the register's organisations as checkboxes);
/// POST /staff/events/{id}/invitations sends a round (303 back with the counts; 422 with the
/// choices kept when the form is wrong);
/// POST /staff/events/{id}/messages previews (the page again, with the mail) or sends a
/// message to attendees chosen by status (303 back).
void register_invitation_pages(server::router& routes, invitation_service& service,
                               organisations::organisation_service& organisations,
                               mail::mail_service& mail, auth::auth_service& auth,
                               core::page_renderer const& pages);

}  // namespace samverkan::invitations
