#include "server/settings.hpp"

#include "modules/core/database_settings.hpp"
#include "server/http_settings.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

using namespace samverkan;

namespace {

struct declared {
    server::settings s;
    server::http_settings http;
    db::database_settings db;

    declared() {
        server::add_http_settings(s, http, "/web");
        db::add_database_settings(s, db);
    }
};

std::string write_config(std::string const& text) {
    char path[] = "/tmp/samverkan-config-XXXXXX";
    int const fd = ::mkstemp(path);
    BOOST_TEST_REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(path) << text;
    return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(settings)

BOOST_AUTO_TEST_CASE(defaults_apply_when_nothing_is_given) {
    declared d;
    char const* env[] = {nullptr};
    d.s.load({}, env);
    d.http.finish();
    BOOST_TEST(d.http.host == "127.0.0.1");
    BOOST_TEST(d.http.port == 8080);
    BOOST_TEST(d.db.pool_size == 8u);
    BOOST_TEST(d.http.base_url == "http://127.0.0.1:8080");
}

BOOST_AUTO_TEST_CASE(flag_beats_environment_beats_file_beats_default) {
    auto const file = write_config("db-pool-size = 3\nio-threads = 3\nlisten = 127.0.0.1:7000\n");
    std::string const config_env = "SAMVERKAN_CONFIG=" + file;
    char const* env[] = {config_env.c_str(),
                         "SAMVERKAN_DB_POOL_SIZE=5",
                         "SAMVERKAN_IO_THREADS=4",
                         "SAMVERKAN_TEST_SOMETHING=ignored",
                         "OTHER=1",
                         nullptr};
    declared d;
    d.s.load({"--db-pool-size", "6"}, env);
    d.http.finish();
    BOOST_TEST(d.db.pool_size == 6u);     // flag
    BOOST_TEST(d.http.io_threads == 4u);  // environment over file
    BOOST_TEST(d.http.port == 7000);      // file over default
    std::remove(file.c_str());
}

BOOST_AUTO_TEST_CASE(environment_names_follow_the_flag_names) {
    BOOST_TEST(server::settings::environment_name("database-url") == "SAMVERKAN_DATABASE_URL");
    BOOST_TEST(server::settings::environment_name("registration-rate-limit") ==
               "SAMVERKAN_REGISTRATION_RATE_LIMIT");
    declared d;
    char const* env[] = {"SAMVERKAN_DATABASE_URL=host=/tmp dbname=x", nullptr};
    d.s.load({}, env);
    BOOST_TEST(d.db.url == "host=/tmp dbname=x");
}

BOOST_AUTO_TEST_CASE(a_bad_value_names_the_setting) {
    char const* env[] = {nullptr};
    declared bad_number;
    try {
        bad_number.s.load({"--db-pool-size", "many"}, env);
        BOOST_FAIL("expected an error");
    } catch (std::runtime_error const& e) {
        BOOST_TEST(std::string{e.what()}.find("db-pool-size") != std::string::npos);
    }
    declared bad_listen;
    bad_listen.s.load({"--listen", "localhost"}, env);
    try {
        bad_listen.http.finish();
        BOOST_FAIL("expected an error");
    } catch (std::runtime_error const& e) {
        BOOST_TEST(std::string{e.what()}.find("listen") == 0u);
    }
    declared unknown;
    BOOST_CHECK_THROW(unknown.s.load({"--no-such-setting", "1"}, env), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(help_lists_every_setting_and_the_environment_form) {
    declared d;
    auto const help = d.s.help_text("usage");
    for (auto const* name :
         {"--listen", "--base-url", "--io-threads", "--trusted-proxies", "--metrics-allow",
          "--max-connections-per-address", "--database-url", "--db-pool-size", "--max-body-bytes",
          "--header-timeout-ms", "--config"})
        BOOST_TEST(help.find(name) != std::string::npos, name);
    BOOST_TEST(help.find("SAMVERKAN_DB_POOL_SIZE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(trusted_proxies_are_parsed_and_checked) {
    char const* env[] = {nullptr};
    declared ok;
    ok.s.load({"--trusted-proxies", "127.0.0.1, ::1, 10.0.0.0/8, fd00::/8"}, env);
    ok.http.finish();
    BOOST_TEST(ok.http.trusted_proxies.size() == 4u);
    declared bad;
    bad.s.load({"--trusted-proxies", "127.0.0.1, proxy.internal"}, env);
    try {
        bad.http.finish();
        BOOST_FAIL("a host name was taken as a proxy address");
    } catch (std::runtime_error const& e) {
        BOOST_TEST(std::string{e.what()}.find("trusted-proxies: 'proxy.internal'") == 0u);
    }
}

BOOST_AUTO_TEST_CASE(metrics_are_readable_from_loopback_unless_configured) {
    char const* env[] = {nullptr};
    declared d;
    d.s.load({}, env);
    d.http.finish();
    BOOST_TEST(server::in_ranges(d.http.metrics_allow, asio::ip::make_address("127.0.0.1")));
    BOOST_TEST(server::in_ranges(d.http.metrics_allow, asio::ip::make_address("::1")));
    BOOST_TEST(!server::in_ranges(d.http.metrics_allow, asio::ip::make_address("192.0.2.1")));
    declared bad;
    bad.s.load({"--metrics-allow", "10.0.0.0/40"}, env);
    BOOST_CHECK_THROW(bad.http.finish(), std::runtime_error);
    declared zero;
    zero.s.load({"--max-connections-per-address", "0"}, env);
    BOOST_CHECK_THROW(zero.http.finish(), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
