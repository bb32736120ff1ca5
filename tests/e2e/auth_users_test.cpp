// Staff accounts and the audit log over the real server and database: the user API with
// its rules, the `samverkan user` commands, and audit rows written and listed.
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/services.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>

using namespace samverkan;
namespace json = boost::json;

namespace {

// Runs the binary with `args`, feeding `input` on stdin; returns the exit status.
int run_cli(std::string const& args, std::string const& input) {
    auto const command = test::server_process::binary() + " " + args + " 2>/dev/null";
    std::FILE* pipe = ::popen(command.c_str(), "w");
    BOOST_REQUIRE(pipe != nullptr);
    std::fwrite(input.data(), 1, input.size(), pipe);
    int const status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string quoted(std::string const& s) {
    return "'" + s + "'";
}

struct users_fixture : test::auth_server {
    test::staff_account admin = add_user("admin@example.org", "admin");
    test::http_client client = this->test::auth_server::client();
    std::string csrf = login(client, admin);

    test::http_result add(json::object body) {
        return client.post_json("/api/v1/users", body, {{"X-CSRF-Token", csrf}});
    }
};

json::object new_user(std::string const& email, std::string const& password) {
    return json::object{
        {"email", email}, {"name", "Eva Exempel"}, {"role", "organiser"}, {"password", password}};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(auth_users, users_fixture, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(admin_adds_a_user_who_can_then_log_in) {
    auto const r = add(new_user("Eva@Example.org", "ett långt och bra lösenord"));
    BOOST_REQUIRE_EQUAL(r.status, 201u);
    auto const body = r.json().as_object();
    BOOST_TEST(body.at("email").as_string() == "eva@example.org");
    BOOST_TEST(body.at("role").as_string() == "organiser");
    BOOST_TEST(body.at("active").as_bool());
    BOOST_TEST(!body.contains("password_hash"));
    BOOST_TEST(
        database.scalar("select count(*) from users where password_hash like '$argon2id$%'") == 2);
    auto eva = this->test::auth_server::client();
    login(eva, {body.at("id").as_int64(), "eva@example.org", "ett långt och bra lösenord"});
    auto const list = client.get("/api/v1/users");
    BOOST_TEST(list.status == 200u);
    BOOST_TEST(list.json().at("users").as_array().size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_deactivated_user_can_be_reactivated_and_log_in_again) {
    auto const eva = add_user("eva@example.org", "organiser");
    auto const base = "/api/v1/users/" + std::to_string(eva.id);
    BOOST_TEST(
        client.post_json(base + "/deactivate", json::object{}, {{"X-CSRF-Token", csrf}}).status ==
        200u);
    auto other = this->test::auth_server::client();
    auto const refused = other.post_json(
        "/api/v1/auth/login", json::object{{"email", eva.email}, {"password", eva.password}});
    BOOST_TEST(refused.status == 401u);
    auto const back =
        client.post_json(base + "/reactivate", json::object{}, {{"X-CSRF-Token", csrf}});
    BOOST_REQUIRE_EQUAL(back.status, 200u);
    BOOST_TEST(back.json().at("active").as_bool());
    login(other, eva);
    BOOST_TEST(database.scalar("select count(*) from audit_log where action = 'user.reactivate'") ==
               1);
    BOOST_TEST(
        client
            .post_json("/api/v1/users/999999/reactivate", json::object{}, {{"X-CSRF-Token", csrf}})
            .status == 404u);
}

BOOST_AUTO_TEST_CASE(an_admin_sets_a_new_password_which_ends_the_users_sessions) {
    auto const eva = add_user("eva@example.org", "organiser");
    auto eva_client = this->test::auth_server::client();
    login(eva_client, eva);
    auto reset = [&](long long id, std::string const& password) {
        return client.post_json("/api/v1/users/" + std::to_string(id) + "/password",
                                json::object{{"new_password", password}}, {{"X-CSRF-Token", csrf}});
    };
    auto const weak = reset(eva.id, "kort");
    BOOST_TEST(weak.status == 422u);
    BOOST_TEST(weak.json().at("fields").as_object().contains("new_password"));
    BOOST_TEST(eva_client.get("/api/v1/auth/me").status == 200u);  // nothing changed yet
    BOOST_TEST(reset(admin.id, "ett eget nytt lösenord 2026").status == 409u);
    BOOST_TEST(reset(999999, "ett helt nytt lösenord 2026").status == 404u);
    BOOST_TEST(reset(eva.id, "ett helt nytt lösenord 2026").status == 200u);
    BOOST_TEST(eva_client.get("/api/v1/auth/me").status == 401u);  // her session ended
    auto fresh = this->test::auth_server::client();
    BOOST_TEST(fresh
                   .post_json("/api/v1/auth/login",
                              json::object{{"email", eva.email}, {"password", eva.password}})
                   .status == 401u);
    login(fresh, {eva.id, eva.email, "ett helt nytt lösenord 2026"});
    BOOST_TEST(database.scalar(
                   "select count(*) from audit_log where action = 'user.password_reset'") == 1);
}

BOOST_AUTO_TEST_CASE(password_rules_length_common_list_and_not_the_email) {
    auto field_error = [&](std::string const& password) {
        auto const r = add(new_user("eva@example.org", password));
        BOOST_TEST(r.status == 422u);
        return std::string{r.json().at("fields").at("password").as_string()};
    };
    BOOST_TEST(field_error("elva tecken") == "Must be at least 12 characters.");  // 11
    BOOST_TEST(field_error("Password1234") == "Too common and easy to guess; choose another.");
    BOOST_TEST(field_error("KRISTIANSTAD") == "Too common and easy to guess; choose another.");
    BOOST_TEST(field_error("eva@example.org") == "Must not be the e-mail address.");
    BOOST_TEST(field_error(std::string(257, 'x')) == "Must be at most 256 characters.");
    BOOST_TEST(field_error("") == "Required.");
    // Twelve characters, counted as characters and not bytes ("å" is two bytes); five
    // different ones, or cracklib (which counts bytes) finds too few.
    BOOST_TEST(add(new_user("eva@example.org", "åäöüéåäöüéåä")).status == 201u);
    BOOST_TEST(database.scalar("select count(*) from users") == 2);
}

BOOST_AUTO_TEST_CASE(every_invalid_field_is_reported_at_once_and_duplicates_conflict) {
    auto const r =
        add(json::object{{"email", "not an address"}, {"role", "boss"}, {"password", "x"}});
    BOOST_TEST(r.status == 422u);
    auto const fields = r.json().at("fields").as_object();
    for (auto const* f : {"email", "name", "role", "password"}) BOOST_TEST(fields.contains(f));
    BOOST_TEST(add(json::object{{"email", 3}}).status == 400u);
    auto const taken = add(new_user("ADMIN@example.org", "ett långt och bra lösenord"));
    BOOST_TEST(taken.status == 409u);
    BOOST_TEST(taken.json().at("error").as_string() == "conflict");
}

BOOST_AUTO_TEST_CASE(staff_changes_and_personal_data_views_are_audited) {
    auto const created = add(new_user("eva@example.org", "ett långt och bra lösenord")).json();
    auto const eva_id = created.at("id").as_int64();
    BOOST_TEST(client
                   .request("POST", "/api/v1/users/" + std::to_string(eva_id) + "/deactivate", {},
                            {}, {{"X-CSRF-Token", csrf}})
                   .status == 200u);
    BOOST_TEST(client.get("/api/v1/users").status == 200u);
    auto const by_admin = [&](std::string const& action, long long entity_id) {
        return database.scalar(
            "select count(*) from audit_log where user_id = " + std::to_string(admin.id) +
            " and action = '" + action + "' and entity = 'user' and coalesce(entity_id, 0) = " +
            std::to_string(entity_id) + " and client_address = '127.0.0.1'");
    };
    BOOST_TEST(by_admin("auth.login", admin.id) == 1);
    BOOST_TEST(by_admin("user.create", eva_id) == 1);
    BOOST_TEST(by_admin("user.deactivate", eva_id) == 1);
    BOOST_TEST(by_admin("users.view", 0) == 1);
    // No personal data in the detail: the role only.
    BOOST_TEST(database.scalar("select count(*) from audit_log where action = 'user.create'"
                               " and detail = '{\"role\": \"organiser\"}'::jsonb") == 1);
}

BOOST_AUTO_TEST_CASE(the_audit_api_lists_newest_first_with_paging_for_admins_only) {
    database.execute(
        "insert into audit_log (at, action, entity, entity_id, detail)"
        " select now() - make_interval(secs => 1000 - n), 'test.step', 'event', n, '{}'"
        " from generate_series(1, 120) n");
    auto const first = client.get("/api/v1/audit");
    BOOST_REQUIRE_EQUAL(first.status, 200u);
    auto const body = first.json().as_object();
    BOOST_TEST(body.at("page").as_int64() == 1);
    BOOST_TEST(body.at("per_page").as_int64() == 50);
    BOOST_TEST(body.at("total").as_int64() == 123);  // create, login, 120 older rows, this view
    BOOST_TEST(body.at("pages").as_int64() == 3);
    auto const& entries = body.at("entries").as_array();
    BOOST_TEST(entries.size() == 50u);
    // Newest first: this view, the login, the admin's creation, then the older rows.
    BOOST_TEST(entries[0].at("action").as_string() == "audit.view");
    BOOST_TEST(entries[0].at("user").at("id").as_int64() == admin.id);
    BOOST_TEST(entries[1].at("action").as_string() == "auth.login");
    BOOST_TEST(entries[2].at("action").as_string() == "user.create");
    BOOST_TEST(entries[2].at("user").is_null());  // added outside any staff session
    for (std::size_t i = 3; i < entries.size(); ++i)
        BOOST_TEST(entries[i].at("entity_id").as_int64() == 120 - static_cast<long long>(i - 3));
    auto const last = client.get("/api/v1/audit?page=3").json();
    auto const& rows = last.at("entries").as_array();
    BOOST_TEST(rows.size() == 24u);  // 124 rows now: this call's view is one more
    BOOST_TEST(rows.back().at("entity_id").as_int64() == 1);
    BOOST_TEST(client.get("/api/v1/audit?page=9").json().at("entries").as_array().empty());
    BOOST_TEST(client.get("/api/v1/audit?page=0").status == 400u);
    BOOST_TEST(client.get("/api/v1/audit?page=x").status == 400u);
    auto const organiser = add_user("org@example.org", "organiser");
    auto other = this->test::auth_server::client();
    login(other, organiser);
    BOOST_TEST(other.get("/api/v1/audit").status == 403u);
    BOOST_TEST(other.get("/admin/audit").status == 403u);
    auto const page = client.get("/admin/audit?page=2");
    BOOST_TEST(page.status == 200u);
    BOOST_TEST(page.body.find("Granskningslogg") != std::string::npos);
    BOOST_TEST(page.body.find("href=\"/admin/audit?page=1\"") != std::string::npos);
    BOOST_TEST(page.body.find("href=\"/admin/audit?page=3\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

struct cli_fixture {
    test::test_database database;
    std::string url_arg = "--database-url " + quoted(database.url());
};

BOOST_FIXTURE_TEST_SUITE(auth_user_cli, cli_fixture, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(user_add_reads_the_password_on_stdin) {
    BOOST_TEST(
        run_cli("user add --email anna@example.org --name 'Anna Andersson' --role admin " + url_arg,
                "ett långt och bra lösenord\n") == 0);
    BOOST_TEST(database.scalar("select count(*) from users where email = 'anna@example.org'"
                               " and role = 'admin' and password_hash like '$argon2id$%'") == 1);
    // The account works against the real server.
    test::server_process server{database.url()};
    test::http_client c{server.port()};
    test::auth_server::login(c, {0, "anna@example.org", "ett långt och bra lösenord"});
    BOOST_TEST(database.scalar("select count(*) from audit_log where action = 'user.create'"
                               " and user_id is null and client_address = 'command line'") == 1);
}

BOOST_AUTO_TEST_CASE(user_add_refuses_bad_input_and_adds_nothing) {
    BOOST_TEST(run_cli("user add --email anna@example.org --name Anna --role admin " + url_arg,
                       "kort\n") == 1);
    BOOST_TEST(run_cli("user add --email anna@example.org --name Anna --role chief " + url_arg,
                       "ett långt och bra lösenord\n") == 1);
    BOOST_TEST(run_cli("user add --email anna@example.org --role admin " + url_arg, "x\n") == 2);
    BOOST_TEST(database.scalar("select count(*) from users") == 0);
}

BOOST_AUTO_TEST_CASE(ensure_admin_creates_the_first_admin_once_with_an_owner_only_file) {
    auto const dir = std::filesystem::temp_directory_path() /
                     ("samverkan-first-admin-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto const file = (dir / "first-admin.txt").string();
    BOOST_TEST(run_cli("user ensure-admin --password-file " + quoted(file) + " " + url_arg, "") ==
               0);

    struct stat st {};

    BOOST_REQUIRE(::stat(file.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    std::ifstream in(file);
    std::string email_line, password_line;
    std::getline(in, email_line);
    std::getline(in, password_line);
    BOOST_TEST(email_line == "email=admin@samverkan.invalid");
    BOOST_REQUIRE(password_line.rfind("password=", 0) == 0u);
    auto const password = password_line.substr(9);
    BOOST_TEST(password.size() >= 20u);
    BOOST_TEST(database.scalar("select count(*) from users where role = 'admin'") == 1);
    // A second run leaves everything as it is.
    auto const other = (dir / "again.txt").string();
    BOOST_TEST(run_cli("user ensure-admin --password-file " + quoted(other) + " " + url_arg, "") ==
               0);
    BOOST_TEST(!std::filesystem::exists(other));
    BOOST_TEST(database.scalar("select count(*) from users") == 1);
    test::server_process server{database.url()};
    test::http_client c{server.port()};
    test::auth_server::login(c, {0, "admin@samverkan.invalid", password});
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
