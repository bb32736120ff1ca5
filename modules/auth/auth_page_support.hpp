#pragma once

// Helpers shared by the auth module's pages. Staff pages are Swedish; their texts come from
// the message catalogue (web/messages/auth.msg).
#include "modules/core/messages.hpp"
#include "server/api_error.hpp"
#include "server/http_message.hpp"

#include <boost/json/object.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::auth {

/// The language of the staff pages.
inline constexpr core::language staff_language = core::language::sv;

/// The catalogue in the staff pages' language.
[[nodiscard]] core::wording staff_words(core::page_renderer const& pages);

/// A page inside the layout, never cached (staff pages show personal data).
[[nodiscard]] server::response page(core::page_renderer const& pages, unsigned status,
                                    std::string_view name, boost::json::object const& data);

/// Puts the field errors into `data` in words: "<field>_error" per field, and "errors" (a
/// list of {field, message} for the summary, linking to the field's id, in the order of the
/// form's `fields`; others after them) and "has_errors".
void add_field_errors(boost::json::object& data, server::field_errors const& errors,
                      core::wording const& w, std::initializer_list<std::string_view> fields);

/// The field errors of a 422 from the service; any other error is thrown on. Only inside the
/// catch block that handles `e`.
[[nodiscard]] server::field_errors invalid_fields(server::api_error const& e);

/// `next` when it is a path on this site ("/staff"), else "/staff": a login must not
/// redirect to another site.
[[nodiscard]] std::string safe_next(std::string_view next);

}  // namespace samverkan::auth
