#pragma once

#include "modules/events/event_types.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace samverkan::registrations {

/// The public event page with an empty form, rendered once per version of the event: the
/// page template is far costlier than serving a string (~1 ms against ~50 µs), and public
/// pages must stay cheap. The only per-visitor part, the form's idempotency token, is a
/// placeholder in the cached text, replaced per request.
class event_page_cache {
public:
    /// Stands for the form token in cached pages.
    static constexpr std::string_view token_placeholder =
        "FORMTOKENPLACEHOLDER0000000000000000000000";

    /// What the page shows of `e`; a page cached under another key is stale.
    [[nodiscard]] static std::string key(events::event const& e);

    /// The cached page of event `id` when it was rendered for `key`, else nullptr.
    [[nodiscard]] std::shared_ptr<std::string const> find(long long id,
                                                          std::string const& key) const;

    void store(long long id, std::string key, std::shared_ptr<std::string const> html);

    /// The cached page with the placeholder replaced by `token`.
    [[nodiscard]] static std::string with_token(std::string const& html, std::string_view token);

private:
    static constexpr std::size_t max_pages = 1000;
    mutable std::mutex mutex_;
    std::map<long long, std::pair<std::string, std::shared_ptr<std::string const>>> pages_;
};

}  // namespace samverkan::registrations
