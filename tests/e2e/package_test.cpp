// The Debian package as an administrator gets it: scripts/package builds it from this build
// tree; its files, conffile, dependencies and systemd unit are inspected, systemd-analyze
// scores the unit's exposure, lintian finds no error, the config file documents every
// setting, and (as root) it installs, runs as its own user and purges cleanly. Also the
// unit's Type=notify: the server tells systemd when it is ready and when it stops.
#include "tests/support/command.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace samverkan;
using namespace std::chrono_literals;

namespace {

// Runs a shell command, stdout and stderr together.
test::command_result run(std::string const& command) {
    return test::run_command(command + " 2>&1");
}

// scripts/package prints the .deb's path last.
std::filesystem::path last_line(std::string text) {
    while (!text.empty() && text.back() == '\n') text.pop_back();
    auto const newline = text.rfind('\n');
    return newline == std::string::npos ? text : text.substr(newline + 1);
}

std::string read_file(std::filesystem::path const& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Built once for the whole suite: packing takes seconds, lintian more.
struct built_package {
    std::filesystem::path dir;
    std::filesystem::path deb;
    std::filesystem::path tree;  // the data, unpacked
    std::filesystem::path control;

    built_package() {
        dir = std::filesystem::temp_directory_path() /
              ("samverkan-package-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        auto const built = run("SAMVERKAN_SKIP_BUILD=1 SAMVERKAN_BUILD_DIR='" SAMVERKAN_BUILD_DIR
                               "' '" SAMVERKAN_SOURCE_DIR "/scripts/package' '" +
                               dir.string() + "'");
        BOOST_TEST_REQUIRE(built.status == 0, built.output);
        deb = last_line(built.output);
        tree = dir / "tree";
        control = dir / "control";
        BOOST_TEST_REQUIRE(
            run("dpkg-deb -x '" + deb.string() + "' '" + tree.string() + "'").status == 0);
        BOOST_TEST_REQUIRE(
            run("dpkg-deb -e '" + deb.string() + "' '" + control.string() + "'").status == 0);
    }

    ~built_package() { std::filesystem::remove_all(dir); }

    [[nodiscard]] std::string field(std::string const& name) const {
        auto const r = run("dpkg-deb -f '" + deb.string() + "' " + name);
        return r.output.substr(0, r.output.find_last_not_of('\n') + 1);
    }
};

built_package& package() {
    static built_package built;  // one per test process, gone at exit
    return built;
}

bool is_root() {
    return ::geteuid() == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(debian_package)

BOOST_AUTO_TEST_CASE(the_package_holds_the_program_its_data_and_its_unit) {
    auto& p = package();
    BOOST_TEST(p.deb.filename().string() == "samverkan_" + p.field("Version") + "_amd64.deb");
    BOOST_TEST(p.field("Package") == "samverkan");
    BOOST_TEST(p.field("Architecture") == "amd64");
    for (auto const* path :
         {"usr/bin/samverkan", "usr/share/samverkan/web/templates/layout.mustache",
          "usr/share/samverkan/web/static/style.css",
          "usr/share/samverkan/mail_templates/sv/confirmation.txt",
          "usr/share/samverkan/mail_templates/en/invitation.html", "etc/samverkan/samverkan.conf",
          "lib/systemd/system/samverkan.service", "usr/share/doc/samverkan/copyright",
          "usr/share/doc/samverkan/changelog.gz", "usr/share/doc/samverkan/operations.md.gz",
          "usr/share/doc/samverkan/examples/nginx/samverkan.conf",
          "usr/share/man/man1/samverkan.1.gz"})
        BOOST_TEST(std::filesystem::exists(p.tree / path), path);
    // The sql files are inside the binary: nothing to install for them.
    BOOST_TEST(!std::filesystem::exists(p.tree / "usr/share/samverkan/sql"));
    // The conffile, 0640 in the archive; postinst gives it to the samverkan group.
    BOOST_TEST(read_file(p.control / "conffiles") == "/etc/samverkan/samverkan.conf\n");
    auto const listing = run("dpkg-deb -c '" + p.deb.string() + "'").output;
    BOOST_TEST(std::regex_search(
        listing, std::regex{R"(-rw-r----- root/root .* \./etc/samverkan/samverkan\.conf\n)"}));
    auto const postinst = read_file(p.control / "postinst");
    BOOST_TEST(postinst.find("adduser --system --group") != std::string::npos);
    BOOST_TEST(postinst.find("dpkg-statoverride --update --add root samverkan 0640 "
                             "/etc/samverkan/samverkan.conf") != std::string::npos);
    for (auto const* script : {"postinst", "prerm", "postrm"})
        BOOST_TEST(run("sh -n '" + (p.control / script).string() + "'").status == 0, script);
}

BOOST_AUTO_TEST_CASE(dependencies_are_the_runtime_libraries_dpkg_shlibdeps_found) {
    auto const depends = package().field("Depends");
    // Worked out before the message: the logger must not run commands that log themselves.
    auto const bytes = std::filesystem::file_size(package().deb);
    auto const installed_size = package().field("Installed-Size");
    BOOST_TEST_MESSAGE("Depends: " << depends << "; " << bytes << " bytes, Installed-Size "
                                   << installed_size << " KiB");
    for (auto const* library :
         {"adduser", "libc6", "libpq5", "libsoci-postgresql4.0", "libcurl4", "libsodium23",
          "libboost-json1.81.0", "libstdc++6", "libqrencode4", "zlib1g"})
        BOOST_TEST(depends.find(library) != std::string::npos, library);
    BOOST_TEST(depends.find("-dev") == std::string::npos);  // nothing of the build
}

BOOST_AUTO_TEST_CASE(the_installed_program_finds_its_files_under_usr_share) {
    auto const binary = package().tree / "usr/bin/samverkan";
    auto const help = run(binary.string() + " --help");
    BOOST_TEST_REQUIRE(help.status == 0, help.output);
    BOOST_TEST(help.output.find("--web-dir arg (=/usr/share/samverkan/web)") != std::string::npos);
    BOOST_TEST(help.output.find("(=/usr/share/samverkan/mail_templates)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_config_file_documents_every_setting) {
    auto const help = run("'" SAMVERKAN_BINARY "' --help");
    BOOST_TEST_REQUIRE(help.status == 0);
    auto const conf = read_file(package().tree / "etc/samverkan/samverkan.conf");
    BOOST_TEST(conf == read_file(SAMVERKAN_SOURCE_DIR "/deploy/debian/samverkan.conf"));
    std::regex const option{R"(^  (?:-\w \[ )?--([a-z0-9-]+))"};
    std::set<std::string> settings;
    std::istringstream lines{help.output};
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, option)) settings.insert(m[1]);
    }
    BOOST_TEST(settings.size() > 40u);
    for (auto const& name : settings) {
        if (name == "help" || name == "config") continue;  // not settings a file can hold
        std::regex const documented{"(^|\\n)#? ?" + name + " = "};
        BOOST_TEST(std::regex_search(conf, documented), name << " is not in samverkan.conf");
    }
}

BOOST_AUTO_TEST_CASE(the_unit_is_hardened_and_systemd_analyze_scores_it_low) {
    auto const unit_path = package().tree / "lib/systemd/system/samverkan.service";
    auto const unit = read_file(unit_path);
    for (auto const* line :
         {"Type=notify", "User=samverkan", "ExecStartPre=/usr/bin/samverkan migrate",
          "ExecStart=/usr/bin/samverkan serve", "Restart=on-failure", "NoNewPrivileges=yes",
          "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
          "ReadWritePaths=/var/lib/samverkan/mail\n", "CapabilityBoundingSet=\n",
          "SystemCallFilter=@system-service", "WantedBy=multi-user.target"})
        BOOST_TEST(unit.find(line) != std::string::npos, line);
    auto const analysed =
        run("cd / && systemd-analyze security --offline=true '" + unit_path.string() + "'");
    std::smatch m;
    std::regex const overall{R"(Overall exposure level for samverkan\.service: ([0-9.]+))"};
    BOOST_TEST_REQUIRE(std::regex_search(analysed.output, m, overall), analysed.output);
    double const score = std::stod(m[1]);
    BOOST_TEST_MESSAGE("systemd-analyze security exposure: " << score);
    BOOST_TEST(score <= 3.0);
}

BOOST_AUTO_TEST_CASE(lintian_reports_no_error) {
    auto const lint = run("lintian --tag-display-limit 0 '" + package().deb.string() + "'");
    BOOST_TEST_MESSAGE("lintian:\n" << lint.output);
    BOOST_TEST(lint.status == 0);
    BOOST_TEST(lint.output.find("E: ") == std::string::npos);
}

// Installs it on this machine for real (root only: CI is), then purges it again.
BOOST_AUTO_TEST_CASE(it_installs_runs_as_its_own_user_and_purges,
                     *boost::unit_test::precondition([](auto) { return is_root(); })) {
    auto const apt =
        std::string{"DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y "};
    auto const installed =
        run(apt + "--no-install-recommends install '" + package().deb.string() + "'");
    BOOST_TEST_REQUIRE(installed.status == 0, installed.output);

    struct purge_at_end {
        std::string apt;

        ~purge_at_end() { run(apt + "purge samverkan"); }
    } const purge{apt};

    BOOST_TEST(run("getent passwd samverkan").status == 0);
    BOOST_TEST(run("stat -c '%a %U %G' /etc/samverkan/samverkan.conf").output ==
               "640 root samverkan\n");
    BOOST_TEST(run("stat -c '%U %G' /var/lib/samverkan/mail").output == "samverkan samverkan\n");
    // The service's user reads the config file and the templates under /usr/share…
    auto const as_service = run("runuser -u samverkan -- /usr/bin/samverkan routes");
    BOOST_TEST(as_service.status == 0, as_service.output);
    BOOST_TEST(as_service.output.find("/api/v1/events") != std::string::npos);
    // … and nobody else may read the file that holds the passwords.
    auto const as_other = run("runuser -u nobody -- /usr/bin/samverkan routes");
    BOOST_TEST(as_other.status != 0);
    BOOST_TEST(as_other.output.find("/etc/samverkan/samverkan.conf") != std::string::npos);
    auto const purged = run(apt + "purge samverkan");
    BOOST_TEST(purged.status == 0, purged.output);
    BOOST_TEST(!std::filesystem::exists("/etc/samverkan/samverkan.conf"));
    BOOST_TEST(!std::filesystem::exists("/var/lib/samverkan"));
    BOOST_TEST(run("dpkg-statoverride --list /etc/samverkan/samverkan.conf").status != 0);
}

BOOST_AUTO_TEST_SUITE_END()

// systemd's notify protocol, received the way systemd does: a datagram socket named by
// NOTIFY_SOCKET (abstract, as systemd uses).
BOOST_AUTO_TEST_SUITE(service_notify, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_server_tells_systemd_it_is_ready_and_stopping) {
    std::string const name = "samverkan-notify-" + std::to_string(::getpid());
    int const fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_TEST_REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path + 1, name.data(), name.size());  // abstract: leading NUL
    auto const size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
    BOOST_TEST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0);
    timeval wait{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    auto const receive = [fd] {
        char buffer[256] = {};
        auto const n = ::recv(fd, buffer, sizeof buffer - 1, 0);
        return n > 0 ? std::string{buffer, static_cast<std::size_t>(n)} : std::string{};
    };
    test::test_database database;
    test::server_process::options options;
    options.env["NOTIFY_SOCKET"] = "@" + name;
    {
        test::server_process server{database.url(), options};  // returns once /readyz is 200
        BOOST_TEST(receive() == "READY=1");
        server.send_signal(SIGTERM);
        BOOST_TEST(receive() == "STOPPING=1");
        BOOST_TEST(server.wait_exit(20s) == 0);
    }
    ::close(fd);
}

BOOST_AUTO_TEST_SUITE_END()
