#pragma once

#include <string>

namespace samverkan::test {

/// Runs tests/browser/<script> with node against `base_url` and returns its exit status;
/// its output goes to the test log.
[[nodiscard]] int run_browser_script(std::string const& script, std::string const& base_url);

}  // namespace samverkan::test
