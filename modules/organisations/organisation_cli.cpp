#include "modules/organisations/organisation_cli.hpp"

#include "modules/organisations/organisation_import.hpp"
#include "modules/organisations/organisation_service.hpp"
#include "server/api_error.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <iterator>
#include <ostream>

namespace samverkan::organisations {

int run_import_command(std::string const& path, db::database& db,
                       core::message_catalogue const& messages, std::ostream& out,
                       std::ostream& err) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << "import-organisations: cannot read " << path << "\n";
        return 1;
    }
    std::string text{std::istreambuf_iterator<char>(in), {}};
    organisation_service service{db};
    asio::io_context ioc;
    actor const who{0, "cli"};
    core::wording const english{messages, core::language::en};  // as the API answers
    auto done = asio::co_spawn(ioc, service.import_csv(std::move(text), who), asio::use_future);
    ioc.run();
    try {
        auto const r = done.get();
        out << boost::json::serialize(import_json(r, english)) << "\n";
        return 0;
    } catch (server::api_error const& e) {
        err << "import-organisations: " << english.say(e.text());
        for (auto const& [field, message] : e.fields())
            err << " " << field << ": " << english.say(message);
        err << "\n";
        return 1;
    }
}

}  // namespace samverkan::organisations
