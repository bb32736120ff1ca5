#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::auth {
class auth_service;
}

namespace samverkan::core {
class message_catalogue;
}

namespace samverkan::organisations {

class organisation_service;

/// The register's API (organiser): GET|POST /api/v1/organisations (GET takes ?q=, ?kind=,
/// ?area=, ?agreement=members), GET|PATCH /api/v1/organisations/{id}, and
/// POST /api/v1/organisations/import with a text/csv body (its rejected lines put into
/// English words from `messages`).
void register_organisation_routes(server::router& routes, organisation_service& service,
                                  auth::auth_service& auth,
                                  core::message_catalogue const& messages);

}  // namespace samverkan::organisations
