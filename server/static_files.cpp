#include "server/static_files.hpp"

#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>

namespace samverkan::server {

namespace {

struct static_file {
    std::string body;
    std::string content_type;
    std::string etag;
};

std::string content_type_of(std::filesystem::path const& path) {
    static const std::unordered_map<std::string, std::string> types{
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".json", "application/json"},
        {".html", "text/html; charset=utf-8"}};
    auto const it = types.find(path.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::string etag_of(std::string const& body) {
    // FNV-1a: stable across runs and instances, unlike std::hash.
    unsigned long long hash = 1469598103934665603ull;
    for (unsigned char c : body) hash = (hash ^ c) * 1099511628211ull;
    std::ostringstream out;
    out << '"' << std::hex << hash << '"';
    return out.str();
}

}  // namespace

void register_static_routes(router& routes, std::filesystem::path const& dir) {
    auto files = std::make_shared<std::unordered_map<std::string, static_file>>();
    if (std::filesystem::is_directory(dir)) {
        for (auto const& entry : std::filesystem::recursive_directory_iterator(dir)) {
            if (!entry.is_regular_file()) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::string body{std::istreambuf_iterator<char>(in), {}};
            auto const etag = etag_of(body);
            (*files)[entry.path().lexically_relative(dir).generic_string()] =
                static_file{std::move(body), content_type_of(entry.path()), etag};
        }
    }
    routes.add(http::verb::get, "/static/{path...}",
               [files](request& req) -> asio::awaitable<response> {
                   auto const it = files->find(std::string{req.path_param("path").value_or("")});
                   if (it == files->end()) throw api_error(error_kind::not_found, "No such file.");
                   auto const& file = it->second;
                   if (req.header("If-None-Match") == file.etag) {
                       auto res = empty_response(304);
                       res.set(http::field::etag, file.etag);
                       co_return res;
                   }
                   auto res = text_response(200, file.body, file.content_type);
                   res.set(http::field::etag, file.etag);
                   res.set(http::field::cache_control, "public, max-age=3600");
                   co_return res;
               });
}

}  // namespace samverkan::server
