#pragma once

// Which language a public page speaks (API.md "Languages"): ?lang=sv|en chooses and is
// remembered in a `lang` cookie; without either, Accept-Language decides; the default is
// Swedish.
#include "modules/core/messages.hpp"
#include "server/http_message.hpp"

#include <boost/json/fwd.hpp>

#include <string_view>

namespace samverkan::server {
struct request;
}

namespace samverkan::core {

[[nodiscard]] language page_language(server::request const& req);

/// The language of an Accept-Language value: the one of sv and en with the higher weight
/// (the first on a tie); nullopt when it names neither.
[[nodiscard]] std::optional<language> preferred_language(std::string_view accept_language);

/// After ?lang= chose: the `lang` cookie, so the next pages keep the choice.
void remember_language(server::response& res, server::request const& req);

/// What the layout needs to offer the page in the other language: {"href", "lang"} for
/// `alternate` (the same path and query, with lang= the other one).
[[nodiscard]] boost::json::object language_switch(server::request const& req, language current);

}  // namespace samverkan::core
