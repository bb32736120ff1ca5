#include "modules/core/messages.hpp"

#include "modules/core/text.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace samverkan::core {

namespace {

struct reading {
    std::string file;
    int line = 0;

    [[noreturn]] void fail(std::string const& what) const {
        throw std::runtime_error("messages: " + file + ":" + std::to_string(line) + ": " + what);
    }
};

using entry_map = std::map<std::string, std::array<std::string, 2>, std::less<>>;

void read_file(std::filesystem::path const& path, entry_map& entries) {
    std::ifstream in(path);
    reading at{path.filename().string()};
    std::string line, key;
    while (std::getline(in, line)) {
        ++at.line;
        auto const t = trim(line);
        if (t.empty() || t.front() == '#') continue;
        if (t.front() == '[' && t.back() == ']') {
            key = t.substr(1, t.size() - 2);
            if (key.empty()) at.fail("an empty key");
            if (!entries.emplace(key, std::array<std::string, 2>{}).second)
                at.fail("the key [" + key + "] is given twice");
            continue;
        }
        auto const equals = t.find('=');
        if (key.empty() || equals == std::string::npos) at.fail("expected [key] or 'sv = …'");
        auto const lang = language_from_code(trim(t.substr(0, equals)));
        if (!lang) at.fail("the language must be sv or en");
        auto& slot = entries[key][static_cast<std::size_t>(*lang)];
        if (!slot.empty()) at.fail("[" + key + "] has two texts in one language");
        slot = trim(t.substr(equals + 1));
        if (!valid_utf8(slot)) at.fail("not UTF-8");
    }
}

}  // namespace

std::string_view code(language l) {
    return l == language::en ? "en" : "sv";
}

std::optional<language> language_from_code(std::string_view text) {
    if (text == "sv") return language::sv;
    if (text == "en") return language::en;
    return std::nullopt;
}

message_catalogue::message_catalogue(std::filesystem::path const& dir) {
    if (!std::filesystem::is_directory(dir))
        throw std::runtime_error("messages: no folder " + dir.string());
    std::vector<std::filesystem::path> files;
    for (auto const& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".msg") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (auto const& f : files) read_file(f, entries_);
    for (auto const& [key, texts] : entries_)
        for (auto l : {language::sv, language::en})
            if (texts[static_cast<std::size_t>(l)].empty())
                throw std::runtime_error("messages: [" + key + "] has no " + std::string{code(l)} +
                                         " text");
}

std::string const& message_catalogue::text(language l, std::string_view key) const {
    auto const it = entries_.find(key);
    if (it == entries_.end()) throw std::out_of_range("no message [" + std::string{key} + "]");
    return it->second[static_cast<std::size_t>(l)];
}

std::string message_catalogue::say(language l, server::message const& m) const {
    if (!m.keyed()) return m.text();
    return fill(text(l, m.text()), m.args());
}

bool message_catalogue::has(std::string_view key) const {
    return entries_.find(key) != entries_.end();
}

std::string message_catalogue::localise(language l, std::string_view source) const {
    std::string out;
    out.reserve(source.size());
    for (std::size_t i = 0; i < source.size();) {
        auto const open = source.find("[[", i);
        if (open == std::string_view::npos) {
            out.append(source.substr(i));
            break;
        }
        auto const close = source.find("]]", open + 2);
        if (close == std::string_view::npos) throw std::runtime_error("template: [[ without ]]");
        out.append(source.substr(i, open - i));
        out.append(text(l, source.substr(open + 2, close - open - 2)));
        i = close + 2;
    }
    return out;
}

server::translator message_catalogue::translator() const {
    return [this](server::message const& m, std::string_view lang) {
        return say(lang == "sv" ? language::sv : language::en, m);
    };
}

std::string wording::counted(std::string const& key, long long n) const {
    if (n == 0 && messages_->has(key + "_none")) return (*this)(key + "_none");
    if (n == 1) return (*this)(key + "_one");
    return (*this)(key, {{"n", std::to_string(n)}});
}

std::string fill(std::string_view text, server::message::arguments const& args) {
    if (args.empty()) return std::string{text};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        auto const open = text.find('{', i);
        auto const close = open == std::string_view::npos ? open : text.find('}', open);
        if (close == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, open - i));
        auto const name = text.substr(open + 1, close - open - 1);
        auto const arg =
            std::find_if(args.begin(), args.end(), [&](auto const& a) { return a.first == name; });
        out.append(arg != args.end() ? std::string_view{arg->second}
                                     : text.substr(open, close - open + 1));
        i = close + 1;
    }
    return out;
}

}  // namespace samverkan::core
