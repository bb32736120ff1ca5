// The organisation register over HTTP against the real server and PostgreSQL: the API,
// validation, and the CSV import (both separators, a BOM, per-line errors, run twice).
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/command.hpp"
#include "tests/support/services.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace samverkan::test {

namespace {

namespace json = boost::json;

struct register_fixture {
    auth_server app;
    http_client client = app.client();
    std::map<std::string, std::string> csrf;

    register_fixture() {
        auto const organiser = app.add_user("arrangor@kristianstad.example", "organiser");
        csrf = {{"X-CSRF-Token", auth_server::login(client, organiser)}};
    }

    http_result import(std::string const& csv) {
        return client.request("POST", "/api/v1/organisations/import", csv, "text/csv", csrf);
    }

    long long count(std::string const& table) {
        return app.database.scalar("select count(*) from " + table);
    }
};

std::string str(json::value const& v) {
    return v.is_string() ? std::string{v.get_string()} : std::string{};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(mail_organisations, register_fixture,
                         *needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(an_organiser_adds_lists_searches_and_edits_organisations) {
    auto const created = client.post_json(
        "/api/v1/organisations",
        json::object{
            {"name", "Tosteberga Byalag"},
            {"org_number", "8024001235"},
            {"kind", "village_association"},
            {"area", "rural"},
            {"locality", "Tosteberga"},
            {"agreement_joined_on", "2025-03-01"},
            {"contacts", json::array{{{"name", "Åsa Öberg"}, {"email", "asa@byalag.example"}}}}},
        csrf);
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    auto const org = created.json().as_object();
    BOOST_TEST(str(org.at("org_number")) == "802400-1235");
    BOOST_TEST(org.at("contacts").as_array().size() == 1u);
    auto const id = org.at("id").as_int64();

    auto const found = client.get("/api/v1/organisations?q=tosteberga");
    BOOST_REQUIRE_EQUAL(found.status, 200u);
    BOOST_TEST(found.json().at("organisations").as_array().size() == 1u);
    BOOST_TEST(client.get("/api/v1/organisations?q=asa%40byalag")
                   .json()
                   .at("organisations")
                   .as_array()
                   .size() == 1u);
    BOOST_TEST(client.get("/api/v1/organisations?q=nothing")
                   .json()
                   .at("organisations")
                   .as_array()
                   .empty());
    BOOST_TEST(client.get("/api/v1/organisations?agreement=members")
                   .json()
                   .at("organisations")
                   .as_array()
                   .size() == 1u);

    auto const patched = client.patch_json(
        "/api/v1/organisations/" + std::to_string(id),
        json::object{
            {"area", "urban"},
            {"locality", nullptr},
            {"contacts", json::array{{{"name", "Åsa Öberg"}, {"email", "ASA@byalag.example"}},
                                     {{"name", "Bo Ek"}, {"email", "bo@byalag.example"}}}}},
        csrf);
    BOOST_REQUIRE_EQUAL(patched.status, 200u);
    auto const after = patched.json().as_object();
    BOOST_TEST(str(after.at("area")) == "urban");
    BOOST_TEST(after.at("locality").is_null());
    BOOST_TEST(str(after.at("name")) == "Tosteberga Byalag");
    BOOST_TEST(after.at("contacts").as_array().size() == 2u);
    BOOST_TEST(count("contacts") == 2);  // the first contact was kept (same address), not re-added
    BOOST_TEST(
        app.database.scalar("select count(*) from audit_log where entity = 'organisation'") == 2);
}

BOOST_AUTO_TEST_CASE(the_register_is_listed_in_swedish_alphabetical_order) {
    for (auto const* name :
         {"Örkeneds IF", "Ängens vänner", "Åhus Konstförening", "Bäckaskogs byalag"})
        BOOST_REQUIRE_EQUAL(
            client.post_json("/api/v1/organisations", json::object{{"name", name}}, csrf).status,
            201u);
    auto const list = client.get("/api/v1/organisations").json().at("organisations").as_array();
    std::vector<std::string> names;
    for (auto const& o : list) names.push_back(str(o.at("name")));
    // Å, Ä, Ö come last and in that order (byte order would put Ä before Å).
    std::vector<std::string> const expected{"Bäckaskogs byalag", "Åhus Konstförening",
                                            "Ängens vänner", "Örkeneds IF"};
    BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(invalid_fields_get_a_specific_422_and_taken_names_a_409) {
    auto const bad = client.post_json(
        "/api/v1/organisations",
        json::object{{"name", ""},
                     {"org_number", "802400-1234"},
                     {"kind", "club"},
                     {"area", "city"},
                     {"agreement_joined_on", "2025-02-30"},
                     {"contacts", json::array{{{"name", "X"}, {"email", "not-an-address"}}}}},
        csrf);
    BOOST_REQUIRE_EQUAL(bad.status, 422u);
    auto const fields = bad.json().at("fields").as_object();
    for (auto const key :
         {"name", "org_number", "kind", "area", "agreement_joined_on", "contacts[0].email"})
        BOOST_TEST(fields.contains(key), key);
    // A wrong JSON type is a 400 (API.md), a string or an array alike.
    BOOST_TEST(client.post_json("/api/v1/organisations", json::object{{"name", 7}}, csrf).status ==
               400u);
    BOOST_TEST(client
                   .post_json("/api/v1/organisations",
                              json::object{{"name", "Tre"}, {"contacts", json::array{"x"}}}, csrf)
                   .status == 400u);
    BOOST_TEST(
        client.post_json("/api/v1/organisations", json::object{{"name", "Ett"}}, csrf).status ==
        201u);
    auto const taken =
        client.post_json("/api/v1/organisations", json::object{{"name", "ETT"}}, csrf);
    BOOST_TEST(taken.status == 409u);
    BOOST_TEST(str(taken.json().at("error")) == "conflict");
    BOOST_TEST(
        client.patch_json("/api/v1/organisations/999", json::object{{"name", "X"}}, csrf).status ==
        404u);
}

BOOST_AUTO_TEST_CASE(staff_without_the_organiser_role_cannot_use_the_register) {
    auto const steering = app.add_user("styrgrupp@kristianstad.example", "steering");
    auto other = app.client();
    auth_server::login(other, steering);
    BOOST_TEST(other.get("/api/v1/organisations").status == 403u);
    auto anonymous = app.client();
    BOOST_TEST(anonymous.get("/api/v1/organisations").status == 401u);
}

BOOST_AUTO_TEST_CASE(csv_import_creates_updates_and_reports_bad_lines_and_can_run_twice) {
    // Semicolons, a BOM, columns in another order, quoted fields, one row per contact.
    std::string const csv =
        "\xEF\xBB\xBF"
        "contact_email;name;org_number;kind;area;locality;agreement_joined_on;contact_name\r\n"
        "asa@byalag.example;Tosteberga "
        "Byalag;802400-1235;byalag;landsbygd;Tosteberga;2025-03-01;Åsa Öberg\r\n"
        "bo@byalag.example;Tosteberga Byalag;;;;;;Bo Ek\r\n"
        "info@idrott.example;\"Åhus IF; fotboll\";;association;urban;Åhus;;\"Karin \"\"Kajsa\"\" "
        "Ek\"\r\n"
        ";Föreningen Utan Kontakt;;;;;;\r\n"
        "x@example.se;Trasigt Nummer;802400-1234;;;;;\r\n"
        "y@example.se;Fel Datum;;;;;2025-13-01;\r\n"
        "z@example.se;;;;;;;Namnlös\r\n"
        "\r\n"
        "not-an-address;Fel Adress;;;;;;\r\n";
    auto const first = import(csv);
    BOOST_REQUIRE_EQUAL(first.status, 200u);
    auto const r1 = first.json().as_object();
    BOOST_TEST(r1.at("created").as_int64() == 3);
    BOOST_TEST(r1.at("updated").as_int64() == 0);
    auto const& rejected = r1.at("rejected").as_array();
    BOOST_REQUIRE_EQUAL(rejected.size(), 4u);
    BOOST_TEST(rejected[0].at("line").as_int64() == 6);
    BOOST_TEST(str(rejected[0].at("error")).starts_with("org_number"));
    BOOST_TEST(rejected[1].at("line").as_int64() == 7);
    BOOST_TEST(str(rejected[1].at("error")).starts_with("agreement_joined_on"));
    BOOST_TEST(rejected[2].at("line").as_int64() == 8);
    BOOST_TEST(str(rejected[2].at("error")).starts_with("name"));
    BOOST_TEST(rejected[3].at("line").as_int64() == 10);
    BOOST_TEST(str(rejected[3].at("error")).starts_with("contact_email"));
    BOOST_TEST(count("organisations") == 3);
    BOOST_TEST(count("contacts") == 3);
    BOOST_TEST(app.database.scalar("select count(*) from organisations where name = 'Åhus IF; "
                                   "fotboll' and area = 'urban'") == 1);
    BOOST_TEST(app.database.scalar("select count(*) from contacts where name = 'Karin \"Kajsa\" "
                                   "Ek'") == 1);

    auto const second = import(csv);  // the same file again: nothing new
    BOOST_REQUIRE_EQUAL(second.status, 200u);
    BOOST_TEST(second.json().at("created").as_int64() == 0);
    BOOST_TEST(second.json().at("updated").as_int64() == 0);
    BOOST_TEST(count("organisations") == 3);
    BOOST_TEST(count("contacts") == 3);

    // Commas, matched by organisationsnummer although the name changed; a new contact.
    auto const third = import(
        "name,org_number,contact_email,contact_name\n"
        "Tosteberga Byalag och Bygderåd,8024001235,ny@byalag.example,Ny\n");
    BOOST_REQUIRE_EQUAL(third.status, 200u);
    BOOST_TEST(third.json().at("created").as_int64() == 0);
    BOOST_TEST(third.json().at("updated").as_int64() == 1);
    BOOST_TEST(app.database.scalar("select count(*) from organisations where name = 'Tosteberga "
                                   "Byalag och Bygderåd'") == 1);
    BOOST_TEST(count("contacts") == 4);
}

BOOST_AUTO_TEST_CASE(csv_import_without_a_name_column_or_as_json_is_refused) {
    auto const no_name = import("org_number;locality\n802400-1235;Åhus\n");
    BOOST_TEST(no_name.status == 422u);
    BOOST_TEST(no_name.json().at("fields").as_object().contains("header"));
    auto const json_body =
        client.request("POST", "/api/v1/organisations/import", "{}", "application/json", csrf);
    BOOST_TEST(json_body.status == 415u);
    BOOST_TEST(import("name\n\"never closed\n").status == 422u);
    BOOST_TEST(count("organisations") == 0);
}

BOOST_AUTO_TEST_CASE(staff_pages_add_edit_search_and_import_organisations) {
    auto const token = csrf.at("X-CSRF-Token");
    auto const form = client.get("/staff/organisations/new");
    BOOST_REQUIRE_EQUAL(form.status, 200u);
    BOOST_TEST(form.body.find("name=\"csrf_token\"") != std::string::npos);
    auto const bad = client.post_form("/staff/organisations/new",
                                      {{"csrf_token", token}, {"name", ""}, {"org_number", "1"}});
    BOOST_TEST(bad.status == 422u);
    BOOST_TEST(bad.body.find("error-summary") != std::string::npos);
    auto const created =
        client.post_form("/staff/organisations/new", {{"csrf_token", token},
                                                      {"name", "Åhus Hembygdsförening"},
                                                      {"org_number", "802400-1235"},
                                                      {"kind", "association"},
                                                      {"area", "rural"},
                                                      {"locality", "Åhus"},
                                                      {"contacts[0].name", "Åsa"},
                                                      {"contacts[0].email", "asa@hembygd.example"},
                                                      {"contacts[0].phone", ""},
                                                      {"contacts[1].name", ""},
                                                      {"contacts[1].email", ""},
                                                      {"contacts[1].phone", ""}});
    BOOST_REQUIRE_EQUAL(created.status, 303u);
    auto const location = created.header("location");
    BOOST_TEST(location.find("/staff/organisations/") == 0u);
    auto const edit = client.get(location);
    BOOST_TEST(edit.status == 200u);
    BOOST_TEST(edit.body.find("asa@hembygd.example") != std::string::npos);
    auto const id = location.substr(21, location.find('?') - 21);
    auto const changed =
        client.post_form("/staff/organisations/" + id, {{"csrf_token", token},
                                                        {"name", "Åhus Hembygdsförening"},
                                                        {"kind", "foundation"},
                                                        {"contacts[0].name", "Åsa"},
                                                        {"contacts[0].email", ""}});
    BOOST_TEST(changed.status == 303u);
    BOOST_TEST(
        app.database.scalar("select count(*) from organisations where kind = 'foundation'") == 1);
    BOOST_TEST(count("contacts") == 0);  // the emptied e-mail removed the contact
    auto const list = client.get("/staff/organisations?q=hembygd");
    BOOST_TEST(list.body.find("Åhus Hembygdsförening") != std::string::npos);
    auto const imported = client.post_form(
        "/staff/organisations/import",
        {{"csrf_token", token}, {"csv", "name;locality\nDegeberga IF;Degeberga\n;utan namn\n"}});
    BOOST_TEST(imported.status == 200u);
    BOOST_TEST(imported.body.find("1 nya") != std::string::npos);
    BOOST_TEST(imported.body.find("<td>3</td>") != std::string::npos);  // the rejected line
    BOOST_TEST(client.post_form("/staff/organisations/new", {{"name", "Utan token"}}).status ==
               403u);
}

BOOST_AUTO_TEST_CASE(staff_pages_give_their_errors_in_swedish) {
    auto const token = csrf.at("X-CSRF-Token");
    auto const bad =
        client.post_form("/staff/organisations/new", {{"csrf_token", token},
                                                      {"name", ""},
                                                      {"org_number", "1"},
                                                      {"contacts[0].name", "Åsa"},
                                                      {"contacts[0].email", "inte-en-adress"}});
    BOOST_REQUIRE_EQUAL(bad.status, 422u);
    for (auto const text : {"<a href=\"#name\">Skriv organisationens namn.</a>",
                            "<a href=\"#org_number\">Organisationsnumret är inte giltigt",
                            "<a href=\"#contact_email_1\">E-postadressen är inte giltig."})
        BOOST_TEST(bad.body.find(text) != std::string::npos, text);
    std::vector<std::pair<std::string, std::string>> const hembygd{
        {"csrf_token", token}, {"name", "Åhus Hembygdsförening"}, {"org_number", "802400-1235"}};
    BOOST_REQUIRE_EQUAL(client.post_form("/staff/organisations/new", hembygd).status, 303u);
    auto const taken = client.post_form("/staff/organisations/new", hembygd);
    BOOST_TEST(taken.status == 422u);
    BOOST_TEST(
        taken.body.find("En annan organisation har redan organisationsnumret 802400-1235.") !=
        std::string::npos);

    auto const imported = client.post_form(
        "/staff/organisations/import",
        {{"csrf_token", token}, {"csv", "name;contact_email\nVä IF;nej\n;a@b.example\n"}});
    BOOST_TEST(imported.status == 200u);
    BOOST_TEST(imported.body.find("contact_email: E-postadressen är inte giltig.") !=
               std::string::npos);
    BOOST_TEST(imported.body.find("name: Skriv organisationens namn.") != std::string::npos);
    auto const no_header = client.post_form("/staff/organisations/import",
                                            {{"csrf_token", token}, {"csv", "ort\nÅhus\n"}});
    BOOST_TEST(no_header.status == 422u);
    BOOST_TEST(no_header.body.find("Första raden ska namnge kolumnerna") != std::string::npos);
    // The API keeps its English messages.
    auto const api = import("name;contact_email\nVä IF;nej\n");
    BOOST_TEST(api.body.find("Not a valid e-mail address.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_command_line_imports_a_csv_file_twice_without_duplicates) {
    auto const file = std::filesystem::temp_directory_path() /
                      ("samverkan-orgs-" + std::to_string(::getpid()) + ".csv");
    {
        std::ofstream out(file);
        out << "name,org_number,contact_email\nTosteberga Byalag,802400-1235,a@byalag.example\n"
               "Trasig,123,\n";
    }
    auto const command = server_process::binary() + " import-organisations " + file.string() +
                         " --database-url '" + app.database.url() + "' 2>/dev/null";
    for (int round = 0; round < 2; ++round) {
        auto const run = run_command(command);
        BOOST_TEST(run.status == 0);
        auto const r = json::parse(run.output).as_object();
        BOOST_TEST(r.at("created").as_int64() == (round == 0 ? 1 : 0));
        BOOST_TEST(r.at("rejected").as_array().size() == 1u);
    }
    BOOST_TEST(count("organisations") == 1);
    BOOST_TEST(count("contacts") == 1);
    std::filesystem::remove(file);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace samverkan::test
