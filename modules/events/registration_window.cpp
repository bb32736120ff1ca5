#include "modules/core/named_enum.hpp"
#include "modules/events/event_types.hpp"

namespace samverkan::events {

std::array<std::string_view, 6> const& window_names() {
    // The order of the database type registration_window (sql/0006).
    static constexpr std::array<std::string_view, 6> names{
        "open", "draft", "cancelled", "started", "not_open_yet", "deadline_passed"};
    return names;
}

registration_window window_from_sql(std::string_view text) {
    return core::enum_from_name<registration_window>(window_names(), text, "registration window");
}

}  // namespace samverkan::events
