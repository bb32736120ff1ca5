#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::mail {

/// A file attached to a message (e.g. the .ics calendar entry).
struct mime_attachment {
    std::string content_type;  ///< e.g. "text/calendar; charset=UTF-8; method=PUBLISH"
    std::string filename;      ///< ASCII, no quotes or control characters
    std::string content;
};

/// An image the HTML part shows by `cid:<content_id>` (e.g. the door link's QR code).
struct mime_inline_image {
    std::string content_type;  ///< "image/png"
    std::string content_id;    ///< without angle brackets: "door-qr@example.se"
    std::string filename;      ///< ASCII, no quotes or control characters
    std::string content;
};

/// Everything an RFC 5322 message is built from. Header texts may hold any UTF-8; they are
/// encoded here. CR, LF or NUL in any header field is refused (`std::invalid_argument`):
/// callers neutralise user text first (`neutralise_header_text`).
struct mime_message {
    std::string from_name;
    std::string from_address;
    std::string to_name;
    std::string to_address;
    std::string subject;
    std::string text;        ///< plain-text body
    std::string html;        ///< HTML body
    std::string message_id;  ///< without angle brackets: "outbox-41.1780000000@example.se"
    long long date = 0;      ///< epoch seconds
    std::string list_unsubscribe_url;  ///< adds List-Unsubscribe (+ one-click POST) when set
    std::vector<std::pair<std::string, std::string>> extra_headers;
    std::vector<mime_attachment> attachments;
    std::vector<mime_inline_image> inline_images;
};

/// The whole message with CRLF line ends: multipart/alternative (text + HTML, UTF-8,
/// quoted-printable), inside multipart/mixed when there are attachments (base64). Inline
/// images go with the HTML in a multipart/related (RFC 2387) that is the alternative's
/// second part, so a text-only reader never gets them. No line
/// is longer than 998 octets and body lines stay within 76.
[[nodiscard]] std::string build_mime(mime_message const& m);

/// True when `value` has no CR, LF or NUL, so it cannot end a header or an SMTP command.
[[nodiscard]] bool header_safe(std::string_view value);

/// User text for a header: every control character (CR, LF, tab, NUL …) becomes a space,
/// runs of spaces collapse, and the ends are trimmed.
[[nodiscard]] std::string neutralise_header_text(std::string_view text);

/// RFC 2047: the text as-is when it is short printable ASCII, else UTF-8 "B" encoded words of
/// at most 75 characters, folded with CRLF SP. `used` is how much of the first line the
/// header name already takes.
[[nodiscard]] std::string encode_header_text(std::string_view text, std::size_t used);

/// `Name <address>` with the name quoted or encoded as needed; just the address when the
/// name is empty. Throws std::invalid_argument for an address that is not header safe.
[[nodiscard]] std::string format_mailbox(std::string_view name, std::string_view address,
                                         std::size_t used);

/// Quoted-printable (RFC 2045) of `text` after its line ends are made CRLF.
[[nodiscard]] std::string quoted_printable(std::string_view text);

/// Base64 in lines of 76 characters, each ended by CRLF.
[[nodiscard]] std::string base64_lines(std::string_view data);

/// Plain base64 without line breaks.
[[nodiscard]] std::string base64(std::string_view data);

/// Every line end (CRLF, lone LF, lone CR) as CRLF.
[[nodiscard]] std::string crlf_lines(std::string_view text);

/// RFC 5322 date: "Tue, 24 Nov 2026 02:39:38 +0000".
[[nodiscard]] std::string rfc5322_date(long long epoch_seconds);

}  // namespace samverkan::mail
