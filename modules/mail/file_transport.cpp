#include "modules/mail/file_transport.hpp"

#include "modules/mail/mail_settings.hpp"
#include "modules/mail/smtp_transport.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace samverkan::mail {

namespace {

// Writes `bytes` to a new file readable by its owner only (open's mode, then fchmod, which
// the umask cannot narrow or widen). Returns "" or what went wrong.
std::string write_private(std::filesystem::path const& path, std::string const& bytes) {
    int const fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) return std::strerror(errno);
    std::string failure;
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) failure = std::strerror(errno);
    std::size_t written = 0;
    while (failure.empty() && written < bytes.size()) {
        auto const n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) failure = std::strerror(errno);
        if (n > 0) written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0 && failure.empty()) failure = std::strerror(errno);
    return failure;
}

}  // namespace

file_transport::file_transport(std::filesystem::path dir) : dir_(std::move(dir)) {}

delivery_result file_transport::send(envelope const&, std::string const& message, long long id) {
    auto const name = "outbox-" + std::to_string(id) + ".eml";
    auto const tmp = dir_ / ("." + name + ".tmp");
    std::error_code ec;
    if (std::filesystem::create_directories(dir_, ec))
        std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, ec);
    if (auto const failure = write_private(tmp, message); !failure.empty())
        return {delivery::temporary_failure, 0, "cannot write " + tmp.string() + ": " + failure,
                true};
    std::filesystem::rename(tmp, dir_ / name, ec);
    if (ec) return {delivery::temporary_failure, 0, "cannot rename: " + ec.message(), true};
    return {delivery::sent, 0, {}, false};
}

std::unique_ptr<transport> make_transport(mail_settings const& settings) {
    if (settings.file_transport()) return std::make_unique<file_transport>(settings.mail_dir);
    return std::make_unique<smtp_transport>(settings);
}

}  // namespace samverkan::mail
