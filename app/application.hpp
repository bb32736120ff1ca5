#pragma once

// Everything `serve` builds once, in dependency order. The routes and jobs refer to these
// objects, which live until the program ends. The only place that knows every module.
#include "app/app_settings.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/core/database.hpp"
#include "modules/core/instance_heartbeat.hpp"
#include "modules/core/messages.hpp"
#include "modules/core/migrations.hpp"
#include "modules/core/pages.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/events/event_service.hpp"
#include "modules/invitations/invitation_service.hpp"
#include "modules/mail/mail_service.hpp"
#include "modules/mail/mail_templates.hpp"
#include "modules/mail/outbox_sender.hpp"
#include "modules/organisations/organisation_service.hpp"
#include "modules/privacy/privacy_service.hpp"
#include "modules/privacy/retention_job.hpp"
#include "modules/registrations/public_registration_service.hpp"
#include "modules/registrations/seat_rules.hpp"
#include "modules/registrations/self_service.hpp"
#include "modules/registrations/staff_registration_service.hpp"
#include "modules/reports/report_service.hpp"
#include "server/metrics.hpp"

#include <atomic>
#include <vector>

namespace samverkan::server {
class logger;
}

namespace samverkan::app {

struct application {
    application(app_settings const& app, server::logger& log);

    db::database db;
    db::instance_heartbeat heartbeat;
    core::message_catalogue const messages;
    core::page_renderer const pages;
    server::metrics stats;
    std::atomic<bool> migrated{false};
    std::vector<db::migration> const migrations;
    events::event_listing listing;
    auth::auth_service auth;
    audit::audit_service audit_log;
    events::event_service events;
    registrations::seat_rules seats;
    registrations::public_registration_service registrations;
    registrations::self_service self_service;
    registrations::staff_registration_service staff_registrations;
    mail::template_library const mail_templates;
    mail::mail_service mail;
    organisations::organisation_service organisations;
    invitations::invitation_service invitations;
    reports::report_service reports;
    mail::outbox_sender mail_sender;
    privacy::privacy_service privacy;
    privacy::retention_job retention;
};

/// How long personal data is kept: the privacy settings, and the auth module's own rules for
/// staff sessions and login attempts.
[[nodiscard]] privacy::retention_policy retention_policy_of(app_settings const& app,
                                                            auth::auth_settings const& auth);

/// The gauges of /metrics that read the services' state.
void add_gauges(application& a);

}  // namespace samverkan::app
