#include "modules/events/event_settings.hpp"

#include "server/settings.hpp"

#include <boost/program_options/value_semantic.hpp>

namespace samverkan::events {

void add_event_settings(server::settings& s, event_settings& out) {
    s.options().add_options()(
        "page-cache-ms", server::po::value(&out.page_cache_ms)->default_value(out.page_cache_ms),
        "how old the public event listing may be before it is read again");
}

}  // namespace samverkan::events
