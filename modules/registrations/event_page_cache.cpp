#include "modules/registrations/event_page_cache.hpp"

namespace samverkan::registrations {

std::string event_page_cache::key(events::event const& e) {
    // Everything the page shows, the registration window (which moves with the clock) too.
    std::string k;
    auto add = [&k](std::string_view part) {
        k.append(part).push_back('\x1f');
    };
    for (auto const& text :
         {e.kind, e.title, e.theme, e.description, e.venue, e.address, e.status, e.cancel_reason})
        add(text);
    for (auto n :
         {e.starts_at, e.ends_at, static_cast<long long>(e.capacity),
          static_cast<long long>(e.confirmed_count), static_cast<long long>(e.waitlisted_count),
          e.registration_opens_at.value_or(-1), e.registration_closes_at.value_or(-1),
          static_cast<long long>(e.max_per_organisation.value_or(-1))})
        add(std::to_string(n));
    for (auto const& area : e.priority_areas) add(area);
    add(e.waitlist ? "w" : "-");
    add(e.food ? "f" : "-");
    add(events::window_names()[static_cast<std::size_t>(e.window)]);
    return k;
}

std::shared_ptr<std::string const> event_page_cache::find(long long id,
                                                          std::string const& key) const {
    std::lock_guard lock(mutex_);
    auto const it = pages_.find(id);
    if (it == pages_.end() || it->second.first != key) return nullptr;
    return it->second.second;
}

void event_page_cache::store(long long id, std::string key,
                             std::shared_ptr<std::string const> html) {
    std::lock_guard lock(mutex_);
    if (pages_.size() >= max_pages) pages_.clear();  // a bound, not an eviction policy
    pages_[id] = {std::move(key), std::move(html)};
}

std::string event_page_cache::with_token(std::string const& html, std::string_view token) {
    std::string out = html;
    auto const at = out.find(token_placeholder);
    if (at != std::string::npos) out.replace(at, token_placeholder.size(), token);
    return out;
}

}  // namespace samverkan::registrations
