#pragma once

// Running a program from a test (the samverkan binary's commands, node, dpkg …) through the
// shell, and what it printed.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace samverkan::test {

struct command_result {
    int status = -1;  ///< the exit status; -1 when it did not exit (a signal)
    std::string output;
};

/// Runs `command` with /bin/sh and collects its standard output (append " 2>&1" for both).
inline command_result run_command(std::string const& command) {
    command_result out;
    std::FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr, "cannot run " << command);
    char chunk[4096];
    while (auto n = std::fread(chunk, 1, sizeof chunk, pipe)) out.output.append(chunk, n);
    int const status = ::pclose(pipe);
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

}  // namespace samverkan::test
