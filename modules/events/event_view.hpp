#pragma once

#include "modules/events/event_types.hpp"

#include <boost/json/fwd.hpp>

#include <string_view>

namespace samverkan::events {

/// What a page template needs to show an event: Stockholm dates and times in the page's
/// language, and the seats-left line.
[[nodiscard]] boost::json::object event_view(event const& e, std::string_view language = "sv");

}  // namespace samverkan::events
