#pragma once

namespace samverkan::server {
class router;
struct access;
}  // namespace samverkan::server

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::privacy {

class privacy_service;
struct privacy_settings;

/// API.md "Personal data" (admin): GET /api/v1/subjects?email=, POST /api/v1/subjects/erase.
/// `admin` is the program's guard for admins (the module needs none of auth's internals).
void register_privacy_routes(server::router& routes, privacy_service& service,
                             server::access const& admin);

/// The admin's page for a data subject's rights: /admin/subjects (search, the JSON, erase
/// with a confirmation). Addresses travel in POST bodies, never in a URL (proxies log those).
void register_subject_pages(server::router& routes, privacy_service& service,
                            server::access const& admin, core::page_renderer const& pages);

/// The public statements in Swedish and English: GET /privacy (integritet och
/// personuppgifter) and GET /accessibility (tillgänglighetsredogörelse).
void register_statement_pages(server::router& routes, privacy_settings const& settings,
                              core::page_renderer const& pages);

}  // namespace samverkan::privacy
