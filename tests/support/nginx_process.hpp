#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace samverkan::test {

/// Debian's nginx on a free loopback port in front of Samverkan instances, configured with
/// the repository's deploy/nginx snippets (samverkan-proxy.conf, samverkan-upstream.conf)
/// and plain HTTP (the TLS server block of deploy/nginx/samverkan.conf needs a certificate;
/// the tests make none). Static files come from the source tree's web/static. The
/// destructor stops nginx and removes its files.
class nginx_process {
public:
    /// `upstream_ports`: the instances' ports, one `server` line each.
    explicit nginx_process(std::vector<unsigned short> const& upstream_ports);
    nginx_process(nginx_process const&) = delete;
    nginx_process& operator=(nginx_process const&) = delete;
    ~nginx_process();

    [[nodiscard]] unsigned short port() const { return port_; }

    /// nginx's error log so far (for failure messages).
    [[nodiscard]] std::string error_log() const;

private:
    std::filesystem::path dir_;
    unsigned short port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace samverkan::test
