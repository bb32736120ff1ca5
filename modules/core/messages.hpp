#pragma once

// The message catalogue: every text a person reads — page strings, form errors, API
// messages — keyed by id, in Swedish and English, in web/messages/*.msg:
//
//     # A comment.
//     [registration.closed.cancelled]
//     sv = Träffen är inställd.
//     en = The event is cancelled.
//
// A key without both languages, or given twice, stops the program at start. `{name}` in a
// text is filled from a message's arguments; page templates name texts as [[key]] and are
// put into each language once, when they are read.
#include "server/message.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::core {

/// The languages of the pages and mails; Swedish first.
enum class language { sv, en };

[[nodiscard]] std::string_view code(language l);

/// "sv" / "en" → the language; nullopt for anything else.
[[nodiscard]] std::optional<language> language_from_code(std::string_view text);

class message_catalogue {
public:
    /// Reads every *.msg file of `dir`; throws std::runtime_error naming the file and the key
    /// when a key repeats, lacks a language or a line cannot be read.
    explicit message_catalogue(std::filesystem::path const& dir);

    /// The text of `key`; throws std::out_of_range for an unknown key (a bug: the tests scan
    /// the code and templates for every key they use).
    [[nodiscard]] std::string const& text(language l, std::string_view key) const;

    /// A message in words: a key's text with its {name} placeholders filled, or a literal.
    [[nodiscard]] std::string say(language l, server::message const& m) const;

    /// `source` with every [[key]] replaced by the key's text.
    [[nodiscard]] std::string localise(language l, std::string_view source) const;

    [[nodiscard]] bool has(std::string_view key) const;

    [[nodiscard]] std::size_t size() const { return entries_.size(); }

    /// A translator for the router: "sv" or anything else (English).
    [[nodiscard]] server::translator translator() const;

private:
    std::map<std::string, std::array<std::string, 2>, std::less<>> entries_;
};

/// The catalogue in one language: what a page or a view needs to put its texts into words.
class wording {
public:
    wording(message_catalogue const& messages, language lang) : messages_(&messages), lang_(lang) {}

    [[nodiscard]] language lang() const { return lang_; }

    [[nodiscard]] std::string operator()(std::string_view key) const {
        return messages_->text(lang_, key);
    }

    [[nodiscard]] std::string operator()(std::string_view key,
                                         server::message::arguments args) const {
        return messages_->say(lang_, server::message::of(std::string{key}, std::move(args)));
    }

    /// A message (a key with its arguments, or a literal) in words.
    [[nodiscard]] std::string say(server::message const& m) const {
        return messages_->say(lang_, m);
    }

    /// A text that tells a count: `<key>_none` for 0 when the catalogue has it, `<key>_one`
    /// for 1, else `<key>` with {n} filled ("1 person", "57 personer").
    [[nodiscard]] std::string counted(std::string const& key, long long n) const;

private:
    message_catalogue const* messages_;
    language lang_;
};

/// `{name}` placeholders of `text` filled from `args` (left as they are when not given).
[[nodiscard]] std::string fill(std::string_view text, server::message::arguments const& args);

}  // namespace samverkan::core
