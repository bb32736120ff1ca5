#include "modules/registrations/registration_settings.hpp"

#include "server/settings.hpp"

#include <boost/program_options/value_semantic.hpp>

#include <stdexcept>

namespace samverkan::registrations {

void add_registration_settings(server::settings& s, registration_settings& out) {
    namespace po = server::po;
    // The switch reads "the lock is off"; the settings keep "the lock is on".
    s.options().add_options()(
        "registration-rate-limit", po::value(&out.rate_limit)->default_value(out.rate_limit),
        "seats (attendees) one client address may register per minute, shared by all "
        "instances: a registration of four counts four; 0 turns the limit off")(
        "manage-rate-limit",
        po::value(&out.manage_rate_limit)->default_value(out.manage_rate_limit),
        "requests a minute through one registration's manage links (page and API), and five "
        "times as many per client address; beyond: 429")(
        "unsafe-disable-seat-lock",
        po::bool_switch()->notifier([&out](bool off) { out.lock_seats = !off; }),
        "TESTS ONLY: registrations read the event without locking it, so capacity can be "
        "exceeded; the concurrency tests' negative control uses it")(
        "idempotency-cleanup-seconds",
        po::value(&out.idempotency_cleanup_seconds)->default_value(out.idempotency_cleanup_seconds),
        "how often Idempotency-Key answers older than 24 hours (they hold manage links) are "
        "deleted");
}

void registration_settings::finish(std::string public_base_url) {
    if (rate_limit < 0) throw std::runtime_error("registration-rate-limit: must be 0 or more");
    if (manage_rate_limit < 1) throw std::runtime_error("manage-rate-limit: must be at least 1");
    if (idempotency_cleanup_seconds < 1)
        throw std::runtime_error("idempotency-cleanup-seconds: must be at least 1");
    base_url = std::move(public_base_url);
}

}  // namespace samverkan::registrations
