#pragma once

#include <string_view>

namespace samverkan::server {

/// Tells the service manager (systemd, `Type=notify`) the service's state — "READY=1" once
/// it serves, "STOPPING=1" when it begins to stop — as sd_notify(3) does: one datagram to
/// the Unix socket named by $NOTIFY_SOCKET (a path, or "@name" in the abstract namespace).
/// Without the variable (not started by systemd) it does nothing; a failure is ignored, as
/// the service works the same either way. No library: the protocol is this one datagram.
void notify_service_manager(std::string_view state);

}  // namespace samverkan::server
