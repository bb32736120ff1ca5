#include "modules/mail/file_transport.hpp"

#include "modules/mail/mail_settings.hpp"
#include "modules/mail/smtp_transport.hpp"

#include <fstream>
#include <system_error>

namespace samverkan::mail {

file_transport::file_transport(std::filesystem::path dir) : dir_(std::move(dir)) {}

delivery_result file_transport::send(envelope const&, std::string const& message, long long id) {
    auto const name = "outbox-" + std::to_string(id) + ".eml";
    auto const tmp = dir_ / ("." + name + ".tmp");
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(message.data(), static_cast<std::streamsize>(message.size()));
        if (!out.flush())
            return {delivery::temporary_failure, 0, "cannot write " + tmp.string(), true};
    }
    std::filesystem::rename(tmp, dir_ / name, ec);
    if (ec) return {delivery::temporary_failure, 0, "cannot rename: " + ec.message(), true};
    return {delivery::sent, 0, {}, false};
}

std::unique_ptr<transport> make_transport(mail_settings const& settings) {
    if (settings.file_transport()) return std::make_unique<file_transport>(settings.mail_dir);
    return std::make_unique<smtp_transport>(settings);
}

}  // namespace samverkan::mail
