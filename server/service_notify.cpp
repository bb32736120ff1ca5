#include "server/service_notify.hpp"

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace samverkan::server {

void notify_service_manager(std::string_view state) {
    char const* path = std::getenv("NOTIFY_SOCKET");
    if (path == nullptr) return;
    std::size_t const length = std::strlen(path);
    sockaddr_un address{};
    if (length < 2 || length >= sizeof address.sun_path || (path[0] != '/' && path[0] != '@'))
        return;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path, length);
    if (path[0] == '@') address.sun_path[0] = '\0';  // abstract namespace: no file
    int const fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    auto const size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + length);
    (void)::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL,
                   reinterpret_cast<sockaddr const*>(&address), size);
    ::close(fd);
}

}  // namespace samverkan::server
