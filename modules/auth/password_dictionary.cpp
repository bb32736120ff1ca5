#include "modules/auth/password_dictionary.hpp"

#include <cstddef>
using std::size_t;  // crack.h uses size_t without declaring it
#include <crack.h>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace samverkan::auth {

namespace {

// cracklib keeps its own process-wide state and makes no promise about threads: one check
// at a time in the whole process, whichever object asks.
std::mutex& cracklib_mutex() {
    static std::mutex m;
    return m;
}

// cracklib's reasons (lib/fascist.c), grouped into what a person can act on.
server::message classify(std::string_view reason) {
    if (reason.find("dictionary word") != std::string_view::npos)
        return server::message::of("password.dictionary_word");
    // Too simplistic, too few different characters …
    return server::message::of("password.too_simple");
}

}  // namespace

password_dictionary::password_dictionary(std::string path)
    : path_(path.empty() ? std::string{GetDefaultCracklibDict()} : std::move(path)) {
    for (auto const* suffix : {".pwd", ".pwi", ".hwm"})
        if (!std::filesystem::exists(path_ + suffix))
            throw std::runtime_error("cracklib: its dictionary " + path_ + suffix +
                                     " is missing (Debian package cracklib-runtime)");
}

std::optional<server::message> password_dictionary::weakness(std::string_view password) const {
    std::string const text{password};
    char const* reason = nullptr;
    {
        std::lock_guard lock(cracklib_mutex());
        // An empty user name: no account name to compare with (staff log in by e-mail,
        // which the rules check already).
        reason = FascistCheckUser(text.c_str(), path_.c_str(), "", nullptr);
    }
    if (reason == nullptr) return std::nullopt;
    std::string_view const why{reason};
    if (why == "error loading dictionary")
        throw std::runtime_error("cracklib: cannot read its dictionary " + path_);
    return classify(why);
}

}  // namespace samverkan::auth
