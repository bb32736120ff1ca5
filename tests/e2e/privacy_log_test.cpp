// Nothing personal reaches the log (issue 8): a day's traffic — registration by form and API,
// changes and cancellation through the manage link, a staff login (a wrong password first)
// and reads, mail sent, malformed UTF-8 in a form and in JSON, and a PostgreSQL restart
// while registrations are in flight — and afterwards no line the server wrote holds a name,
// address, need, token or password of the test, and every line is a JSON object.
//
// The restart stops the cluster the other suites use, so this suite runs alone (RUN_SERIAL).
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace samverkan;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

fs::path mail_dir() {
    return fs::temp_directory_path() / ("samverkan-privacy-log-" + std::to_string(::getpid()));
}

struct log_fixture : test::registration_server {
    log_fixture()
        : registration_server(
              {"--registration-rate-limit", "0", "--mail-dir", mail_dir().string()}) {}

    ~log_fixture() { fs::remove_all(mail_dir()); }

    std::vector<std::string> secrets{"Zebulon",
                                     "Qwertyson",
                                     "zebulon.q@loggskan.example",
                                     "Ottilia",
                                     "ottilia.x@loggskan.example",
                                     "LOGGBEHOV",
                                     "LOGGKOST",
                                     "Formulina",
                                     "formulina@loggskan.example",
                                     "070-987 65 43",
                                     "Omstartina",
                                     "OMSTARTSBEHOV"};

    static json::object api_registration() {
        return json::object{
            {"contact",
             {{"name", "Zebulon Qwertyson"},
              {"email", "zebulon.q@loggskan.example"},
              {"phone", "070-987 65 43"}}},
            {"attendees", json::array{json::object{{"name", "Ottilia Qwertyson"},
                                                   {"email", "ottilia.x@loggskan.example"},
                                                   {"affiliation", "civil_society"},
                                                   {"dietary_other", "LOGGKOST"},
                                                   {"accessibility", "LOGGBEHOV"}}}},
            {"consent", true}};
    }

    // An API registration, read, changed and cancelled through its manage link.
    void register_change_and_cancel(long long event) {
        auto const created = post_registration(event, api_registration());
        BOOST_REQUIRE_EQUAL(created.status, 201u);
        auto const token = token_of(created);
        secrets.push_back(token);
        auto const manage = self_service_path(token);
        BOOST_TEST(client.get(manage).status == 200u);
        BOOST_TEST(client.get("/r/" + token).status == 200u);
        BOOST_TEST(
            client
                .patch_json(manage, json::object{{"contact",
                                                  {{"name", "Zebulon Q"},
                                                   {"email", "zebulon.q@loggskan.example"}}}})
                .status == 200u);
        BOOST_TEST(post_registration(event, api_registration()).status == 409u);  // duplicate
        BOOST_TEST(client.post_json(manage + "/cancel", json::object{}).status == 200u);
    }

    // The page's form: one registration, then the same form with an overlong '/' (%C0%AF).
    void register_by_form(long long event) {
        auto const path = "/events/" + std::to_string(event);
        auto const page = client.get(path).body;
        auto const marker = std::string{"name=\"form_token\" value=\""};
        auto const at = page.find(marker) + marker.size();
        auto const form_token = page.substr(at, page.find('"', at) - at);
        auto const form = client.post_form(path, {{"form_token", form_token},
                                                  {"attendee_count", "1"},
                                                  {"contact.name", "Formulina Fjäril"},
                                                  {"contact.email", "formulina@loggskan.example"},
                                                  {"attendees[0].name", "Formulina Fjäril"},
                                                  {"attendees[0].affiliation", "civil_society"},
                                                  {"attendees[0].accessibility", "LOGGBEHOV"},
                                                  {"consent", "yes"},
                                                  {"website", ""},
                                                  {"action", "register"}});
        BOOST_TEST_REQUIRE(form.status == 303u);
        auto const form_manage = form.header("location");
        secrets.push_back(form_manage.substr(3, form_manage.find('?') - 3));
        auto const bad_form = client.request(
            "POST", path,
            "form_token=" + form_token +
                "&attendee_count=1&contact.name=Zebulon%C0%AF&contact.email=zebulon.q%40loggskan."
                "example&attendees%5B0%5D.name=Ottilia&consent=yes&website=&action=register",
            "application/x-www-form-urlencoded");
        BOOST_TEST((bad_form.status == 400u || bad_form.status == 422u));
    }

    // A lone continuation byte in a JSON name.
    void post_invalid_json(long long event) {
        auto const bad_json = client.request(
            "POST", "/api/v1/events/" + std::to_string(event) + "/registrations",
            "{\"contact\":{\"name\":\"Zebulon \x80\",\"email\":\"zebulon.q@loggskan.example\"},"
            "\"attendees\":[{\"name\":\"Ottilia\",\"affiliation\":\"civil_society\"}],"
            "\"consent\":true}",
            "application/json");
        BOOST_TEST((bad_json.status == 400u || bad_json.status == 422u));
    }

    // A staff member logs in (a wrong password first) and reads the registrations.
    void staff_reads(long long event) {
        std::string const password = "Hemligt lösenord för loggskanning";
        auto const staff = add_user("personal.p@loggskan.example", "organiser", password);
        secrets.push_back(password);
        auto other = test::http_client{server.port()};
        BOOST_TEST(other
                       .post_json("/api/v1/auth/login",
                                  json::object{{"email", staff.email}, {"password", "fel"}})
                       .status == 401u);
        login(other, staff);
        BOOST_TEST(other.get("/api/v1/events/" + std::to_string(event) + "/registrations").status ==
                   200u);
        BOOST_TEST(other.get("/staff/events/" + std::to_string(event)).status == 200u);
    }

    void restart_during_registrations(long long event);
    [[nodiscard]] std::size_t scan_log() const;
};

// Eight clients register without pause (each attendee named Omstartina, a need marked)
// while PostgreSQL restarts: the statements in flight fail and their errors are logged.
void log_fixture::restart_during_registrations(long long event) {
    auto const restart = test::service_env("SAMVERKAN_TEST_PG_RESTART");
    std::atomic<bool> restarting{false}, stop{false};
    std::atomic<int> sent_during_restart{0};
    std::mutex mutex;
    std::map<unsigned, int> statuses;
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c)
        clients.emplace_back([&, c] {
            test::http_client mine{server.port()};
            for (int i = 0; !stop; ++i) {
                auto body = api_registration();
                auto const who = "omstartina-" + std::to_string(c) + "-" + std::to_string(i);
                body["contact"] = {{"name", "Omstartina " + who},
                                   {"email", who + "@loggskan.example"}};
                body["attendees"].as_array()[0].as_object()["accessibility"] = "OMSTARTSBEHOV";
                if (restarting) ++sent_during_restart;
                unsigned status = 0;
                std::string token;
                try {
                    auto const r = mine.post_json(
                        "/api/v1/events/" + std::to_string(event) + "/registrations", body);
                    status = r.status;
                    if (status == 201) token = token_of(r);
                } catch (std::exception const&) {
                    status = 0;  // a dropped connection; the client opens a new one
                }
                std::lock_guard lock(mutex);
                ++statuses[status];
                if (!token.empty()) secrets.push_back(token);
            }
        });
    std::this_thread::sleep_for(300ms);
    restarting = true;
    BOOST_TEST_REQUIRE(std::system(restart.c_str()) == 0);  // returns once PostgreSQL accepts
    restarting = false;
    std::this_thread::sleep_for(1500ms);
    stop = true;
    for (auto& t : clients) t.join();
    std::printf("registrations around the restart:");
    for (auto const& [status, n] : statuses) std::printf(" %u×%d", status, n);
    std::printf(" (%d sent while it restarted)\n", sent_during_restart.load());
    BOOST_TEST(sent_during_restart.load() > 0);  // registrations were in flight
    BOOST_TEST(statuses[201] > 0);
    BOOST_TEST(server.wait_exit(0ms) == -1);  // still serving
    BOOST_TEST(post_registration(event, registration("efter@omstart.example")).status == 201u);
}

// Every line is a JSON object and none holds a secret; returns the number of lines.
std::size_t log_fixture::scan_log() const {
    auto const log = server.log();
    std::size_t lines = 0;
    for (std::size_t start = 0; start < log.size();) {
        auto const stop = std::min(log.find('\n', start), log.size());
        auto const line = log.substr(start, stop - start);
        start = stop + 1;
        if (line.empty()) continue;
        ++lines;
        boost::system::error_code ec;
        auto const parsed = json::parse(line, ec);
        BOOST_TEST((!ec && parsed.is_object()), "not a JSON object: " << line);
    }
    for (auto const& s : secrets)
        BOOST_TEST(log.find(s) == std::string::npos, "the log holds " << s);
    BOOST_TEST(log.find("loggskan") == std::string::npos);
    return lines;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(privacy_log, log_fixture, *test::needs("SAMVERKAN_TEST_PG_RESTART"))

BOOST_AUTO_TEST_CASE(no_personal_data_or_token_reaches_the_log) {
    auto const event = add_event("capacity = 100000");
    register_change_and_cancel(event);
    register_by_form(event);
    post_invalid_json(event);
    restart_during_registrations(event);
    staff_reads(event);

    // The confirmations are written by the sender; then the log's last batch.
    for (int i = 0; i < 200 && count("select count(*) from outbox where status = 'pending'") > 0;
         ++i)
        std::this_thread::sleep_for(100ms);
    BOOST_TEST(count("select count(*) from outbox where status = 'sent'") >= 2);
    std::this_thread::sleep_for(2s);

    auto const lines = scan_log();
    std::printf("log lines scanned: %zu, secrets looked for: %zu\n", lines, secrets.size());
    BOOST_TEST(lines > 10u);
    // The restart's failures were logged (as the lost connection, not the values).
    BOOST_TEST(server.log().find("database connection") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
