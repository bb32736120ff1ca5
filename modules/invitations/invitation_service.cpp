#include "modules/invitations/invitation_service.hpp"

#include "modules/audit/audit.hpp"
#include "modules/core/database.hpp"
#include "modules/core/text.hpp"
#include "modules/invitations/invitation_repository.hpp"
#include "server/api_error.hpp"

#include <boost/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace samverkan::invitations {

using server::api_error;
using server::error_kind;
using server::message;

namespace {

using core::lower_ascii;

struct selection {
    std::vector<recipient> people;
    invitation_summary summary;
};

// Each address once (the first contact wins); unsubscribed ones always out, already
// invited ones out unless this is a resend.
selection choose(soci::session& sql, long long event_id, invitation_request const& request) {
    auto all = repository::contacts(sql, request.audience, request.organisation_ids);
    all.insert(all.end(), request.extra_recipients.begin(), request.extra_recipients.end());
    std::vector<std::string> emails;
    for (auto const& p : all) emails.push_back(lower_ascii(p.email));
    auto const unsubscribed = repository::unsubscribed(sql, emails);
    auto const invited =
        request.resend ? std::set<std::string>{} : repository::invited(sql, event_id);
    selection out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!seen.insert(emails[i]).second) continue;
        if (unsubscribed.contains(emails[i])) {
            ++out.summary.skipped_unsubscribed;
        } else if (invited.contains(emails[i])) {
            ++out.summary.skipped_already_invited;
        } else {
            out.people.push_back(all[i]);
        }
    }
    return out;
}

api_error no_such_event() {
    return api_error(error_kind::not_found, message::of("invite.no_such_event"));
}

// The event must exist and take invitations (a cancelled one does not).
void check_invitable(std::optional<std::string> const& status) {
    if (!status) throw no_such_event();
    if (*status == "cancelled")
        throw api_error(error_kind::conflict, message::of("invite.event_cancelled"));
}

}  // namespace

std::string new_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

bool looks_like_token(std::string_view text) {
    return text.size() == 43 && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
           });
}

invitation_service::invitation_service(db::database& db, std::string base_url)
    : db_(db), base_url_(std::move(base_url)) {}

asio::awaitable<invitation_summary> invitation_service::invite(long long event_id,
                                                               invitation_request request,
                                                               actor who) {
    co_return co_await db_.transact([&](soci::session& sql) {
        check_invitable(repository::lock_event(sql, event_id));
        auto chosen = choose(sql, event_id, request);
        std::vector<std::string> tokens;
        for (std::size_t i = 0; i < chosen.people.size(); ++i) tokens.push_back(new_token());
        chosen.summary.queued = repository::insert(sql, event_id, chosen.people, tokens, base_url_);
        boost::json::array chosen_ids;
        for (auto const organisation : request.organisation_ids) chosen_ids.push_back(organisation);
        auto const detail = boost::json::serialize(
            boost::json::object{{"audience", request.audience},
                                {"organisation_ids", std::move(chosen_ids)},
                                {"queued", chosen.summary.queued},
                                {"skipped_unsubscribed", chosen.summary.skipped_unsubscribed},
                                {"skipped_already_invited", chosen.summary.skipped_already_invited},
                                {"resend", request.resend}});
        audit::record(
            sql, {who.user_id, "invitations.send", "event", event_id, detail, who.client_address});
        return chosen.summary;
    });
}

asio::awaitable<invitation_summary> invitation_service::plan(long long event_id,
                                                             invitation_request request) {
    co_return co_await db_.run([&](soci::session& sql) {
        check_invitable(repository::event_status(sql, event_id));
        auto chosen = choose(sql, event_id, request);
        chosen.summary.queued = static_cast<long long>(chosen.people.size());
        return chosen.summary;
    });
}

asio::awaitable<invitation_status> invitation_service::status(long long event_id) {
    co_return co_await db_.run([event_id](soci::session& sql) {
        if (!repository::lock_event(sql, event_id)) throw no_such_event();
        return repository::status(sql, event_id);
    });
}

asio::awaitable<long long> invitation_service::queue_reminders(int days) {
    co_return co_await db_.transact(
        [days](soci::session& sql) { return repository::queue_reminders(sql, days); });
}

asio::awaitable<long long> invitation_service::count_recipients(long long event_id,
                                                                message_request request) {
    co_return co_await db_.run([&](soci::session& sql) {
        if (!repository::lock_event(sql, event_id)) throw no_such_event();
        return repository::count_message_recipients(sql, event_id, request.statuses);
    });
}

asio::awaitable<long long> invitation_service::send_message(long long event_id,
                                                            message_request request, actor who) {
    co_return co_await db_.transact([&](soci::session& sql) {
        if (!repository::lock_event(sql, event_id)) throw no_such_event();
        auto const [id, n] = repository::queue_message(sql, event_id, request.subject, request.body,
                                                       request.statuses, who.user_id);
        auto const detail =
            boost::json::serialize(boost::json::object{{"message_id", id}, {"recipients", n}});
        audit::record(
            sql, {who.user_id, "event.message", "event", event_id, detail, who.client_address});
        return n;
    });
}

asio::awaitable<std::optional<std::string>> invitation_service::address_of(std::string token) {
    if (!looks_like_token(token)) co_return std::nullopt;
    co_return co_await db_.run(
        [&token](soci::session& sql) { return repository::email_of_token(sql, token); });
}

asio::awaitable<bool> invitation_service::unsubscribe(std::string token) {
    if (!looks_like_token(token)) co_return false;
    co_return co_await db_.transact([&token](soci::session& sql) {
        auto const email = repository::email_of_token(sql, token);
        if (!email) return false;
        repository::unsubscribe(sql, *email);
        return true;
    });
}

}  // namespace samverkan::invitations
