#pragma once

// A text for a person, carried from where it is decided (a rule, a field check) to where the
// answer is made, and only there put into words in the reader's language: a key of the
// message catalogue (web/messages/) with its arguments. A literal text is allowed while a
// message has no key yet, and for texts that are data (a name), never for new sentences.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::server {

class message {
public:
    using arguments = std::vector<std::pair<std::string, std::string>>;

    message() = default;

    /// A literal text, shown as it is in every language.
    message(std::string literal) : text_(std::move(literal)) {}  // NOLINT: implicit on purpose

    message(char const* literal) : text_(literal) {}  // NOLINT

    /// The catalogue's text for `key`, its {name} placeholders filled from `args`.
    [[nodiscard]] static message of(std::string key, arguments args = {}) {
        message m{std::move(key)};
        m.keyed_ = true;
        m.args_ = std::move(args);
        return m;
    }

    [[nodiscard]] bool keyed() const { return keyed_; }

    /// The key, or the literal text.
    [[nodiscard]] std::string const& text() const { return text_; }

    [[nodiscard]] arguments const& args() const { return args_; }

    friend bool operator==(message const&, message const&) = default;

private:
    std::string text_;
    bool keyed_ = false;
    arguments args_;
};

/// Puts a message into words in a language ("sv" or "en"): the message catalogue, handed to
/// the server by the program (server/ knows no catalogue).
using translator = std::function<std::string(message const&, std::string_view language)>;

}  // namespace samverkan::server
