#include "app/route_table.hpp"

#include "app/application.hpp"
#include "modules/audit/audit_routes.hpp"
#include "modules/auth/auth_pages.hpp"
#include "modules/auth/auth_routes.hpp"
#include "modules/core/diagnostic_routes.hpp"
#include "modules/core/error_pages.hpp"
#include "modules/events/event_pages.hpp"
#include "modules/events/event_routes.hpp"
#include "modules/events/event_staff_pages.hpp"
#include "modules/invitations/invitation_routes.hpp"
#include "modules/mail/mail_routes.hpp"
#include "modules/organisations/organisation_pages.hpp"
#include "modules/organisations/organisation_routes.hpp"
#include "modules/privacy/privacy_routes.hpp"
#include "modules/registrations/door_link_routes.hpp"
#include "modules/registrations/registration_pages.hpp"
#include "modules/registrations/registration_routes.hpp"
#include "modules/registrations/registration_staff_pages.hpp"
#include "modules/reports/report_routes.hpp"
#include "server/operations.hpp"
#include "server/router.hpp"
#include "server/run_blocking.hpp"
#include "server/static_files.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <iostream>

namespace samverkan::app {

namespace {

// Links on the staff start page to the modules' staff pages (auth adds its own).
std::vector<auth::staff_link> staff_links() {
    using server::message;
    return {{"/staff/events", message::of("staff.home_link.events"), auth::role::steering},
            {"/staff/reports", message::of("staff.home_link.reports"), auth::role::steering},
            {"/staff/organisations", message::of("staff.home_link.organisations"),
             auth::role::organiser},
            {"/admin/outbox", message::of("staff.home_link.outbox"), auth::role::admin},
            {"/admin/subjects", message::of("staff.home_link.subjects"), auth::role::admin}};
}

void wire_operations(server::router& routes, application& a, app_settings const& app) {
    server::register_operations_routes(
        routes, a.stats,
        [&a]() -> asio::awaitable<bool> {
            if (!a.migrated) co_return false;
            co_return co_await server::run_blocking(
                a.db.workers(), [&a] { return db::migrations_current(a.db, a.migrations); });
        },
        app.http.metrics_allow);
    server::register_static_routes(routes, std::filesystem::path(app.http.web_dir) / "static");
    routes.set_page_error_renderer(core::html_error_pages(a.pages));
    routes.set_translator(a.messages.translator());
    if (app.test_routes) core::register_diagnostic_routes(routes, a.db);
}

}  // namespace

void wire_routes(server::router& routes, application& a, app_settings const& app) {
    wire_operations(routes, a, app);
    events::register_event_pages(routes, a.listing, a.pages);
    auth::register_auth_routes(routes, a.auth);
    auth::register_auth_pages(routes, a.auth, a.pages, staff_links());
    audit::register_audit_routes(routes, a.audit_log, auth::require(a.auth, auth::role::admin),
                                 a.pages);
    events::register_event_routes(routes, a.events, a.auth, app.http.base_url);
    events::register_event_staff_pages(routes, a.events, a.auth, a.pages);
    registrations::register_public_registration_routes(routes, a.registrations);
    registrations::register_self_service_routes(routes, a.self_service, a.events);
    registrations::register_staff_registration_routes(routes, a.staff_registrations, a.auth,
                                                      a.pages);
    registrations::register_registration_pages(routes, a.registrations, a.self_service, a.events,
                                               a.pages);
    registrations::register_registration_staff_pages(routes, a.staff_registrations, a.events,
                                                     a.auth, a.pages);
    registrations::register_door_link_route(routes, a.staff_registrations, a.auth);
    mail::register_mail_routes(routes, a.mail, a.auth, a.pages);
    organisations::register_organisation_routes(routes, a.organisations, a.auth, a.messages);
    organisations::register_organisation_pages(routes, a.organisations, a.auth, a.pages);
    invitations::register_invitation_routes(routes, a.invitations, a.organisations, a.mail, a.auth,
                                            a.pages);
    reports::register_report_routes(routes, a.reports, a.auth, a.pages);
    auto const admin = auth::require(a.auth, auth::role::admin);
    privacy::register_privacy_routes(routes, a.privacy, admin);
    privacy::register_subject_pages(routes, a.privacy, admin, a.pages);
    privacy::register_statement_pages(routes, app.privacy, a.pages);
}

void print_routes(server::router const& routes) {
    for (auto const& r : routes.routes()) {
        auto const method = http::to_string(r.method);
        std::cout << boost::json::serialize(boost::json::object{
                         {"method", std::string_view{method.data(), method.size()}},
                         {"pattern", r.pattern},
                         {"access", r.access.label}})
                  << "\n";
    }
}

}  // namespace samverkan::app
