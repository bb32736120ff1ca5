#pragma once

#include "modules/core/staff.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::events {

/// Why an event takes registrations or not (the database type registration_window).
enum class registration_window { open, draft, cancelled, started, not_open_yet, deadline_passed };

/// "open" → registration_window::open …; throws std::invalid_argument for anything else.
[[nodiscard]] registration_window window_from_sql(std::string_view text);

/// Every value, in the order the database type declares them.
[[nodiscard]] std::array<std::string_view, 6> const& window_names();

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

    /// Whether the public form takes registrations, and if not why: worked out by the
    /// database's one window rule (samverkan_registration_window, sql/functions/35_events.sql)
    /// when the event is read. Seats are not considered.
    registration_window window = registration_window::draft;

    [[nodiscard]] int seats_left() const {
        return capacity > confirmed_count ? capacity - confirmed_count : 0;
    }

    [[nodiscard]] bool registration_open() const { return window == registration_window::open; }
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
using actor = core::actor;

}  // namespace samverkan::events
