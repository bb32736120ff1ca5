#pragma once

#include <boost/test/tools/assertion_result.hpp>
#include <boost/test/tree/decorator.hpp>

#include <string>

namespace samverkan::test {

/// The value of a SAMVERKAN_TEST_* variable; fails the test when it is missing.
[[nodiscard]] std::string service_env(char const* name);

/// Precondition for suites that need a service: without its variable the suite is skipped
/// when run by hand, but under scripts/test (SAMVERKAN_TEST_REQUIRE_SERVICES=1) it runs and
/// fails, so a green run always means every suite ran.
struct needs_service {
    char const* variable;
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const;
};

[[nodiscard]] inline auto needs(char const* variable) {
    return boost::unit_test::precondition(needs_service{variable});
}

}  // namespace samverkan::test
