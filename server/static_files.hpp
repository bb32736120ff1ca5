#pragma once

#include <filesystem>

namespace samverkan::server {

class router;

/// Serves every file below `dir` at /static/<relative path>, read into memory once at start
/// (so a request never touches the disk and `..` cannot escape), with its content type, an
/// ETag and a cache lifetime.
void register_static_routes(router& routes, std::filesystem::path const& dir);

}  // namespace samverkan::server
