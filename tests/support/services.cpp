#include "tests/support/services.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>

namespace samverkan::test {

std::string service_env(char const* name) {
    char const* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        BOOST_FAIL(std::string{name} + " is not set: run the suite through scripts/test");
    return value;
}

boost::test_tools::assertion_result needs_service::operator()(
    boost::unit_test::test_unit_id) const {
    char const* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return true;
    char const* required = std::getenv("SAMVERKAN_TEST_REQUIRE_SERVICES");
    if (required != nullptr && std::string{required} == "1") return true;  // run, and fail loudly
    boost::test_tools::assertion_result skip{false};
    skip.message() << variable << " is not set (run through scripts/test)";
    return skip;
}

}  // namespace samverkan::test
