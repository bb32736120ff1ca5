#include "modules/events/event_ics.hpp"

#include "modules/core/icalendar.hpp"

namespace samverkan::events {

std::string events_ics(std::vector<event> const& items, std::string const& base_url,
                       long long stamp) {
    std::vector<core::calendar_entry> entries;
    entries.reserve(items.size());
    for (auto const& e : items) entries.push_back(core::calendar_entry_of(e, base_url, stamp));
    return core::icalendar(entries, "Samverkan – Kristianstad");
}

}  // namespace samverkan::events
