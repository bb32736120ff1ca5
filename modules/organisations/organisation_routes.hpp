#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::auth {
class auth_service;
}

namespace samverkan::organisations {

class organisation_service;

/// The register's API (organiser): GET|POST /api/v1/organisations (GET takes ?q=, ?kind=,
/// ?area=, ?agreement=members), GET|PATCH /api/v1/organisations/{id}, and
/// POST /api/v1/organisations/import with a text/csv body.
void register_organisation_routes(server::router& routes, organisation_service& service,
                                  auth::auth_service& auth);

}  // namespace samverkan::organisations
