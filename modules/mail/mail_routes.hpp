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

/// Admins: GET /api/v1/outbox?status=pending|sent|failed, POST /api/v1/outbox/{id}/requeue,
/// POST /api/v1/outbox/requeue-failed, and the page GET /admin/outbox with its form posts.
/// Organisers: GET /api/v1/events/{id}/mail-preview?template=&language= and the page
/// GET /staff/events/{id}/mail-preview.
void register_mail_routes(server::router& routes, mail_service& mail, auth::auth_service& auth,
                          core::page_renderer const& pages);

}  // namespace samverkan::mail
