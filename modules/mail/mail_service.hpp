#pragma once

#include "modules/mail/mail_templates.hpp"
#include "modules/mail/mail_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::db {
class database;
}

namespace samverkan::mail {

/// What admins and organisers do with mail: look at the outbox, queue failed messages again,
/// preview a template for an event. No HTTP here.
class mail_service {
public:
    mail_service(db::database& db, template_library const& templates, std::string base_url);

    /// The newest messages (at most `limit`), of one status or all ("").
    asio::awaitable<std::vector<outbox_entry>> list(std::string status, int limit);

    asio::awaitable<std::map<std::string, long long>> counts();

    /// A failed message back to pending; false when there is no such failed message.
    asio::awaitable<bool> requeue(long long id, actor who);

    asio::awaitable<long long> requeue_all_failed(actor who);

    /// The template rendered for `event_id` with sample values (as a recipient would see
    /// it, minus the personal link); nullopt when the event does not exist. The fields of
    /// `overrides_json` (an object, e.g. a message's subject and body) replace the samples.
    asio::awaitable<std::optional<rendered_mail>> preview(std::string template_name,
                                                          std::string language, long long event_id,
                                                          std::string overrides_json = "{}");

private:
    db::database& db_;
    template_library const& templates_;
    std::string base_url_;
};

}  // namespace samverkan::mail
