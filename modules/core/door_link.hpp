#pragma once

// The door link `<base-url>/staff/door/<door_code>`: what the QR code in a confirmation
// mail and on the manage page holds. It names a registration (sql/0011's door_code, not a
// secret) and leads a logged-in organiser to that attendee's check-in row; the page behind
// it needs a staff login, so nobody else learns anything from it. Registrations answer it,
// mail and the manage page draw it.
#include <string>
#include <string_view>

namespace samverkan::core {

/// A door code as the database makes them: 32 lower-case hex digits (a uuid without dashes).
[[nodiscard]] bool valid_door_code(std::string_view code);

/// `<base_url>/staff/door/<code>`; the code must be valid (std::invalid_argument).
[[nodiscard]] std::string door_link(std::string_view base_url, std::string_view code);

}  // namespace samverkan::core
