#pragma once

#include <boost/json/fwd.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace samverkan::core {

/// Renders the Mustache page templates of web/templates. Each page is rendered into the
/// shared layout (`layout.mustache`, which places `{{{content}}}`). Templates are read once at
/// start; rendering is thread-safe. Values are HTML-escaped unless a template uses {{{ }}}.
class page_renderer {
public:
    explicit page_renderer(std::filesystem::path const& templates_dir);

    /// The page `name` (file `name.mustache`) inside the layout. `data["title"]` is the
    /// page title; `data["lang"]` defaults to "sv".
    [[nodiscard]] std::string render_page(std::string_view name,
                                          boost::json::object const& data) const;

    /// One template alone, without the layout.
    [[nodiscard]] std::string render(std::string_view name, boost::json::object const& data) const;

private:
    std::map<std::string, std::string, std::less<>> templates_;
};

}  // namespace samverkan::core
