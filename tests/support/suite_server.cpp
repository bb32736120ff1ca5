#include "tests/support/suite_server.hpp"

namespace samverkan::test {

namespace {

// The one shared environment of the suite running now (Boost.Test runs one case at a time).
struct suite_sharing {
    bool active = false;
    std::shared_ptr<server_environment> kept;
};

suite_sharing& sharing() {
    static suite_sharing state;
    return state;
}

}  // namespace

server_environment::server_environment(std::vector<std::string> arguments)
    : args(arguments), server(database.url(), server_process::options{std::move(arguments)}) {}

std::shared_ptr<server_environment> environment_for(std::vector<std::string> args) {
    auto& s = sharing();
    if (!s.active) return std::make_shared<server_environment>(std::move(args));
    if (!s.kept || s.kept->args != args) s.kept = std::make_shared<server_environment>(args);
    return s.kept;
}

bool sharing_environment() {
    return sharing().active;
}

boost::unit_test::decorator::fixture_t one_server_per_suite() {
    return boost::unit_test::fixture([] { sharing().active = true; },
                                     [] {
                                         sharing().active = false;
                                         sharing().kept.reset();
                                     });
}

}  // namespace samverkan::test
