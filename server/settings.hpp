#pragma once

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

#include <string>
#include <vector>

namespace samverkan::server {

namespace po = boost::program_options;

/// Every setting of the program, declared by the parts that own them, read with one
/// precedence: command-line flag > SAMVERKAN_* environment variable > config file > default.
/// A flag `--db-pool-size` is the variable SAMVERKAN_DB_POOL_SIZE and the file key
/// `db-pool-size = 8`.
class settings {
public:
    settings();

    /// Where parts add their options (`add_options()("name", po::value(&x), "help")`).
    po::options_description& options() { return described_; }

    /// A config file read when neither --config nor SAMVERKAN_CONFIG names one and it
    /// exists: the package's /etc/samverkan/samverkan.conf, so that `samverkan user add …`
    /// on the server reads what the service reads. Before load().
    void set_default_config(std::string path) { default_config_ = std::move(path); }

    /// Parses; throws std::runtime_error naming the setting when a value is bad.
    /// `args` are argv without the program name and the command words.
    void load(std::vector<std::string> const& args, char const* const* environment);

    [[nodiscard]] bool help_requested() const { return values_.count("help") > 0; }

    [[nodiscard]] std::vector<std::string> const& positional() const { return positional_; }

    /// The `--help` text: every setting with its default and environment variable.
    [[nodiscard]] std::string help_text(std::string const& usage) const;

    /// SAMVERKAN_DB_POOL_SIZE for "db-pool-size".
    [[nodiscard]] static std::string environment_name(std::string const& option);

private:
    po::options_description described_;
    po::variables_map values_;
    std::vector<std::string> positional_;
    std::string default_config_;
};

}  // namespace samverkan::server
