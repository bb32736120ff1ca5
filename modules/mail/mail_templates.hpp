#pragma once

#include <boost/json/fwd.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace samverkan::mail {

namespace detail {
struct compiled_mail;
}

/// A rendered mail: subject (one line, control characters neutralised), text and HTML.
struct rendered_mail {
    std::string subject;
    std::string text;
    std::string html;
};

/// The mail templates of `mail_templates/{sv,en}/<name>.{subject,txt,html}` (Mustache).
/// Files starting with '_' are partials: `{{> _footer}}` in a .txt template uses
/// `_footer.txt`, in an .html template `_footer.html`. HTML templates escape values; subject
/// and text templates do not (they are not HTML). Loaded and checked once at start-up:
/// every name in template_names() must exist in both languages and parse. Immutable and
/// thread-safe; each render parses the template again.
class template_library {
public:
    explicit template_library(std::filesystem::path const& dir);

    [[nodiscard]] rendered_mail render(std::string_view name, std::string_view language,
                                       boost::json::object const& data) const;

    [[nodiscard]] bool has(std::string_view name, std::string_view language) const;

    /// Source text of one file ("sv/confirmation.html"); throws when missing.
    [[nodiscard]] std::string const& source(std::string const& key) const;

    using source_map = std::map<std::string, std::string, std::less<>>;

    [[nodiscard]] source_map const& sources() const { return sources_; }

private:
    std::map<std::string, std::string, std::less<>> sources_;
};

/// Parsed templates for one thread (kainjow's templates are not safe to share), so the
/// sender parses each template once rather than per message.
class template_cache {
public:
    explicit template_cache(template_library const& library);
    ~template_cache();
    template_cache(template_cache const&) = delete;
    template_cache& operator=(template_cache const&) = delete;

    [[nodiscard]] rendered_mail render(std::string_view name, std::string_view language,
                                       boost::json::object const& data);

private:
    template_library const& library_;
    std::map<std::string, std::unique_ptr<detail::compiled_mail>, std::less<>> compiled_;
};

}  // namespace samverkan::mail
