#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::events {

/// An event as stored; times are seconds since the epoch (UTC).
struct event {
    long long id = 0;
    std::string kind;
    std::string title;
    std::string theme;
    std::string description;
    long long starts_at = 0;
    long long ends_at = 0;
    std::string venue;
    std::string address;
    int capacity = 0;
    std::optional<int> max_per_organisation;
    bool waitlist = true;
    bool food = false;
    std::optional<long long> registration_opens_at;
    std::optional<long long> registration_closes_at;
    std::vector<std::string> priority_areas;
    std::string status;
    std::string cancel_reason;
    int confirmed_count = 0;
    int waitlisted_count = 0;

    [[nodiscard]] int seats_left() const {
        return capacity > confirmed_count ? capacity - confirmed_count : 0;
    }

    /// Whether the public form takes registrations at `now` (seconds since the epoch):
    /// published, not started, inside the opening window. Seats are not considered.
    [[nodiscard]] bool registration_open(long long now) const {
        return status == "published" && starts_at > now &&
               (!registration_opens_at || *registration_opens_at <= now) &&
               (!registration_closes_at || *registration_closes_at >= now);
    }
};

inline constexpr std::array<std::string_view, 3> event_kinds{"dialogue_conference", "theme_meeting",
                                                             "other"};
inline constexpr std::array<std::string_view, 3> priority_area_codes{"collaboration_learning",
                                                                     "participation", "democracy"};

/// Filters of the event lists; empty optionals do not filter.
struct event_filter {
    std::optional<long long> from;  ///< events ending after this time
    std::optional<long long> to;    ///< events starting before this time
    std::optional<std::string> kind;
    bool include_all = false;  ///< staff: drafts, cancelled and past events too
};

/// The staff member behind a change, for the audit log.
struct actor {
    long long user_id = 0;
    std::string client_address;
};

}  // namespace samverkan::events
