#include "tests/support/browser_script.hpp"

#include "tests/support/command.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

namespace samverkan::test {

int run_browser_script(std::string const& script, std::string const& base_url,
                       std::vector<std::string> const& args) {
    // Screenshots go to <build>/screenshots/<script>/, unless the caller chose a folder.
    auto dir =
        std::filesystem::current_path() / "screenshots" / std::filesystem::path(script).stem();
    if (char const* chosen = std::getenv("SAMVERKAN_SCREENSHOT_DIR")) dir = chosen;
    std::filesystem::create_directories(dir);
    std::string command = "SAMVERKAN_SCREENSHOT_DIR='" + dir.string() + "' node " +
                          std::string{SAMVERKAN_SOURCE_DIR} + "/tests/browser/" + script + " " +
                          base_url;
    for (auto const& arg : args) command += " '" + arg + "'";
    command += " 2>&1";
    auto const run = run_command(command);
    BOOST_TEST_MESSAGE(script << ":\n" << run.output);
    return run.status;
}

}  // namespace samverkan::test
