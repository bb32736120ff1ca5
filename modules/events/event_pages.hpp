#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::events {

class event_listing;

/// Public HTML pages of the events module: the start page.
void register_event_pages(server::router& routes, event_listing& listing,
                          core::page_renderer const& pages);

}  // namespace samverkan::events
