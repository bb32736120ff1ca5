#pragma once

// What happens to seats when an event changes (events::seat_hooks): the changes run inside
// the events module's transaction, which holds the event row lock.
#include "modules/events/event_service.hpp"

#include <string>

namespace samverkan::registrations {

class seat_rules final : public events::seat_hooks {
public:
    explicit seat_rules(std::string base_url) : base_url_(std::move(base_url)) {}

    /// The capacity was raised: the new seats go to the waiting list, first come first.
    void capacity_raised(soci::session& sql, long long event_id) override;

    /// The event was cancelled: every active attendee is told.
    void event_cancelled(soci::session& sql, long long event_id) override;

    /// How many people event_cancelled would tell now.
    long long cancellation_recipients(soci::session& sql, long long event_id) override;

private:
    std::string base_url_;
};

}  // namespace samverkan::registrations
