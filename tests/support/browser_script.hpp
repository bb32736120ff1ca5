#pragma once

#include <string>
#include <vector>

namespace samverkan::test {

/// Runs tests/browser/<script> with node against `base_url` and returns its exit status;
/// its output goes to the test log. `args` follow the base URL (each in single quotes).
[[nodiscard]] int run_browser_script(std::string const& script, std::string const& base_url,
                                     std::vector<std::string> const& args = {});

}  // namespace samverkan::test
