#pragma once

// CSV for Excel and LibreOffice with Swedish settings, for every download the staff pages
// offer: UTF-8 with a BOM, semicolon-separated, CRLF line ends. Cells that start with
// = + - @ (or a tab or CR) get a leading apostrophe so that no formula runs; cells holding
// ; , " CR or LF are quoted, so a file opened with either separator keeps its columns.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::core {

class csv_writer {
public:
    csv_writer();  ///< starts with the BOM

    void row(std::vector<std::string> const& cells);
    void row(std::initializer_list<std::string_view> cells);

    [[nodiscard]] std::string const& text() const& { return out_; }

    [[nodiscard]] std::string text() && { return std::move(out_); }

private:
    std::string out_;
};

/// One cell, neutralised and quoted as above.
[[nodiscard]] std::string csv_cell(std::string_view value);

}  // namespace samverkan::core
