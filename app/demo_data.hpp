#pragma once

// `samverkan demo-data`: a living system in an empty database, made through the modules'
// services as staff and participants would make it (nothing is inserted behind their
// rules): the organisations the seed documents name, a dialogue conference each February
// and two theme meetings a year for the last four years, invitations, registrations by
// invented people (every name says "(påhittad)"), cancellations, a waiting list, check-ins
// and no-shows at the past events, and the next meetings open for registration.
#include <iosfwd>

namespace samverkan::server {
class logger;
}

namespace samverkan::app {

struct app_settings;

/// Loads the demo data; refuses (exit status 1, saying why on `err`) when the database
/// holds any organisation or event already. Writes what it made to `out`.
int load_demo_data(app_settings app, server::logger& log, std::ostream& out, std::ostream& err);

}  // namespace samverkan::app
