// The message catalogue: it loads, every key the code and the templates name exists in
// both languages, and the loader refuses a catalogue with a hole in it.
#include "modules/core/messages.hpp"

#include "modules/core/page_language.hpp"
#include "modules/core/pages.hpp"

#include <boost/json/object.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <unistd.h>
#include <vector>

using namespace samverkan;
namespace fs = std::filesystem;

namespace {

fs::path const source{SAMVERKAN_SOURCE_DIR};

core::message_catalogue const& catalogue() {
    static core::message_catalogue const messages{source / "web/messages"};
    return messages;
}

// The first segments of catalogue keys: a string literal in modules/ or app/ that starts
// with one of them and looks like a key ("form.name") must be one. "event." also names audit
// actions and files, so its literals count only where they are put into words (of(…), w(…),
// words(…)).
std::set<std::string> prefixes() {
    std::set<std::string> out;
    for (auto const& file : fs::directory_iterator(source / "web/messages")) {
        std::ifstream in(file.path());
        std::string line;
        while (std::getline(in, line))
            if (line.size() > 2 && line.front() == '[')
                out.insert(line.substr(1, line.find('.') - 1));
    }
    return out;
}

fs::path write_catalogue(std::string const& text) {
    auto const dir =
        fs::temp_directory_path() / ("samverkan-messages-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "test.msg") << text;
    return dir;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(messages)

BOOST_AUTO_TEST_CASE(every_key_the_code_names_is_in_the_catalogue) {
    auto const known = prefixes();
    std::regex const literal{R"re((\b(?:of|w|words_?)\(\s*)?"([a-z_]+(\.[a-z0-9_]+)+)")re"};
    int checked = 0;
    std::vector<fs::path> files;
    for (auto const* dir : {"modules", "app"})
        for (auto const& entry : fs::recursive_directory_iterator(source / dir))
            if (entry.path().extension() == ".cpp") files.push_back(entry.path());
    for (auto const& file : files) {
        std::ifstream in(file);
        std::string const text{std::istreambuf_iterator<char>(in), {}};
        for (std::sregex_iterator it{text.begin(), text.end(), literal}, end; it != end; ++it) {
            auto const key = (*it)[2].str();
            auto const prefix = key.substr(0, key.find('.'));
            bool const worded = (*it)[1].matched;
            if (!known.contains(prefix) || (prefix == "event" && !worded)) continue;
            ++checked;
            BOOST_TEST(catalogue().has(key), file.filename().string() << ": " << key);
        }
    }
    BOOST_TEST(checked > 80);  // the scan found the code's keys at all
}

BOOST_AUTO_TEST_CASE(keys_made_from_codes_exist_for_every_code) {
    for (auto const* kind : {"dialogue_conference", "theme_meeting", "other"})
        BOOST_TEST(catalogue().has(std::string{"event.kind."} + kind));
    for (auto const* area : {"collaboration_learning", "participation", "democracy"})
        BOOST_TEST(catalogue().has(std::string{"event.area."} + area));
    for (auto const* status : {"confirmed", "waitlisted", "partially_waitlisted"})
        BOOST_TEST(catalogue().has(std::string{"manage.done."} + status));
    for (auto const* e :
         {"not_found", "forbidden", "rate_limited", "unavailable", "internal", "other"}) {
        BOOST_TEST(catalogue().has(std::string{"error."} + e + ".heading"));
        BOOST_TEST(catalogue().has(std::string{"error."} + e + ".text"));
    }
}

BOOST_AUTO_TEST_CASE(every_template_is_put_into_both_languages) {
    // The renderer replaces every [[key]] at load and throws for an unknown one.
    core::page_renderer const pages{source / "web/templates", catalogue()};
    boost::json::object const data{{"title", "x"}};
    auto const sv = pages.render_page("index", data, core::language::sv);
    auto const en = pages.render_page("index", data, core::language::en);
    BOOST_TEST(sv.find("<html lang=\"sv\">") != std::string::npos);
    BOOST_TEST(en.find("<html lang=\"en\">") != std::string::npos);
    BOOST_TEST(sv.find("Kommande träffar") != std::string::npos);
    BOOST_TEST(en.find("Upcoming events") != std::string::npos);
    BOOST_TEST(en.find("[[") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(messages_are_filled_in_the_readers_language) {
    auto const m = server::message::of("registration.organisation_limit", {{"n", "2"}});
    BOOST_TEST(catalogue().say(core::language::en, m) ==
               "Too many attendees from this organisation: 2 more can register.");
    BOOST_TEST(catalogue().say(core::language::sv, m) ==
               "För många deltagare från organisationen: 2 till kan anmälas.");
    BOOST_TEST(catalogue().say(core::language::sv, server::message{"as it is"}) == "as it is");
    BOOST_CHECK_THROW((void)catalogue().text(core::language::sv, "no.such.key"), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(a_catalogue_with_a_hole_stops_the_program) {
    BOOST_CHECK_THROW(core::message_catalogue{write_catalogue("[a.b]\nsv = Hej\n")},
                      std::runtime_error);
    BOOST_CHECK_THROW(core::message_catalogue{write_catalogue(
                          "[a.b]\nsv = Hej\nen = Hi\n[a.b]\nsv = x\nen = y\n")},
                      std::runtime_error);
    BOOST_CHECK_THROW(core::message_catalogue{write_catalogue("[a.b]\nde = Hallo\n")},
                      std::runtime_error);
    BOOST_CHECK_NO_THROW(
        core::message_catalogue{write_catalogue("# c\n[a.b]\nsv = Hej\nen = Hi\n")});
}

BOOST_AUTO_TEST_CASE(accept_language_picks_the_preferred_of_swedish_and_english) {
    using core::language;
    BOOST_TEST((core::preferred_language("en-GB,en;q=0.9,sv;q=0.8") == language::en));
    BOOST_TEST((core::preferred_language("de-DE,sv;q=0.5,en;q=0.4") == language::sv));
    BOOST_TEST((core::preferred_language("sv-SE") == language::sv));
    BOOST_TEST(!core::preferred_language("de,fr;q=0.8").has_value());
    BOOST_TEST(!core::preferred_language("").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
