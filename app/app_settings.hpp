#pragma once

// Every module's settings in one struct: each part declares its own options, the program
// only collects them so that one `--help` and one precedence order cover them all.
#include "modules/auth/auth_settings.hpp"
#include "modules/core/database_settings.hpp"
#include "modules/events/event_settings.hpp"
#include "modules/mail/mail_settings.hpp"
#include "modules/privacy/privacy_settings.hpp"
#include "modules/registrations/registration_settings.hpp"
#include "server/http_settings.hpp"

namespace samverkan::server {
class settings;
}

namespace samverkan::app {

struct app_settings {
    server::http_settings http;
    db::database_settings db;
    auth::auth_options auth;
    events::event_settings events;
    registrations::registration_settings registrations;
    mail::mail_settings mail;
    privacy::privacy_settings privacy;
    bool test_routes = false;

    /// Checks every part after loading; throws std::runtime_error naming the setting.
    void finish();
};

/// Asks each part to declare its settings into `s`, writing into `app`.
void declare_settings(server::settings& s, app_settings& app);

}  // namespace samverkan::app
