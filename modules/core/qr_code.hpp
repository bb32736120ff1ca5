#pragma once

// QR codes for the door link (the confirmation mail and the manage page): libqrencode makes
// the matrix, drawn here as SVG for pages and as PNG for mail (mail clients show no SVG).
// Nothing here decodes; a code holds only what the caller gives it.
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::core {

/// A square of modules, row by row; true is dark.
struct qr_matrix {
    int version = 0;  ///< 1–40; the side is 17 + 4 × version modules
    int size = 0;
    std::vector<bool> modules;

    [[nodiscard]] bool dark(int x, int y) const {
        return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                       static_cast<std::size_t>(x)];
    }
};

/// The four light modules around a code that a scanner needs (ISO/IEC 18004).
inline constexpr int qr_quiet_zone = 4;

/// `text` (8-bit bytes, error correction level M) in the smallest version from
/// `min_version` (0: any) that holds it. Throws std::invalid_argument when it does not fit.
[[nodiscard]] qr_matrix qr_encode(std::string_view text, int min_version = 0);

/// An SVG of one path with crisp edges and the quiet zone, role="img" named by its
/// <title> (`title` is escaped). `pixels` is its width and height.
[[nodiscard]] std::string qr_svg(qr_matrix const& m, std::string_view title, int pixels = 200);

/// A 1-bit greyscale PNG of `module_pixels` per module, with the quiet zone.
[[nodiscard]] std::string qr_png(qr_matrix const& m, int module_pixels = 6);

}  // namespace samverkan::core
