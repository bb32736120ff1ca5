#include "server/settings.hpp"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>
#include <boost/program_options/value_semantic.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace samverkan::server {

namespace {

constexpr char const* env_prefix = "SAMVERKAN_";

std::vector<std::pair<std::string, std::string>> environment_pairs(char const* const* env) {
    std::vector<std::pair<std::string, std::string>> out;
    for (; env != nullptr && *env != nullptr; ++env) {
        std::string const entry{*env};
        auto const eq = entry.find('=');
        if (eq != std::string::npos) out.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return out;
}

}  // namespace

settings::settings() : described_("Settings") {
    described_.add_options()("help,h", "show this help and exit")(
        "config", po::value<std::string>(),
        "config file of `name = value` lines (env SAMVERKAN_CONFIG)");
}

std::string settings::environment_name(std::string const& option) {
    std::string name = env_prefix;
    for (char c : option)
        name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

void settings::load(std::vector<std::string> const& args, char const* const* environment) {
    po::options_description all;
    all.add(described_);
    all.add_options()("positional", po::value<std::vector<std::string>>(&positional_));
    po::positional_options_description positional;
    positional.add("positional", -1);
    try {
        // The first store() of a key wins, so sources are stored from strongest to weakest.
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), values_);
        po::parsed_options from_env(&described_);
        for (auto const& [name, value] : environment_pairs(environment)) {
            if (name.rfind(env_prefix, 0) != 0) continue;
            for (auto const& option : described_.options()) {
                if (environment_name(option->long_name()) != name) continue;
                from_env.options.emplace_back(option->long_name(), std::vector<std::string>{value});
            }
        }
        po::store(from_env, values_);
        std::string path;
        if (values_.count("config")) {
            path = values_["config"].as<std::string>();
        } else if (!default_config_.empty() && !help_requested() &&
                   std::filesystem::exists(default_config_)) {
            path = default_config_;
        }
        if (!path.empty()) {
            std::ifstream file(path);
            if (!file) throw std::runtime_error("config: cannot read file '" + path + "'");
            po::store(po::parse_config_file(file, described_), values_);
        }
        po::notify(values_);
    } catch (po::error const& e) {
        throw std::runtime_error(e.what());
    }
}

std::string settings::help_text(std::string const& usage) const {
    std::ostringstream out;
    out << usage << "\n" << described_ << "\n";
    out << "Every setting can also be given as an environment variable, e.g. --db-pool-size as "
        << environment_name("db-pool-size") << ", or in the config file as `db-pool-size = 8`.\n"
        << "Precedence: command line, then environment, then config file, then default.\n";
    return out.str();
}

}  // namespace samverkan::server
