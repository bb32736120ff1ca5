#include "modules/privacy/retention_cli.hpp"

#include "modules/privacy/privacy_service.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <ostream>

namespace samverkan::privacy {

bool take_dry_run(std::vector<std::string>& args) {
    auto const before = args.size();
    std::erase(args, std::string{"--dry-run"});
    return args.size() != before;
}

int run_retention_command(privacy_service& service, bool dry_run, std::ostream& out) {
    auto const counts = service.run_retention_now(dry_run, actor{0, "cli"});
    out << boost::json::serialize(retention_json(counts)) << "\n";
    return 0;
}

}  // namespace samverkan::privacy
