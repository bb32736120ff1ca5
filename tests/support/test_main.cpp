// The one main() of every test executable.
#define BOOST_TEST_MODULE samverkan_tests
#include <boost/test/unit_test.hpp>
