#pragma once

// The events module's settings as the program reads them.
namespace samverkan::server {
class settings;
}

namespace samverkan::events {

struct event_settings {
    unsigned page_cache_ms = 1000;  ///< how old the public listing snapshot may get
};

/// page-cache-ms.
void add_event_settings(server::settings& s, event_settings& out);

}  // namespace samverkan::events
