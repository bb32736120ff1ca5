#include "modules/auth/auth_page_support.hpp"

#include "modules/core/json_input.hpp"
#include "modules/core/pages.hpp"
#include "server/response.hpp"

#include <boost/json/array.hpp>

namespace samverkan::auth {

server::response page(core::page_renderer const& pages, unsigned status, std::string_view name,
                      boost::json::object const& data) {
    auto res = server::html_response(status, pages.render_page(name, data));
    res.set(http::field::cache_control, "no-store");
    return res;
}

void add_problems(boost::json::object& data, std::vector<field_problem> const& problems) {
    boost::json::array summary;
    for (auto const& p : problems) {
        auto const text = message(p.what, "sv");
        auto const key = p.field + "_error";
        if (data.contains(key)) continue;  // the first problem of a field is enough
        data[key] = text;
        // Radio groups have no element with the field's own id: link to the first choice.
        std::string const anchor = p.field == "role" ? "role-steering" : p.field;
        summary.push_back(boost::json::object{{"field", anchor}, {"message", text}});
    }
    data["has_errors"] = !summary.empty();
    data["errors"] = std::move(summary);
}

std::string safe_next(std::string_view next) {
    bool const local = next.size() > 1 && next.size() <= 500 && next.front() == '/' &&
                       next[1] != '/' && next[1] != '\\' && core::clean_text(next, false) &&
                       next.find('\\') == std::string_view::npos;
    return local ? std::string{next} : std::string{"/staff"};
}

}  // namespace samverkan::auth
