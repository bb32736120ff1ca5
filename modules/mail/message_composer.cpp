#include "modules/mail/message_composer.hpp"

#include "modules/core/door_link.hpp"
#include "modules/core/icalendar.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/qr_code.hpp"
#include "modules/core/time.hpp"
#include "modules/mail/mail_settings.hpp"
#include "modules/mail/mime.hpp"

#include <boost/json.hpp>

#include <array>
#include <stdexcept>

namespace samverkan::mail {

namespace {

// Special-category data (health, sometimes religion) must never be e-mailed, whatever a
// caller put into the payload.
constexpr std::array<std::string_view, 3> never_mailed{"dietary", "dietary_other", "accessibility"};

void strip_private(boost::json::value& v) {
    if (v.is_object()) {
        auto& o = v.get_object();
        for (auto const key : never_mailed) o.erase(key);
        for (auto& [key, item] : o) strip_private(item);
    } else if (v.is_array()) {
        for (auto& item : v.get_array()) strip_private(item);
    }
}

boost::json::object event_data(event_details const& e, std::string const& language,
                               std::string const& base_url) {
    auto const start = core::from_epoch(e.starts_at);
    auto const end = core::from_epoch(e.ends_at);
    boost::json::object out{
        {"id", e.id},
        {"title", e.title},
        {"date", core::format_date(start, language)},
        {"start_time", core::format_time(start, language)},
        {"end_time", core::format_time(end, language)},
        {"end_date", core::format_date(end, language)},
        {"multi_day", core::format_date(start, language) != core::format_date(end, language)},
        {"starts_at", core::to_rfc3339(start)},
        {"ends_at", core::to_rfc3339(end)},
        {"url", base_url + "/events/" + std::to_string(e.id)},
        {"cancelled", e.status == "cancelled"}};
    // Mustache treats "" as true: an empty field is left out so {{#venue}} hides its line.
    if (!e.venue.empty()) out["venue"] = e.venue;
    if (!e.address.empty()) out["address"] = e.address;
    return out;
}

std::string calendar_for(outbox_row const& row, event_details const& e, std::string const& base_url,
                         long long now) {
    long long const stamp = row.created_at > 0 ? row.created_at : now;
    return core::icalendar({core::calendar_entry_of(e, base_url, stamp)});
}

// Mustache cannot compare: give each attendee flags for its status, and the list its own.
void add_attendee_flags(boost::json::object& data) {
    auto* list = data.if_contains("attendees");
    bool any = false;
    bool waitlisted = false;
    if (list != nullptr && list->is_array()) {
        for (auto& item : list->get_array()) {
            if (!item.is_object()) continue;
            auto& a = item.get_object();
            // A copy: inserting the flags below may move the object's values.
            auto const* status = a.if_contains("status");
            std::string const s =
                status && status->is_string() ? std::string{status->get_string()} : std::string{};
            a["is_confirmed"] = s == "confirmed";
            a["is_waitlisted"] = s == "waitlisted";
            a["is_cancelled"] = s == "cancelled";
            waitlisted = waitlisted || s == "waitlisted";
            any = true;
        }
    }
    data["has_attendees"] = any;
    data["any_waitlisted"] = waitlisted;
}

// Where the payload names a registration's door code, the link its QR code holds.
void add_door_url(boost::json::object& data, std::string const& base_url) {
    auto const* code = data.if_contains("door_code");
    if (code && code->is_string() && core::valid_door_code(code->get_string()))
        data["door_url"] = core::door_link(base_url, code->get_string());
}

}  // namespace

door_image door_qr_image(std::string const& door_url) {
    constexpr int module_pixels = 5;
    auto const matrix = core::qr_encode(door_url);
    return {core::qr_png(matrix, module_pixels),
            (matrix.size + 2 * core::qr_quiet_zone) * module_pixels};
}

bool carries_door_link(std::string_view template_name) {
    return template_name == "confirmation" || template_name == "promoted";
}

bool attaches_calendar(std::string_view template_name) {
    return template_name == "confirmation" || template_name == "promoted";
}

boost::json::object template_data(outbox_row const& row, std::string const& base_url) {
    boost::json::value payload;
    try {
        payload = boost::json::parse(row.payload_json.empty() ? "{}" : row.payload_json);
    } catch (std::exception const&) {
        throw std::invalid_argument("outbox payload is not JSON");
    }
    if (!payload.is_object()) throw std::invalid_argument("outbox payload is not a JSON object");
    strip_private(payload);
    auto data = std::move(payload.get_object());
    if (!data.contains("recipient_name")) data["recipient_name"] = row.recipient_name;
    data["base_url"] = base_url;
    add_attendee_flags(data);
    add_door_url(data, base_url);
    data["sv"] = row.language != "en";
    data["en"] = row.language == "en";
    if (row.event) {
        // The payload's own event fields stay (e.g. "kind"); the current row's win.
        boost::json::object merged;
        if (auto const* given = data.if_contains("event"); given && given->is_object())
            merged = given->get_object();
        for (auto& [key, value] : event_data(*row.event, row.language, base_url))
            merged[key] = value;
        data["event"] = std::move(merged);
    }
    return data;
}

message_composer::message_composer(mail_settings const& settings, std::string base_url,
                                   template_library const& templates)
    : settings_(settings), base_url_(std::move(base_url)), templates_(templates) {}

composed_message message_composer::compose(outbox_row const& row, long long now) {
    if (!core::valid_email(row.recipient_email) || !header_safe(row.recipient_email))
        throw std::invalid_argument("invalid recipient address");
    auto data = template_data(row, base_url_);
    mime_message m;
    auto const* door_url = data.if_contains("door_url");
    if (door_url && door_url->is_string() && carries_door_link(row.template_name)) {
        auto image = door_qr_image(std::string{door_url->get_string()});
        auto const cid = "door-qr." + std::to_string(row.id) + "@" + settings_.domain();
        data["door_image"] = "cid:" + cid;
        data["door_image_pixels"] = image.pixels;
        m.inline_images.push_back({"image/png", cid, "qr.png", std::move(image.png)});
    }
    auto const language = row.language == "en" ? "en" : "sv";
    auto const mail = templates_.render(row.template_name, language, data);
    m.from_name = settings_.from_name;
    m.from_address = settings_.from_address;
    m.to_name = row.recipient_name;
    m.to_address = row.recipient_email;
    m.subject = mail.subject;
    m.text = mail.text;
    m.html = mail.html;
    m.message_id = "outbox-" + std::to_string(row.id) + "." + std::to_string(row.created_at) + "@" +
                   settings_.domain();
    m.date = now;
    if (auto const* url = data.if_contains("unsubscribe_url"); url && url->is_string())
        m.list_unsubscribe_url = std::string{url->get_string()};
    if (row.event && attaches_calendar(row.template_name))
        m.attachments.push_back({"text/calendar; charset=UTF-8; method=PUBLISH",
                                 language == std::string_view{"en"} ? "event.ics" : "evenemang.ics",
                                 calendar_for(row, *row.event, base_url_, now)});
    return {{settings_.from_address, {row.recipient_email}}, build_mime(m)};
}

}  // namespace samverkan::mail
