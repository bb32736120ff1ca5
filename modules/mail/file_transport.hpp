#pragma once

#include "modules/mail/transport.hpp"

#include <filesystem>

namespace samverkan::mail {

/// Development transport: each message becomes `<dir>/outbox-<id>.eml` (written to a
/// temporary name, then renamed, so a reader never sees half a file). Sending a row again
/// rewrites the same file. A message holds personal links (bearer secrets) and names, so
/// each file is created mode 0600 whatever the umask, and a folder it creates 0700.
class file_transport final : public transport {
public:
    explicit file_transport(std::filesystem::path dir);

    delivery_result send(envelope const& to, std::string const& message, long long id) override;

private:
    std::filesystem::path dir_;
};

}  // namespace samverkan::mail
