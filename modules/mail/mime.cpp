#include "modules/mail/mime.hpp"

#include <array>
#include <ctime>
#include <stdexcept>

namespace samverkan::mail {

namespace {

constexpr char const* crlf = "\r\n";
constexpr std::size_t max_qp_line = 76;
// 45 bytes → 60 base64 characters; with "=?UTF-8?B?" and "?=" an encoded word is 72 ≤ 75.
constexpr std::size_t word_bytes = 45;

bool printable_ascii(std::string_view text) {
    for (char c : text) {
        auto const u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7E) return false;
    }
    return true;
}

// RFC 5322 atext plus space: a display name made only of these needs no quoting.
bool plain_phrase(std::string_view text) {
    static constexpr std::string_view specials = "!#$%&'*+-/=?^_`{|}~ ";
    for (char c : text) {
        auto const u = static_cast<unsigned char>(c);
        bool const alnum =
            (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
        if (!alnum && specials.find(c) == std::string_view::npos) return false;
    }
    return true;
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

void require_safe(std::string_view name, std::string_view value) {
    if (!header_safe(value))
        throw std::invalid_argument("mail header " + std::string{name} +
                                    " contains a line break or NUL");
}

// Only folding (CRLF followed by a space) may break a header value; anything else would
// start a new header or end the header block.
bool folded_header_ok(std::string_view value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        char const c = value[i];
        if (c == '\0' || c == '\n') return false;
        if (c == '\r' && !(value.substr(i, 3) == "\r\n " || value.substr(i, 3) == "\r\n\t"))
            return false;
        if (c == '\r') i += 2;
    }
    return true;
}

void add_header(std::string& out, std::string_view name, std::string_view value) {
    if (!folded_header_ok(value))
        throw std::invalid_argument("mail header " + std::string{name} +
                                    " contains a line break or NUL");
    out.append(name).append(": ").append(value).append(crlf);
}

std::string boundary(mime_message const& m, std::string_view kind) {
    // "=_" never occurs in quoted-printable or base64 output, so no body can contain it.
    std::string b = "=_samverkan_";
    b.append(kind).push_back('_');
    for (char c : m.message_id) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) b += c;
        if (b.size() >= 60) break;
    }
    return b;
}

void add_text_part(std::string& out, std::string_view subtype, std::string_view body) {
    out.append("Content-Type: text/").append(subtype).append("; charset=UTF-8").append(crlf);
    out.append("Content-Transfer-Encoding: quoted-printable").append(crlf).append(crlf);
    out.append(quoted_printable(body));
    if (!out.ends_with(crlf)) out.append(crlf);
}

void require_plain_filename(std::string_view filename) {
    if (!printable_ascii(filename) || filename.find('"') != std::string_view::npos ||
        filename.find('\\') != std::string_view::npos)
        throw std::invalid_argument("attachment file name must be plain ASCII");
}

void add_inline_image(std::string& out, mime_inline_image const& image) {
    require_safe("Content-Type", image.content_type);
    require_plain_filename(image.filename);
    if (!printable_ascii(image.content_id) ||
        image.content_id.find_first_of("<> \"") != std::string::npos)
        throw std::invalid_argument("Content-ID must be plain ASCII");
    out.append("Content-Type: ").append(image.content_type).append(crlf);
    out.append("Content-ID: <").append(image.content_id).append(">").append(crlf);
    out.append("Content-Disposition: inline; filename=\"").append(image.filename).append("\"");
    out.append(crlf).append("Content-Transfer-Encoding: base64").append(crlf).append(crlf);
    out.append(base64_lines(image.content));
}

// The HTML and the images it refers to by cid:, the HTML first (the related part's root).
void add_related(std::string& out, mime_message const& m) {
    auto const b = boundary(m, "rel");
    out.append("Content-Type: multipart/related;\r\n type=\"text/html\";\r\n boundary=\"");
    out.append(b).append("\"").append(crlf).append(crlf);
    out.append("--").append(b).append(crlf);
    add_text_part(out, "html", m.html);
    for (auto const& image : m.inline_images) {
        out.append("--").append(b).append(crlf);
        add_inline_image(out, image);
    }
    out.append("--").append(b).append("--").append(crlf);
}

void add_alternative(std::string& out, mime_message const& m) {
    auto const b = boundary(m, "alt");
    // Folded, so that this part header stays within the 76 octets of a body line too.
    out.append("Content-Type: multipart/alternative;\r\n boundary=\"").append(b).append("\"");
    out.append(crlf).append(crlf);
    out.append("--").append(b).append(crlf);
    add_text_part(out, "plain", m.text);
    out.append("--").append(b).append(crlf);
    if (m.inline_images.empty())
        add_text_part(out, "html", m.html);
    else
        add_related(out, m);
    out.append("--").append(b).append("--").append(crlf);
}

void add_attachment(std::string& out, mime_attachment const& a) {
    require_safe("Content-Type", a.content_type);
    require_plain_filename(a.filename);
    out.append("Content-Type: ").append(a.content_type).append(";\r\n name=\"").append(a.filename);
    out.append("\"").append(crlf);
    out.append("Content-Disposition: attachment; filename=\"").append(a.filename).append("\"");
    out.append(crlf).append("Content-Transfer-Encoding: base64").append(crlf).append(crlf);
    out.append(base64_lines(a.content));
}

void add_headers(std::string& out, mime_message const& m) {
    add_header(out, "From", format_mailbox(m.from_name, m.from_address, 6));
    add_header(out, "To", format_mailbox(m.to_name, m.to_address, 4));
    add_header(out, "Subject", encode_header_text(neutralise_header_text(m.subject), 9));
    add_header(out, "Date", rfc5322_date(m.date));
    add_header(out, "Message-ID", "<" + m.message_id + ">");
    add_header(out, "MIME-Version", "1.0");
    add_header(out, "Auto-Submitted", "auto-generated");
    if (!m.list_unsubscribe_url.empty()) {
        if (!printable_ascii(m.list_unsubscribe_url) ||
            m.list_unsubscribe_url.find_first_of("<> ") != std::string::npos)
            throw std::invalid_argument("List-Unsubscribe URL must be plain ASCII");
        add_header(out, "List-Unsubscribe", "<" + m.list_unsubscribe_url + ">");
        add_header(out, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    for (auto const& [name, value] : m.extra_headers) {
        if (!printable_ascii(name) || name.find(':') != std::string::npos)
            throw std::invalid_argument("bad mail header name");
        add_header(out, name, value);
    }
}

}  // namespace

bool header_safe(std::string_view value) {
    return value.find_first_of(std::string_view{"\r\n\0", 3}) == std::string_view::npos;
}

std::string neutralise_header_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto const u = static_cast<unsigned char>(c);
        bool const space = u < 0x20 || u == 0x7F || c == ' ';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string encode_header_text(std::string_view text, std::size_t used) {
    if (printable_ascii(text) && text.find("=?") == std::string_view::npos &&
        used + text.size() <= 78)
        return std::string{text};
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start;
        while (end < text.size()) {
            auto const next = end + utf8_sequence_length(static_cast<unsigned char>(text[end]));
            if (next - start > word_bytes) break;
            end = std::min(next, text.size());
        }
        if (!out.empty()) out.append("\r\n ");
        out.append("=?UTF-8?B?").append(base64(text.substr(start, end - start))).append("?=");
        start = end;
    }
    return out;
}

std::string format_mailbox(std::string_view name, std::string_view address, std::size_t used) {
    if (!header_safe(address) || address.find_first_of("<>\" ") != std::string_view::npos)
        throw std::invalid_argument("mail address is not header safe");
    auto const clean = neutralise_header_text(name);
    if (clean.empty()) return std::string{address};
    std::string phrase;
    if (plain_phrase(clean) && used + clean.size() < 70) {
        phrase = clean;
    } else if (printable_ascii(clean) && used + clean.size() < 70) {
        phrase = "\"";
        for (char c : clean) {
            if (c == '"' || c == '\\') phrase += '\\';
            phrase += c;
        }
        phrase += '"';
    } else {
        // Force encoding: encode_header_text would pass long ASCII through unquoted.
        phrase = encode_header_text(clean, 100);
    }
    return phrase + " <" + std::string{address} + ">";
}

std::string crlf_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out.append(crlf);
        } else if (c == '\n') {
            out.append(crlf);
        } else {
            out += c;
        }
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    auto const lines = crlf_lines(text);
    std::string out;
    out.reserve(lines.size() + lines.size() / 4);
    std::size_t column = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto const c = static_cast<unsigned char>(lines[i]);
        if (c == '\r' && i + 1 < lines.size() && lines[i + 1] == '\n') {
            out.append(crlf);
            column = 0;
            ++i;
            continue;
        }
        bool const line_end = i + 1 == lines.size() || lines[i + 1] == '\r';
        bool const literal =
            (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
        std::size_t const width = literal ? 1 : 3;
        // Keep room for the soft break "=" unless this is the line's last character.
        if (column + width > (line_end ? max_qp_line : max_qp_line - 1)) {
            out.append("=\r\n");
            column = 0;
        }
        if (literal) {
            out += static_cast<char>(c);
        } else {
            out += '=';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
        column += width;
    }
    return out;
}

std::string base64(std::string_view data) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        unsigned const n = (static_cast<unsigned char>(data[i]) << 16) |
                           (static_cast<unsigned char>(data[i + 1]) << 8) |
                           static_cast<unsigned char>(data[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (i < data.size()) {
        unsigned n = static_cast<unsigned char>(data[i]) << 16;
        if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += i + 1 < data.size() ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string base64_lines(std::string_view data) {
    auto const encoded = base64(data);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / 38 + 2);
    for (std::size_t i = 0; i < encoded.size(); i += 76) out.append(encoded, i, 76).append(crlf);
    return out;
}

std::string rfc5322_date(long long epoch_seconds) {
    static constexpr std::array<char const*, 7> days{"Sun", "Mon", "Tue", "Wed",
                                                     "Thu", "Fri", "Sat"};
    static constexpr std::array<char const*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t const t = static_cast<std::time_t>(epoch_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                  tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buffer;
}

std::string build_mime(mime_message const& m) {
    std::string out;
    out.reserve(m.text.size() + m.html.size() + 2048);
    add_headers(out, m);
    if (m.attachments.empty()) {
        add_alternative(out, m);
        return out;
    }
    auto const b = boundary(m, "mixed");
    out.append("Content-Type: multipart/mixed;\r\n boundary=\"")
        .append(b)
        .append("\"")
        .append(crlf);
    out.append(crlf).append("--").append(b).append(crlf);
    add_alternative(out, m);
    for (auto const& a : m.attachments) {
        out.append("--").append(b).append(crlf);
        add_attachment(out, a);
    }
    out.append("--").append(b).append("--").append(crlf);
    return out;
}

}  // namespace samverkan::mail
