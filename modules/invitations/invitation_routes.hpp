#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::auth {
class auth_service;
}

namespace samverkan::mail {
class mail_service;
}

namespace samverkan::organisations {
class organisation_service;
}

namespace samverkan::invitations {

class invitation_service;

/// Organisers: POST|GET /api/v1/events/{id}/invitations and the page
/// GET /staff/events/{id}/invitations. Anyone with the link: GET|POST /unsubscribe/{token}
/// (the POST also answers mail clients' one-click List-Unsubscribe-Post). Organisers also:
/// POST /api/v1/events/{id}/messages {"subject","body","statuses","preview"}, a message to
/// the attendees in some groups, previewed (200, with the rendered mail) or sent (202).
/// `organisations` lists the register: the page's choices, and 422 for unknown ids.
void register_invitation_routes(server::router& routes, invitation_service& service,
                                organisations::organisation_service& organisations,
                                mail::mail_service& mail, auth::auth_service& auth,
                                core::page_renderer const& pages);

}  // namespace samverkan::invitations
