#include "modules/registrations/seat_rules.hpp"

#include "modules/registrations/registration_repository.hpp"

namespace samverkan::registrations {

void seat_rules::capacity_raised(soci::session& sql, long long event_id) {
    (void)repository::promote_waiting(sql, event_id, base_url_);
}

void seat_rules::event_cancelled(soci::session& sql, long long event_id) {
    repository::queue_event_cancelled(sql, event_id, base_url_);
}

long long seat_rules::cancellation_recipients(soci::session& sql, long long event_id) {
    return repository::count_event_cancelled(sql, event_id);
}

}  // namespace samverkan::registrations
