#include "modules/core/qr_code.hpp"

#include "modules/core/text.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>
#include <zlib.h>

namespace samverkan::core {

namespace {

void put_u32(std::string& out, unsigned long value) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFFu);
}

// One PNG chunk: length, type, data, and the CRC of type and data.
void put_chunk(std::string& out, char const* type, std::string const& data) {
    put_u32(out, data.size());
    std::string body{type, 4};
    body += data;
    out += body;
    put_u32(out,
            crc32(0L, reinterpret_cast<Bytef const*>(body.data()), static_cast<uInt>(body.size())));
}

// The image's rows, each a filter byte (0, none) then 1 bit per pixel, 1 = white.
std::string png_rows(qr_matrix const& m, int module_pixels, int side) {
    std::size_t const row_bytes = (static_cast<std::size_t>(side) + 7) / 8;
    std::string raw;
    raw.reserve((row_bytes + 1) * static_cast<std::size_t>(side));
    for (int py = 0; py < side; ++py) {
        raw += '\0';
        std::string row(row_bytes, '\0');
        for (int px = 0; px < side; ++px) {
            int const x = px / module_pixels - qr_quiet_zone;
            int const y = py / module_pixels - qr_quiet_zone;
            bool const inside = x >= 0 && y >= 0 && x < m.size && y < m.size;
            if (!(inside && m.dark(x, y)))
                row[static_cast<std::size_t>(px / 8)] |= static_cast<char>(0x80 >> (px % 8));
        }
        raw += row;
    }
    return raw;
}

std::string deflated(std::string const& raw) {
    uLongf length = compressBound(static_cast<uLong>(raw.size()));
    std::string out(length, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &length,
                  reinterpret_cast<Bytef const*>(raw.data()), static_cast<uLong>(raw.size()),
                  Z_BEST_COMPRESSION) != Z_OK)
        throw std::runtime_error("zlib could not compress the QR image");
    out.resize(length);
    return out;
}

}  // namespace

qr_matrix qr_encode(std::string_view text, int min_version) {
    std::string const data{text};
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code{
        QRcode_encodeData(static_cast<int>(data.size()),
                          reinterpret_cast<unsigned char const*>(data.data()), min_version,
                          QR_ECLEVEL_M),
        &QRcode_free};
    if (!code) throw std::invalid_argument("the text does not fit in a QR code");
    qr_matrix m;
    m.version = code->version;
    m.size = code->width;
    auto const cells = static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size);
    m.modules.resize(cells);
    for (std::size_t i = 0; i < cells; ++i) m.modules[i] = (code->data[i] & 1) != 0;
    return m;
}

std::string qr_svg(qr_matrix const& m, std::string_view title, int pixels) {
    int const side = m.size + 2 * qr_quiet_zone;
    std::string path;
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size;) {
            if (!m.dark(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < m.size && m.dark(x + run, y)) ++run;
            // Appended piecewise: g++ 12 warns wrongly (-Wrestrict) about chained "+".
            path.append("M").append(std::to_string(x + qr_quiet_zone)).append(" ");
            path.append(std::to_string(y + qr_quiet_zone)).append("h").append(std::to_string(run));
            path.append("v1h-").append(std::to_string(run)).append("z");
            x += run;
        }
    }
    auto const s = std::to_string(side);
    auto const px = std::to_string(pixels);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" role=\"img\"";
    out.append(" width=\"").append(px).append("\" height=\"").append(px).append("\"");
    out.append(" viewBox=\"0 0 ").append(s).append(" ").append(s).append("\"");
    out.append(" shape-rendering=\"crispEdges\"><title>").append(xml_escape(title));
    out.append("</title><rect width=\"").append(s).append("\" height=\"").append(s);
    out.append("\" fill=\"#fff\"/><path d=\"").append(path).append("\" fill=\"#000\"/></svg>");
    return out;
}

std::string qr_png(qr_matrix const& m, int module_pixels) {
    if (module_pixels < 1 || module_pixels > 32)
        throw std::invalid_argument("QR module size must be 1–32 pixels");
    int const side = (m.size + 2 * qr_quiet_zone) * module_pixels;
    std::string png{"\x89PNG\r\n\x1a\n", 8};
    std::string header;
    put_u32(header, static_cast<unsigned long>(side));
    put_u32(header, static_cast<unsigned long>(side));
    header += std::string{"\x01\x00\x00\x00\x00", 5};  // 1 bit, greyscale, deflate, no interlace
    put_chunk(png, "IHDR", header);
    put_chunk(png, "IDAT", deflated(png_rows(m, module_pixels, side)));
    put_chunk(png, "IEND", {});
    return png;
}

}  // namespace samverkan::core
