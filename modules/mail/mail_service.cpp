#include "modules/mail/mail_service.hpp"

#include "modules/audit/audit.hpp"
#include "modules/core/database.hpp"
#include "modules/core/json_input.hpp"
#include "modules/mail/mail.hpp"
#include "modules/mail/mail_templates.hpp"
#include "modules/mail/message_composer.hpp"
#include "modules/mail/mime.hpp"
#include "modules/mail/outbox_repository.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace samverkan::mail {

namespace json = boost::json;

namespace {

boost::json::object sample_payload(long long event_id, std::string const& base_url,
                                   std::string const& language) {
    bool const sv = language != "en";
    boost::json::array attendees{
        {{"id", 1}, {"name", "Anna Åkesson"}, {"status", "confirmed"}},
        {{"id", 2}, {"name", "Örjan Lindström"}, {"status", sv ? "waitlisted" : "waitlisted"}}};
    return {{"event", {{"id", event_id}}},
            {"contact_name", "Anna Åkesson"},
            {"organisation_name", sv ? "Exempelföreningen" : "Example Association"},
            {"attendees", std::move(attendees)},
            {"status", "confirmed"},
            {"manage_url", base_url + "/r/EXEMPEL"},
            {"invitation_url",
             base_url + "/events/" + std::to_string(event_id) + "/register?invitation=EXEMPEL"},
            {"unsubscribe_url", base_url + "/unsubscribe/EXEMPEL"},
            {"reason", sv ? "Exempel på orsak" : "Example reason"},
            {"subject", sv ? "Exempel på ämne" : "Example subject"},
            {"body", sv ? "Exempel på meddelande." : "Example message."},
            {"door_code", "0123456789abcdef0123456789abcdef"}};
}

}  // namespace

std::vector<std::string_view> const& template_names() {
    // The templates the outbox door knows (samverkan_mail_payload_keys, sql/functions/20_mail.sql;
    // a test holds the two lists equal).
    static std::vector<std::string_view> const names{
        "invitation",      "confirmation", "waitlisted",  "promoted", "changed",        "cancelled",
        "event_cancelled", "reminder",     "manage_link", "message",  "contact_changed"};
    return names;
}

bool enqueue(soci::session& sql, outbox_message const& m) {
    return repository::insert(sql, m);
}

mail_service::mail_service(db::database& db, template_library const& templates,
                           std::string base_url)
    : db_(db), templates_(templates), base_url_(std::move(base_url)) {}

asio::awaitable<std::vector<outbox_entry>> mail_service::list(std::string status, int limit) {
    co_return co_await db_.run(
        [&](soci::session& sql) { return repository::list(sql, status, limit); });
}

asio::awaitable<std::map<std::string, long long>> mail_service::counts() {
    co_return co_await db_.run([](soci::session& sql) { return repository::count_by_status(sql); });
}

asio::awaitable<bool> mail_service::requeue(long long id, actor who) {
    co_return co_await db_.transact([id, &who](soci::session& sql) {
        if (!repository::requeue(sql, id)) return false;
        audit::record(sql, {who.user_id, "outbox.requeue", "outbox", id, "{}", who.client_address});
        return true;
    });
}

asio::awaitable<long long> mail_service::requeue_all_failed(actor who) {
    co_return co_await db_.transact([&who](soci::session& sql) {
        auto const n = repository::requeue_all_failed(sql);
        auto const detail = json::serialize(json::object{{"requeued", n}});
        audit::record(
            sql, {who.user_id, "outbox.requeue_failed", "outbox", 0, detail, who.client_address});
        return n;
    });
}

asio::awaitable<std::optional<rendered_mail>> mail_service::preview(std::string template_name,
                                                                    std::string language,
                                                                    long long event_id,
                                                                    std::string overrides_json) {
    auto const event = co_await db_.run(
        [event_id](soci::session& sql) { return repository::find_event(sql, event_id); });
    if (!event) co_return std::nullopt;
    outbox_row row;
    row.template_name = template_name;
    row.language = language;
    row.recipient_name = "Anna Åkesson";
    auto payload = sample_payload(event_id, base_url_, language);
    auto const overrides = boost::json::parse(overrides_json);
    if (overrides.is_object())
        for (auto const& [key, value] : overrides.get_object()) payload[key] = value;
    row.payload_json = boost::json::serialize(payload);
    row.event = event;
    auto data = template_data(row, base_url_);
    // A page shows no cid: image; the preview has it inline (the staff pages allow data:).
    if (auto const* url = data.if_contains("door_url"); url && url->is_string()) {
        auto const image = door_qr_image(std::string{url->get_string()});
        data["door_image"] = "data:image/png;base64," + base64(image.png);
        data["door_image_pixels"] = image.pixels;
    }
    co_return templates_.render(template_name, language, data);
}

}  // namespace samverkan::mail
