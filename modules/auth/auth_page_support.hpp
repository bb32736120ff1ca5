#pragma once

// Helpers shared by the auth module's pages.
#include "modules/auth/auth_rules.hpp"
#include "server/http_message.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::auth {

/// A page inside the layout, never cached (staff pages show personal data).
[[nodiscard]] server::response page(core::page_renderer const& pages, unsigned status,
                                    std::string_view name, boost::json::object const& data);

/// Puts Swedish messages into `data`: "<field>_error" per field, and "errors" (a list of
/// {field, message} for the summary, linking to the field's id) and "has_errors".
void add_problems(boost::json::object& data, std::vector<field_problem> const& problems);

/// `next` when it is a path on this site ("/staff"), else "/staff": a login must not
/// redirect to another site.
[[nodiscard]] std::string safe_next(std::string_view next);

}  // namespace samverkan::auth
