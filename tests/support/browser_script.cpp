#include "tests/support/browser_script.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <sys/wait.h>

namespace samverkan::test {

int run_browser_script(std::string const& script, std::string const& base_url) {
    std::string const command = "node " + std::string{SAMVERKAN_SOURCE_DIR} + "/tests/browser/" +
                                script + " " + base_url + " 2>&1";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    std::string output;
    char chunk[4096];
    while (auto n = std::fread(chunk, 1, sizeof chunk, pipe)) output.append(chunk, n);
    int const status = ::pclose(pipe);
    BOOST_TEST_MESSAGE(script << ":\n" << output);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace samverkan::test
