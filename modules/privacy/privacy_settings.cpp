#include "modules/privacy/privacy_settings.hpp"

#include "modules/core/text.hpp"
#include "server/settings.hpp"

#include <boost/program_options/value_semantic.hpp>

#include <stdexcept>

namespace samverkan::privacy {

void add_privacy_settings(server::settings& s, privacy_settings& out) {
    namespace po = server::po;
    s.options().add_options()(
        "retention-days", po::value(&out.retention_days)->default_value(out.retention_days),
        "days after an event's end before its attendees, registration contacts and invitees "
        "are anonymised (organisation, affiliation, status and attendance stay)")(
        "needs-retention-days",
        po::value(&out.needs_retention_days)->default_value(out.needs_retention_days),
        "days after an event's end before its attendees' dietary and accessibility needs are "
        "removed (at most retention-days)")(
        "outbox-retention-days",
        po::value(&out.outbox_retention_days)->default_value(out.outbox_retention_days),
        "days after a message was sent (or failed) before its body, recipient and links are "
        "purged from the outbox")(
        "retention-check-seconds",
        po::value(&out.retention_check_seconds)->default_value(out.retention_check_seconds),
        "how often each instance asks whether the daily retention run is due (one instance "
        "does it, once a day); the first time this long after start")(
        "controller-name", po::value(&out.controller_name)->default_value(out.controller_name),
        "the controller (personuppgiftsansvarig) named on the privacy page")(
        "controller-contact",
        po::value(&out.controller_contact)->default_value(out.controller_contact),
        "how to reach the controller and its data protection officer, shown on the privacy "
        "page (set it)");
}

void privacy_settings::finish() const {
    if (retention_days < 1) throw std::runtime_error("retention-days: must be at least 1");
    if (needs_retention_days > retention_days)
        throw std::runtime_error("needs-retention-days: must not be more than retention-days");
    if (retention_days > 36500) throw std::runtime_error("retention-days: at most 36500");
    if (outbox_retention_days > 36500)
        throw std::runtime_error("outbox-retention-days: at most 36500");
    if (retention_check_seconds < 1)
        throw std::runtime_error("retention-check-seconds: must be at least 1");
    if (controller_name.empty() || !core::clean_text(controller_name, false))
        throw std::runtime_error("controller-name: must be a name on one line");
    if (!core::clean_text(controller_contact, false))
        throw std::runtime_error("controller-contact: must be one line of text");
}

}  // namespace samverkan::privacy
