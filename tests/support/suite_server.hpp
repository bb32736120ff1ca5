#pragma once

// A database and the real server on it, for one test case or, in suites that opt in, for
// every case of the suite: starting them is most of an end-to-end case's cost, so suites
// whose cases touch only data of their own (their own events, their own addresses) share one.
//
//     BOOST_FIXTURE_TEST_SUITE(name, registration_server,
//                              *test::needs("…") * test::one_server_per_suite())
//
// A case in such a suite must not count rows it did not make.
#include "tests/support/server_process.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/tree/decorator.hpp>

#include <memory>
#include <string>
#include <vector>

namespace samverkan::test {

struct server_environment {
    std::vector<std::string> args;
    test_database database;
    server_process server;

    explicit server_environment(std::vector<std::string> arguments);
};

/// The environment for the running case: a new one, or the suite's when it shares one (and
/// was started with the same arguments).
[[nodiscard]] std::shared_ptr<server_environment> environment_for(std::vector<std::string> args);

/// Whether the running case is in a suite that shares its environment.
[[nodiscard]] bool sharing_environment();

/// The suite decorator: from the suite's start to its end, its cases share an environment.
[[nodiscard]] boost::unit_test::decorator::fixture_t one_server_per_suite();

}  // namespace samverkan::test
