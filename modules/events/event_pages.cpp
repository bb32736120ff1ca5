#include "modules/events/event_pages.hpp"

#include "modules/core/page_language.hpp"
#include "modules/core/pages.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "modules/events/year_wheel.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <array>
#include <memory>
#include <mutex>

namespace samverkan::events {

namespace {

/// The start page rendered once per listing snapshot and language, so serving it costs a
/// string copy.
class start_page_cache {
public:
    std::shared_ptr<std::string const> get(event_listing::snapshot const& source,
                                           event_listing::wheel_snapshot const& wheel,
                                           core::page_renderer const& pages, core::language lang) {
        auto& slot = slots_[static_cast<std::size_t>(lang)];
        {
            std::lock_guard lock(mutex_);
            if (source == slot.source && wheel == slot.wheel) return slot.html;
        }
        auto const words = pages.words(lang);
        boost::json::array items;
        for (auto const& e : *source) items.push_back(event_view(e, words));
        auto const other = lang == core::language::sv ? "en" : "sv";
        boost::json::object data{
            {"title", words("start.title")},
            {"events", std::move(items)},
            {"has_events", !source->empty()},
            {"alternate", {{"href", std::string{"/?lang="} + other}, {"lang", other}}}};
        if (wheel)
            data["year_wheel"] =
                year_wheel_html(wheel->year, wheel->events, event_service::now(), words);
        auto html = std::make_shared<std::string const>(pages.render_page("index", data, lang));
        std::lock_guard lock(mutex_);
        slot = {source, wheel, html};
        return html;
    }

private:
    struct slot_type {
        event_listing::snapshot source;
        event_listing::wheel_snapshot wheel;
        std::shared_ptr<std::string const> html;
    };

    std::mutex mutex_;
    std::array<slot_type, 2> slots_;
};

}  // namespace

void register_event_pages(server::router& routes, event_listing& listing,
                          core::page_renderer const& pages) {
    auto cache = std::make_shared<start_page_cache>();
    routes.add(
        http::verb::get, "/",
        [&listing, &pages, cache](server::request& req) -> asio::awaitable<server::response> {
            auto const lang = core::page_language(req);
            auto const snapshot = co_await listing.upcoming();
            auto const html = cache->get(snapshot, listing.wheel(), pages, lang);
            auto res = server::html_response(200, *html);
            res.set(http::field::cache_control, "no-cache");
            res.set(http::field::vary, "Accept-Language, Cookie");
            core::remember_language(res, req);
            co_return res;
        });
}

}  // namespace samverkan::events
