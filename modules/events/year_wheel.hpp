#pragma once

// The year wheel (årshjul) of the public start page: the year's dialogue conference and
// theme meetings on an annual wheel, drawn as SVG on the server (months around the circle,
// January at the top, clockwise). Each event is a link to its page, reachable by keyboard
// with a visible focus, numbered like the list beside the wheel, which is the text
// alternative. Its texts are the catalogue's "wheel.*" (web/messages/events.msg).
#include "modules/core/messages.hpp"
#include "modules/events/event_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::events {

/// The year the wheel shows at `now`: the Stockholm year of the first upcoming dialogue
/// conference or theme meeting in `upcoming` (by start), else the current year.
[[nodiscard]] int wheel_year(std::vector<event> const& upcoming, long long now);

/// Whether the wheel shows `e`: a published dialogue conference or theme meeting.
[[nodiscard]] bool on_the_wheel(event const& e);

/// The wheel and its list as one HTML fragment (a <section>), for the events of `year` in
/// `events` that are on the wheel; events that ended before `now` are marked as held.
/// Empty when there is none.
[[nodiscard]] std::string year_wheel_html(int year, std::vector<event> const& events, long long now,
                                          core::wording const& words);

}  // namespace samverkan::events
