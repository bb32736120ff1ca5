#pragma once

#include "modules/core/messages.hpp"
#include "modules/events/event_types.hpp"

#include <boost/json/fwd.hpp>

#include <string_view>

namespace samverkan::events {

/// What a page template needs to show an event: Stockholm dates and times in the page's
/// language, the seats-left line, labels for kind and priority areas, and whether the form
/// takes registrations (the event's window as read).
[[nodiscard]] boost::json::object event_view(event const& e, core::wording const& words);

/// API.md's Event object: times in RFC 3339 with the Stockholm offset, seats left, the
/// waiting-list length and whether registration is open.
[[nodiscard]] boost::json::object event_json(event const& e);

/// "Tematräff" / "Theme meeting" for a kind code.
[[nodiscard]] std::string kind_label(std::string_view kind, core::wording const& words);

}  // namespace samverkan::events
