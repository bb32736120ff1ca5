#include "modules/events/event_pages.hpp"

#include "modules/core/pages.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/events/year_wheel.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <memory>
#include <mutex>

namespace samverkan::events {

namespace {

/// The start page rendered once per listing snapshot, so serving it costs a string copy.
class start_page_cache {
public:
    std::shared_ptr<std::string const> get(event_listing::snapshot const& source,
                                           event_listing::wheel_snapshot const& wheel,
                                           core::page_renderer const& pages) {
        {
            std::lock_guard lock(mutex_);
            if (source == source_ && wheel == wheel_) return html_;
        }
        boost::json::array items;
        for (auto const& e : *source) items.push_back(event_view(e));
        boost::json::object data{{"title", "Samverkan – kommande träffar"},
                                 {"events", std::move(items)},
                                 {"has_events", !source->empty()}};
        if (wheel)
            data["year_wheel"] = year_wheel_html(wheel->year, wheel->events, event_service::now());
        auto html = std::make_shared<std::string const>(pages.render_page("index", data));
        std::lock_guard lock(mutex_);
        source_ = source;
        wheel_ = wheel;
        html_ = html;
        return html;
    }

private:
    std::mutex mutex_;
    event_listing::snapshot source_;
    event_listing::wheel_snapshot wheel_;
    std::shared_ptr<std::string const> html_;
};

}  // namespace

void register_event_pages(server::router& routes, event_listing& listing,
                          core::page_renderer const& pages) {
    auto cache = std::make_shared<start_page_cache>();
    routes.add(http::verb::get, "/",
               [&listing, &pages, cache](server::request&) -> asio::awaitable<server::response> {
                   auto const snapshot = co_await listing.upcoming();
                   auto const html = cache->get(snapshot, listing.wheel(), pages);
                   auto res = server::html_response(200, *html);
                   res.set(http::field::cache_control, "no-cache");
                   co_return res;
               });
}

}  // namespace samverkan::events
