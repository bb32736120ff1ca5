#pragma once

#include <optional>
#include <string>
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
};

}  // namespace samverkan::events
