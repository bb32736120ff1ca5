#include "modules/mail/mail_templates.hpp"

#include "modules/core/mustache_data.hpp"
#include "modules/mail/mail.hpp"
#include "modules/mail/mime.hpp"

#include <boost/json.hpp>

#include <array>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace samverkan::mail {

namespace mustache = kainjow::mustache;

namespace {

constexpr std::array<std::string_view, 2> languages{"sv", "en"};
constexpr std::array<std::string_view, 3> parts{"subject", "txt", "html"};

std::string key_of(std::string_view language, std::string_view name, std::string_view part) {
    std::string key{language};
    key.append("/").append(name).append(".").append(part);
    return key;
}

std::string read_file(std::filesystem::path const& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("mail template missing: " + path.string());
    return std::string{std::istreambuf_iterator<char>(in), {}};
}

void make_plain(mustache::mustache& t) {
    t.set_custom_escape([](std::string const& s) { return s; });
}

// Partials of one language and part: "_footer" → the text of sv/_footer.txt.
void set_partials(mustache::data& data, template_library::source_map const& all,
                  std::string_view language, std::string_view part) {
    auto const prefix = std::string{language} + "/_";
    std::string suffix{"."};  // not "." + string: g++ 12 warns falsely (-Wrestrict) on that
    suffix.append(part);
    for (auto it = all.lower_bound(prefix); it != all.end() && it->first.starts_with(prefix);
         ++it) {
        if (!it->first.ends_with(suffix)) continue;
        auto const name = it->first.substr(language.size() + 1,
                                           it->first.size() - language.size() - 1 - suffix.size());
        std::string const text = it->second;
        data.set(name, mustache::partial{[text] {
                     return text;
                 }});
    }
}

std::string render_one(mustache::mustache& t, mustache::data const& data, std::string const& key) {
    auto out = t.render(data);
    if (!t.is_valid()) throw std::runtime_error("mail template " + key + ": " + t.error_message());
    return out;
}

}  // namespace

struct detail::compiled_mail {
    compiled_mail(std::string const& s, std::string const& t, std::string const& h)
        : subject(s), text(t), html(h) {
        make_plain(subject);
        make_plain(text);
    }

    mustache::mustache subject;
    mustache::mustache text;
    mustache::mustache html;
};

namespace {

rendered_mail render_compiled(detail::compiled_mail& c, template_library::source_map const& sources,
                              std::string_view language, std::string const& key,
                              boost::json::object const& values) {
    auto data = core::mustache_data(values);
    rendered_mail out;
    set_partials(data, sources, language, "subject");
    out.subject = neutralise_header_text(render_one(c.subject, data, key + ".subject"));
    set_partials(data, sources, language, "txt");
    out.text = render_one(c.text, data, key + ".txt");
    set_partials(data, sources, language, "html");
    out.html = render_one(c.html, data, key + ".html");
    return out;
}

}  // namespace

template_library::template_library(std::filesystem::path const& dir) {
    for (auto const language : languages) {
        auto const folder = dir / std::string{language};
        if (!std::filesystem::is_directory(folder))
            throw std::runtime_error("mail-templates-dir: no folder " + folder.string());
        for (auto const& entry : std::filesystem::directory_iterator(folder)) {
            auto const ext = entry.path().extension().string();
            if (ext != ".subject" && ext != ".txt" && ext != ".html") continue;
            sources_[std::string{language} + "/" + entry.path().filename().string()] =
                read_file(entry.path());
        }
        for (auto const name : template_names()) {
            for (auto const part : parts) {
                auto const key = key_of(language, name, part);
                if (!sources_.contains(key))
                    throw std::runtime_error("mail template missing: " + (dir / key).string());
                mustache::mustache const parsed{sources_.at(key)};
                if (!parsed.is_valid())
                    throw std::runtime_error("mail template " + key + ": " +
                                             parsed.error_message());
            }
        }
    }
}

bool template_library::has(std::string_view name, std::string_view language) const {
    return sources_.contains(key_of(language, name, "subject"));
}

std::string const& template_library::source(std::string const& key) const {
    auto const it = sources_.find(key);
    if (it == sources_.end()) throw std::runtime_error("no mail template " + key);
    return it->second;
}

rendered_mail template_library::render(std::string_view name, std::string_view language,
                                       boost::json::object const& data) const {
    auto const key = std::string{language} + "/" + std::string{name};
    detail::compiled_mail c{source(key + ".subject"), source(key + ".txt"), source(key + ".html")};
    return render_compiled(c, sources_, language, key, data);
}

template_cache::template_cache(template_library const& library) : library_(library) {}

template_cache::~template_cache() = default;

rendered_mail template_cache::render(std::string_view name, std::string_view language,
                                     boost::json::object const& data) {
    auto const key = std::string{language} + "/" + std::string{name};
    auto it = compiled_.find(key);
    if (it == compiled_.end()) {
        auto c = std::make_unique<detail::compiled_mail>(library_.source(key + ".subject"),
                                                         library_.source(key + ".txt"),
                                                         library_.source(key + ".html"));
        it = compiled_.emplace(key, std::move(c)).first;
    }
    return render_compiled(*it->second, library_.sources(), language, key, data);
}

}  // namespace samverkan::mail
