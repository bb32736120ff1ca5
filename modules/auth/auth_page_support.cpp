#include "modules/auth/auth_page_support.hpp"

#include "modules/core/json_input.hpp"
#include "modules/core/pages.hpp"
#include "server/response.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace samverkan::auth {

core::wording staff_words(core::page_renderer const& pages) {
    return pages.words(staff_language);
}

server::response page(core::page_renderer const& pages, unsigned status, std::string_view name,
                      boost::json::object const& data) {
    auto res = server::html_response(status, pages.render_page(name, data, staff_language));
    res.set(http::field::cache_control, "no-store");
    return res;
}

void add_field_errors(boost::json::object& data, server::field_errors const& errors,
                      core::wording const& w, std::initializer_list<std::string_view> fields) {
    boost::json::array summary;
    auto const add = [&](std::string const& field, server::message const& m) {
        auto const text = w.say(m);
        data[field + "_error"] = text;
        // Radio groups have no element with the field's own id: link to the first choice.
        std::string const anchor = field == "role" ? "role-steering" : field;
        summary.push_back(boost::json::object{{"field", anchor}, {"message", text}});
    };
    for (auto const field : fields)
        if (auto const it = errors.find(std::string{field}); it != errors.end())
            add(it->first, it->second);
    for (auto const& [field, m] : errors)
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) add(field, m);
    data["has_errors"] = !summary.empty();
    data["errors"] = std::move(summary);
}

server::field_errors invalid_fields(server::api_error const& e) {
    if (e.kind() != server::error_kind::validation_failed) throw;  // the error being handled
    return e.fields();
}

std::string safe_next(std::string_view next) {
    bool const local = next.size() > 1 && next.size() <= 500 && next.front() == '/' &&
                       next[1] != '/' && next[1] != '\\' && core::clean_text(next, false) &&
                       next.find('\\') == std::string_view::npos;
    return local ? std::string{next} : std::string{"/staff"};
}

}  // namespace samverkan::auth
