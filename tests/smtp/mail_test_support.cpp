#include "tests/smtp/mail_test_support.hpp"

#include "modules/core/database.hpp"
#include "modules/mail/mail_templates.hpp"
#include "modules/mail/outbox_sender.hpp"
#include "server/logger.hpp"
#include "tests/support/command.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include <csignal>
#include <cstdio>
#include <future>
#include <random>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace samverkan::test {

namespace {

std::vector<std::string> split_words(std::string const& text) {
    std::istringstream in{text};
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::filesystem::path fresh_dir(std::string const& prefix) {
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() /
               (prefix + std::to_string(rd()) + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

// What `command` printed; the test stops when it fails.
std::string output_of(std::string const& command) {
    auto const run = test::run_command(command);
    BOOST_REQUIRE_MESSAGE(run.status == 0, command + " failed: " + run.output.substr(0, 2000));
    return run.output;
}

}  // namespace

smtp_sink::smtp_sink() : spool_(fresh_dir("samverkan-mail-")) {
    start();
}

smtp_sink::~smtp_sink() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(spool_, ec);
}

void smtp_sink::start() {
    auto words = split_words(service_env("SAMVERKAN_TEST_SMTP_SINK"));
    words.insert(words.end(), {"--host", "127.0.0.1", "--port", std::to_string(port_), "--spool",
                               spool_.string()});
    int out[2];
    BOOST_REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    BOOST_REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive a crashed test
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::close(out[1]);
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c = 0;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    BOOST_REQUIRE_MESSAGE(line.starts_with("ready "), "SMTP sink did not start: " + line);
    port_ = static_cast<unsigned short>(std::stoi(line.substr(6)));
}

void smtp_sink::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::string smtp_sink::url() const {
    return "smtp://127.0.0.1:" + std::to_string(port_);
}

std::size_t smtp_sink::count() const {
    std::size_t n = 0;
    for (auto const& e : std::filesystem::directory_iterator(spool_))
        if (e.path().extension() == ".eml") ++n;
    return n;
}

bool smtp_sink::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
    auto const end = std::chrono::steady_clock::now() + timeout;
    while (count() < n) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

boost::json::value smtp_sink::parsed() const {
    return parse_mail(spool_.string());
}

boost::json::value parse_mail(std::string const& paths) {
    auto const script = std::filesystem::path(SAMVERKAN_SOURCE_DIR) / "tests/support/mime_check.py";
    return boost::json::parse(output_of("/usr/bin/python3 " + script.string() + " " + paths));
}

mail::mail_settings test_mail_settings(std::string const& smtp_url) {
    mail::mail_settings s;
    s.smtp_url = smtp_url;
    s.mail_from = "Samverkan Kristianstad <samverkan@kristianstad.example>";
    s.templates_dir = SAMVERKAN_DEFAULT_MAIL_TEMPLATES_DIR;
    s.poll_ms = 50;
    s.retry_min_seconds = 1;
    s.retry_max_seconds = 1;
    s.lease_seconds = 30;
    s.smtp_connect_timeout_ms = 2000;
    s.smtp_timeout_ms = 5000;
    s.finish();
    return s;
}

struct running_sender::impl {
    impl(test_database& database, mail::mail_settings s)
        : settings(std::move(s)),
          templates(settings.templates_dir),
          log(stderr),
          db(database.url(), 2),
          sender(db, settings, "https://samverkan.example", templates, log) {}

    mail::mail_settings settings;
    mail::template_library templates;
    server::logger log;
    db::database db;
    mail::outbox_sender sender;
    asio::io_context ioc;
    std::thread thread;
    bool stopped = false;
};

running_sender::running_sender(test_database& database, mail::mail_settings settings)
    : impl_(std::make_unique<impl>(database, std::move(settings))) {
    impl_->sender.start(impl_->ioc);
    impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

running_sender::~running_sender() {
    stop();
}

void running_sender::stop() {
    if (impl_->stopped) return;
    impl_->stopped = true;
    impl_->sender.stop([this] { impl_->ioc.stop(); });
    impl_->thread.join();
}

bool wait_outbox_settled(test_database& database, std::chrono::milliseconds timeout) {
    auto const end = std::chrono::steady_clock::now() + timeout;
    while (database.scalar("select count(*) from outbox where status = 'pending'") > 0) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return true;
}

long long insert_event(test_database& database, std::string const& title,
                       std::string const& starts_at, std::string const& ends_at,
                       std::string const& venue) {
    long long id = 0;
    database.db().with_session([&](soci::session& sql) {
        sql << "insert into events (kind, title, starts_at, ends_at, venue, address, capacity,"
               " status) values ('theme_meeting', :title, cast(:s as timestamptz),"
               " cast(:e as timestamptz), :venue, 'Västra Storgatan 6, Kristianstad', 60,"
               " 'published') returning id",
            soci::use(title, "title"), soci::use(starts_at, "s"), soci::use(ends_at, "e"),
            soci::use(venue, "venue"), soci::into(id);
    });
    return id;
}

}  // namespace samverkan::test
