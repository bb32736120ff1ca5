// The organisation CSV import without a database: the CSV reader (separators, byte-order
// mark, quoted fields, line endings, blank lines, the line each record starts on) and the
// rows it makes (header in any order, a row per contact, each line's first problem).
#include "modules/core/messages.hpp"
#include "modules/organisations/organisation_csv.hpp"
#include "modules/organisations/organisation_import.hpp"
#include "server/api_error.hpp"
#include "tests/support/catalogue.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace samverkan;
using namespace samverkan::organisations;

namespace {

using test::catalogue;

core::wording const english{catalogue(), core::language::en};
core::wording const swedish{catalogue(), core::language::sv};

std::vector<std::string> cells(std::initializer_list<char const*> list) {
    return {list.begin(), list.end()};
}

// The words a row's problem is given in: "contact_email: Not a valid e-mail address.".
std::string problem(import_row const& row, core::wording const& words) {
    if (!row.error) return {};
    return rejection_text({row.line, row.column, *row.error}, words);
}

// The 422 a text is refused with: its message and fields, in English.
std::pair<std::string, std::map<std::string, std::string>> refused(std::string_view text) {
    try {
        (void)parse_import(text);
    } catch (server::api_error const& e) {
        BOOST_TEST((e.kind() == server::error_kind::validation_failed));
        std::map<std::string, std::string> fields;
        for (auto const& [field, m] : e.fields()) fields[field] = english.say(m);
        return {english.say(e.text()), fields};
    }
    BOOST_ERROR("not refused: " << text);
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(organisations_csv)

BOOST_AUTO_TEST_CASE(the_separator_is_the_one_the_header_has_more_of_outside_quotes) {
    auto const semicolons = parse_csv("name;locality\nÅhus IF;Åhus\n");
    BOOST_REQUIRE_EQUAL(semicolons.size(), 2u);
    BOOST_TEST(semicolons[1].cells == cells({"Åhus IF", "Åhus"}), boost::test_tools::per_element());
    auto const commas = parse_csv("name,locality\nÅhus IF,Åhus\n");
    BOOST_TEST(commas[1].cells == cells({"Åhus IF", "Åhus"}), boost::test_tools::per_element());
    // Quoted separators of the header do not count; the data rows' do not either.
    auto const quoted = parse_csv("\"a;b;c\",name\n\"x;y\",Vä IF\n");
    BOOST_TEST(quoted[0].cells == cells({"a;b;c", "name"}), boost::test_tools::per_element());
    BOOST_TEST(quoted[1].cells == cells({"x;y", "Vä IF"}), boost::test_tools::per_element());
    // A tie goes to the semicolon, Swedish Excel's separator; a header with neither means
    // commas.
    BOOST_TEST(parse_csv("a;b,c\n1;2,3\n")[1].cells == cells({"1", "2,3"}),
               boost::test_tools::per_element());
    BOOST_TEST(parse_csv("name\nÅhus IF, fotboll\n")[1].cells == cells({"Åhus IF", " fotboll"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_is_dropped_and_every_line_ending_is_read) {
    auto const r = parse_csv("\xEF\xBB\xBFname;kind\r\nEtt;förening\rTvå;byalag\nTre;annan");
    BOOST_REQUIRE_EQUAL(r.size(), 4u);
    BOOST_TEST(r[0].cells.front() == "name");  // no BOM left in the first column's name
    BOOST_TEST(r[1].cells == cells({"Ett", "förening"}), boost::test_tools::per_element());
    BOOST_TEST(r[2].cells == cells({"Två", "byalag"}), boost::test_tools::per_element());
    BOOST_TEST(r[3].cells == cells({"Tre", "annan"}), boost::test_tools::per_element());
    BOOST_TEST(r[3].line == 4);
}

BOOST_AUTO_TEST_CASE(quoted_fields_keep_separators_doubled_quotes_and_line_breaks) {
    auto const r = parse_csv(
        "name;contact_name\n"
        "\"Åhus IF; fotboll\";\"Karin \"\"Kajsa\"\" Ek\"\n"
        "\"Två\nrader\";Bo\n"
        "Efter;\"\"\n");
    BOOST_REQUIRE_EQUAL(r.size(), 4u);
    BOOST_TEST(r[1].cells == cells({"Åhus IF; fotboll", "Karin \"Kajsa\" Ek"}),
               boost::test_tools::per_element());
    BOOST_TEST(r[2].cells == cells({"Två\nrader", "Bo"}), boost::test_tools::per_element());
    BOOST_TEST(r[2].line == 3);
    BOOST_TEST(r[3].line == 5);  // the quoted line break counts
    BOOST_TEST(r[3].cells == cells({"Efter", ""}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(blank_lines_are_skipped_but_counted) {
    auto const r = parse_csv("name;x\n\nEtt\n  \n;\n\t\nTvå\n\n");
    BOOST_REQUIRE_EQUAL(r.size(), 3u);
    BOOST_TEST(r[1].cells.front() == "Ett");
    BOOST_TEST(r[1].line == 3);
    BOOST_TEST(r[2].cells.front() == "Två");
    BOOST_TEST(r[2].line == 7);
    BOOST_TEST(parse_csv("").empty());
    BOOST_TEST(parse_csv("\xEF\xBB\xBF\r\n\r\n").empty());
}

BOOST_AUTO_TEST_CASE(a_quote_never_closed_is_refused_with_a_message_key) {
    try {
        (void)parse_csv("name\n\"never closed\n");
        BOOST_ERROR("an open quote was accepted");
    } catch (std::invalid_argument const& e) {
        BOOST_TEST(std::string{e.what()} == "register.import.unclosed_quote");
        BOOST_TEST(catalogue().has(e.what()));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(organisations_import)

BOOST_AUTO_TEST_CASE(the_header_names_the_columns_in_any_order_and_case) {
    auto const rows = parse_import(
        " Contact_Email ; NAME;Org_Number;ignored;kind;Area;LOCALITY;agreement_joined_on;"
        "contact_name;contact_phone\n"
        "asa@byalag.example;Tosteberga Byalag;8024001235;x;byalag;landsbygd;Tosteberga;"
        "2025-03-01;Åsa Öberg;044-1\n");
    BOOST_REQUIRE_EQUAL(rows.size(), 1u);
    auto const& r = rows[0];
    BOOST_TEST(!r.error);
    BOOST_TEST(r.line == 2);
    BOOST_TEST(r.org.name == "Tosteberga Byalag");
    BOOST_TEST(r.org.org_number == "802400-1235");
    BOOST_TEST(r.org.kind == "village_association");
    BOOST_TEST(r.org.area == "rural");
    BOOST_TEST(r.org.locality == "Tosteberga");
    BOOST_TEST(r.org.agreement_joined_on == "2025-03-01");
    BOOST_TEST(r.person.email == "asa@byalag.example");
    BOOST_TEST(r.person.name == "Åsa Öberg");
    BOOST_TEST(r.person.phone == "044-1");
}

BOOST_AUTO_TEST_CASE(each_row_is_one_contact_and_empty_cells_are_not_given) {
    auto const rows = parse_import(
        "name,contact_email,contact_name,kind\n"
        "Tosteberga Byalag,asa@byalag.example,Åsa,\n"
        "Tosteberga Byalag,bo@byalag.example,,\n"
        "Föreningen Utan Kontakt,,,\n"
        "Kort Rad\n");
    BOOST_REQUIRE_EQUAL(rows.size(), 4u);
    BOOST_TEST(rows[0].org.name == rows[1].org.name);  // two contacts of one organisation
    BOOST_TEST(rows[0].person.email == "asa@byalag.example");
    BOOST_TEST(rows[1].person.email == "bo@byalag.example");
    BOOST_TEST(rows[1].person.name == "bo@byalag.example");  // no name: the address stands in
    BOOST_TEST(rows[0].org.kind.empty());        // not given: an update keeps the register's
    BOOST_TEST(rows[2].person.email.empty());    // no contact on this row
    BOOST_TEST(rows[3].org.name == "Kort Rad");  // missing cells are empty, not an error
    for (auto const& r : rows) BOOST_TEST(!r.error, r.line);
}

BOOST_AUTO_TEST_CASE(each_bad_line_reports_its_first_problem_by_column_and_line) {
    auto const rows = parse_import(
        "contact_email;name;org_number;kind;area;agreement_joined_on;contact_name\n"
        "x@example.se;Trasigt Nummer;802400-1234;;;;\n"
        "y@example.se;Fel Datum;;;;2025-13-01;\n"
        "z@example.se;;;;;;Namnlös\n"
        "\n"
        "not-an-address;Fel Adress;;;;;\n"
        ";Namn Utan Adress;;;;;Kontakt\n"
        "ok@example.se;Fel Typ;;klubb;stad;;\n"
        "bad;Två Fel;1;;;;\n"
        "ok@example.se;Fel Område;;;city;;\n");
    BOOST_REQUIRE_EQUAL(rows.size(), 8u);
    std::vector<std::pair<int, std::string>> got;
    for (auto const& r : rows) got.emplace_back(r.line, problem(r, english));
    std::vector<std::pair<int, std::string>> const expected{
        {2, "org_number: Not a valid organisationsnummer (NNNNNN-NNNN)."},
        {3, "agreement_joined_on: Not a real date."},
        {4, "name: A name is required."},
        {6, "contact_email: Not a valid e-mail address."},
        {7, "contact_email: a contact needs an e-mail address."},
        {8,
         "kind: Unknown kind: use association, village_association, study_association, "
         "faith_community, foundation, cooperative or other."},
        {9, "org_number: Not a valid organisationsnummer (NNNNNN-NNNN)."},  // before the address
        {10, "area: Area must be urban or rural."}};
    BOOST_REQUIRE_EQUAL(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        BOOST_TEST(got[i].first == expected[i].first);
        BOOST_TEST(got[i].second == expected[i].second);
    }
    BOOST_TEST(problem(rows[3], swedish) == "contact_email: E-postadressen är inte giltig.");
    BOOST_TEST(problem(rows[2], swedish) == "name: Skriv organisationens namn.");
    BOOST_TEST(problem(rows[4], swedish) ==
               "contact_email: en kontaktperson behöver en e-postadress.");
}

BOOST_AUTO_TEST_CASE(a_file_without_a_name_column_or_without_rows_or_not_csv_is_a_422) {
    auto const [no_name, no_name_fields] = refused("org_number;locality\n802400-1235;Åhus\n");
    BOOST_TEST(no_name == "The header row has no name column.");
    BOOST_TEST(no_name_fields.at("header") ==
               "The first row must name the columns, at least `name`.");
    auto const [empty, empty_fields] = refused("\xEF\xBB\xBF\n\n");
    BOOST_TEST(empty == "The file is empty.");
    BOOST_TEST(empty_fields.contains("header"));
    auto const [open, open_fields] = refused("name\n\"never closed\n");
    BOOST_TEST(open == "The file is not valid CSV.");
    BOOST_TEST(open_fields.at("csv") == "a quoted field is not closed");
    BOOST_TEST(parse_import("name\n").empty());  // a header alone: nothing to do, no error
}

BOOST_AUTO_TEST_CASE(the_answer_lists_rejected_lines_in_the_readers_language) {
    import_result r;
    r.created = 2;
    r.updated = 1;
    r.unchanged = 4;
    r.rejected.push_back({3, "contact_email", server::message::of("register.email.invalid")});
    r.rejected.push_back({5, "", server::message::of("register.import.not_saved")});
    auto const answer = import_json(r, english);
    BOOST_TEST(answer.at("created").as_int64() == 2);
    BOOST_TEST(answer.at("updated").as_int64() == 1);
    BOOST_TEST(answer.at("unchanged").as_int64() == 4);
    auto const& rejected = answer.at("rejected").as_array();
    BOOST_REQUIRE_EQUAL(rejected.size(), 2u);
    BOOST_TEST(rejected[0].at("line").as_int64() == 3);
    BOOST_TEST(rejected[0].at("error").as_string() == "contact_email: Not a valid e-mail address.");
    BOOST_TEST(rejected[1].at("error").as_string() == "the row could not be saved");
    BOOST_TEST(rejection_text(r.rejected[1], swedish) == "raden kunde inte sparas");
}

BOOST_AUTO_TEST_SUITE_END()
