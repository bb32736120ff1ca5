#pragma once

namespace samverkan::server {
class router;
class settings;
}  // namespace samverkan::server

namespace samverkan::db {
class database;
}

namespace samverkan::core {

/// Routes for the end-to-end tests of the transport and error handling, under /_test/.
/// Registered only when the `enable-test-routes` setting is on (never in production):
///   POST /_test/echo      JSON {"name": 1–50 chars} → 200 echo (400/415/422 otherwise)
///   GET  /_test/slow?ms=N answers after N ms without blocking a thread
///   GET  /_test/fail      throws an unexpected exception (500)
///   GET  /_test/db        one database round trip (503 when the database is down)
void register_diagnostic_routes(server::router& routes, db::database& db);

/// enable-test-routes: whether register_diagnostic_routes is called.
void add_diagnostic_settings(server::settings& s, bool& enabled);

}  // namespace samverkan::core
