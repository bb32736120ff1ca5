#pragma once

#include "modules/mail/mail_templates.hpp"
#include "modules/mail/mail_types.hpp"

#include <boost/json/fwd.hpp>

#include <string>

namespace samverkan::mail {

struct mail_settings;

/// A message ready for the transport.
struct composed_message {
    mail::envelope envelope;
    std::string data;  ///< RFC 5322, CRLF line ends
};

/// The values a template sees: the payload's fields (minus any dietary or accessibility
/// field, which never goes into a mail), `recipient_name`, `base_url`, `sv`/`en` flags and,
/// when the row refers to an event, `event` with its title, venue, address, Stockholm date
/// and times in the row's language, RFC 3339 times, its public `url` and `cancelled`; and
/// `door_url` (core/door_link.hpp) when the payload has a valid `door_code`.
[[nodiscard]] boost::json::object template_data(outbox_row const& row, std::string const& base_url);

/// Turns outbox rows into finished messages. One per sender thread (it caches parsed
/// templates). Throws std::invalid_argument when a row cannot become a safe message (bad
/// address, bad payload): such a row is failed at once, never retried.
class message_composer {
public:
    message_composer(mail_settings const& settings, std::string base_url,
                     template_library const& templates);

    [[nodiscard]] composed_message compose(outbox_row const& row, long long now);

private:
    mail_settings const& settings_;
    std::string base_url_;
    template_cache templates_;
};

/// The door link's QR code as a PNG for mail, and its side in pixels.
struct door_image {
    std::string png;
    int pixels = 0;
};

[[nodiscard]] door_image door_qr_image(std::string const& door_url);

/// Whether a template shows the door link's QR code (an inline image) to those with a seat.
[[nodiscard]] bool carries_door_link(std::string_view template_name);

/// Whether a template carries the event as a calendar attachment.
[[nodiscard]] bool attaches_calendar(std::string_view template_name);

}  // namespace samverkan::mail
