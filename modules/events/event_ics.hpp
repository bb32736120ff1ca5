#pragma once

#include "modules/events/event_types.hpp"

#include <string>
#include <vector>

namespace samverkan::events {

/// An iCalendar file (RFC 5545, METHOD:PUBLISH) with the Europe/Stockholm VTIMEZONE and one
/// VEVENT per event, DTSTART/DTEND as Stockholm local times. UIDs are "event-<id>@<host of
/// base_url>", stable across edits, so a calendar updates the entry instead of adding one.
[[nodiscard]] std::string events_ics(std::vector<event> const& items, std::string const& base_url,
                                     long long stamp);

}  // namespace samverkan::events
