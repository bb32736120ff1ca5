#include "modules/core/diagnostic_routes.hpp"

#include "modules/core/database.hpp"
#include "modules/core/json_input.hpp"
#include "server/response.hpp"
#include "server/router.hpp"
#include "server/settings.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <soci/soci.h>

#include <charconv>
#include <stdexcept>

namespace samverkan::core {

void register_diagnostic_routes(server::router& routes, db::database& db) {
    routes.add(http::verb::post, "/_test/echo",
               [](server::request& req) -> asio::awaitable<server::response> {
                   auto const body = parse_json_object(req);
                   server::field_errors errors;
                   field_reader reader{body, errors};
                   auto name = reader.text("name", {.required = true, .max = 50});
                   throw_if_invalid(errors);
                   co_return server::json_response(200, {{"name", *name}});
               });
    routes.add(http::verb::get, "/_test/slow",
               [](server::request& req) -> asio::awaitable<server::response> {
                   auto const text = req.query_param("ms").value_or("0");
                   int ms = 0;
                   std::from_chars(text.data(), text.data() + text.size(), ms);
                   asio::steady_timer timer{co_await asio::this_coro::executor};
                   timer.expires_after(std::chrono::milliseconds(ms));
                   co_await timer.async_wait(asio::use_awaitable);
                   co_return server::json_response(200, {{"slept_ms", ms}});
               });
    routes.add(http::verb::get, "/_test/fail",
               [](server::request&) -> asio::awaitable<server::response> {
                   throw std::runtime_error("deliberate failure with a secret detail");
                   co_return server::empty_response(204);
               });
    routes.add(http::verb::get, "/_test/db",
               [&db](server::request&) -> asio::awaitable<server::response> {
                   auto const answer = co_await db.run([](soci::session& sql) {
                       int one = 0;
                       sql << "select 1", soci::into(one);
                       return one;
                   });
                   co_return server::json_response(200, {{"answer", answer}});
               });
}

void add_diagnostic_settings(server::settings& s, bool& enabled) {
    s.options().add_options()("enable-test-routes", server::po::bool_switch(&enabled),
                              "serve /_test/* routes for the end-to-end tests (never in "
                              "production)");
}

}  // namespace samverkan::core
