#include "app/app_settings.hpp"

#include "modules/core/diagnostic_routes.hpp"
#include "server/settings.hpp"

namespace samverkan::app {

// The defaults below come from app/CMakeLists.txt: the source tree for the build, the
// package's paths for the installed program.
void declare_settings(server::settings& s, app_settings& app) {
#ifdef SAMVERKAN_DEFAULT_CONFIG_FILE
    s.set_default_config(SAMVERKAN_DEFAULT_CONFIG_FILE);
#endif
    server::add_http_settings(s, app.http, SAMVERKAN_DEFAULT_WEB_DIR);
    db::add_database_settings(s, app.db);
    auth::add_auth_settings(s, app.auth);
    events::add_event_settings(s, app.events);
    registrations::add_registration_settings(s, app.registrations);
    mail::add_mail_settings(s, app.mail, SAMVERKAN_PROGRAM_MAIL_TEMPLATES_DIR);
    privacy::add_privacy_settings(s, app.privacy);
    core::add_diagnostic_settings(s, app.test_routes);
}

void app_settings::finish() {
    http.finish();
    db.finish();
    mail.finish();
    registrations.finish(http.base_url);
    privacy.finish();
}

}  // namespace samverkan::app
