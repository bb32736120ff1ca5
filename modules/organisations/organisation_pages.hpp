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

namespace samverkan::organisations {

class organisation_service;

/// The register's staff pages (organiser, Swedish, no JavaScript):
/// GET /staff/organisations (list and search), GET|POST /staff/organisations/new,
/// GET|POST /staff/organisations/{id} (edit, with contacts), GET|POST
/// /staff/organisations/import (paste a CSV file, see per-line errors). Posts answer 303.
void register_organisation_pages(server::router& routes, organisation_service& service,
                                 auth::auth_service& auth, core::page_renderer const& pages);

}  // namespace samverkan::organisations
