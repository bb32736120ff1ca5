// The organisation register's CSV import parser (parse_csv under parse_import): any file is
// rows with their errors or one 422, and each row's line is one the file has.
#include "fuzz/fuzz_check.hpp"
#include "modules/organisations/organisation_import.hpp"
#include "server/api_error.hpp"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace samverkan;
    auto const text = fuzz::text_of(data, size);
    try {
        auto const rows = organisations::parse_import(text);
        auto const lines = 1 + std::count(text.begin(), text.end(), '\n') +
                           std::count(text.begin(), text.end(), '\r');
        int previous = 1;
        for (auto const& row : rows) {
            fuzz::expect(row.line > previous && row.line <= lines, "rows come in line order");
            fuzz::expect(!row.error || row.error->keyed(), "a row's problem is a catalogue key");
            fuzz::expect(row.column.empty() || row.error.has_value(),
                         "a column is named only with its problem");
            previous = row.line;
        }
    } catch (server::api_error const& e) {
        fuzz::expect(server::to_status(e.kind()) == 422, "a file that is not CSV is a 422");
    }
    return 0;
}
