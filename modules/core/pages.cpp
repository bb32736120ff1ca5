#include "modules/core/pages.hpp"

#include "modules/core/mustache_data.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace samverkan::core {

namespace mustache = kainjow::mustache;

page_renderer::page_renderer(std::filesystem::path const& templates_dir,
                             message_catalogue const& messages)
    : messages_(messages) {
    if (!std::filesystem::is_directory(templates_dir))
        throw std::runtime_error("web-dir: no templates folder at " + templates_dir.string());
    for (auto const& entry : std::filesystem::directory_iterator(templates_dir)) {
        if (entry.path().extension() != ".mustache") continue;
        std::ifstream in(entry.path());
        std::string const source{std::istreambuf_iterator<char>(in), {}};
        auto const name = entry.path().stem().string();
        for (auto l : {language::sv, language::en}) {
            try {
                templates_[static_cast<std::size_t>(l)][name] = messages_.localise(l, source);
            } catch (std::exception const& e) {
                throw std::runtime_error("template " + name + ": " + e.what());
            }
        }
    }
    if (!templates_[0].contains("layout"))
        throw std::runtime_error("web-dir: templates/layout.mustache is missing");
}

std::string page_renderer::render(std::string_view name, boost::json::object const& data,
                                  language lang) const {
    auto const& templates = templates_[static_cast<std::size_t>(lang)];
    auto const it = templates.find(name);
    if (it == templates.end()) throw std::runtime_error("no page template " + std::string{name});
    mustache::mustache tmpl{it->second};
    if (!tmpl.is_valid())
        throw std::runtime_error("template " + std::string{name} + ": " + tmpl.error_message());
    auto context = mustache_data(data);
    // Partials: {{> _name}} renders the template _name.mustache. Only names starting with
    // '_' are partials, so they never shadow a data key.
    for (auto const& [partial_name, text] : templates) {
        if (!partial_name.starts_with('_')) continue;
        std::string const copy = text;
        context.set(partial_name, mustache::partial{[copy] {
                        return copy;
                    }});
    }
    return tmpl.render(context);
}

std::string page_renderer::render_page(std::string_view name, boost::json::object const& data,
                                       language lang) const {
    boost::json::object layout = data;
    layout["lang"] = code(lang);
    layout["lang_sv"] = lang == language::sv;
    layout["lang_en"] = lang == language::en;
    layout["content"] = render(name, layout, lang);
    return render("layout", layout, lang);
}

}  // namespace samverkan::core
