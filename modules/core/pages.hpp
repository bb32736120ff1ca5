#pragma once

#include "modules/core/messages.hpp"

#include <boost/json/fwd.hpp>

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace samverkan::core {

/// Renders the Mustache page templates of web/templates. Each page is rendered into the
/// shared layout (`layout.mustache`, which places `{{{content}}}`). Templates name their
/// texts as [[key]] of the message catalogue and are put into each language once, at start;
/// rendering is thread-safe. Values are HTML-escaped unless a template uses {{{ }}}.
class page_renderer {
public:
    page_renderer(std::filesystem::path const& templates_dir, message_catalogue const& messages);

    /// The page `name` (file `name.mustache`) inside the layout, in `lang`. `data["title"]`
    /// is the page title; `lang` and `lang_sv`/`lang_en` are set for the templates.
    [[nodiscard]] std::string render_page(std::string_view name, boost::json::object const& data,
                                          language lang = language::sv) const;

    /// One template alone, without the layout.
    [[nodiscard]] std::string render(std::string_view name, boost::json::object const& data,
                                     language lang = language::sv) const;

    [[nodiscard]] message_catalogue const& messages() const { return messages_; }

    /// The catalogue in `lang`, for the texts a page's data carries.
    [[nodiscard]] wording words(language lang) const { return {messages_, lang}; }

private:
    using template_map = std::map<std::string, std::string, std::less<>>;

    message_catalogue const& messages_;
    std::array<template_map, 2> templates_;  ///< by language
};

}  // namespace samverkan::core
