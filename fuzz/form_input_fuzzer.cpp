// core::form_input, the decoder of every HTML form body: never anything but its 400 for a
// bad encoding, and what it decodes survives being encoded again.
#include "fuzz/fuzz_check.hpp"
#include "modules/core/form_input.hpp"
#include "server/api_error.hpp"
#include "tests/support/form_encode.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace samverkan;
    core::form_input form;
    try {
        form = core::form_input{fuzz::text_of(data, size)};
    } catch (server::api_error const& e) {
        fuzz::expect(server::to_status(e.kind()) == 400, "a bad form is a 400");
        return 0;
    }
    std::string again;
    for (auto const& [name, value] : form.pairs())
        again.append(again.empty() ? "" : "&")
            .append(test::form_encode(name))
            .append("=")
            .append(test::form_encode(value));
    core::form_input const reread{again};
    fuzz::expect(reread.pairs() == form.pairs(), "decode(encode(fields)) == fields");
    if (!form.pairs().empty()) {
        auto const& first = form.pairs().front();
        fuzz::expect(form.get(first.first) == std::string_view{first.second},
                     "get() finds the first value of a name");
        fuzz::expect(!form.get_all(first.first).empty(), "get_all() finds every value");
    }
    return 0;
}
