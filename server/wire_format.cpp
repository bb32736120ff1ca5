#include "server/wire_format.hpp"

#include <charconv>

namespace samverkan::server {

namespace {

void append_number(std::string& out, std::size_t n) {
    char digits[24];
    auto const end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
}

bool carries_no_body(unsigned status) {
    return status / 100 == 1 || status == 204 || status == 304;
}

}  // namespace

void write_wire_format(response const& res, bool head_request, std::string& out) {
    out.clear();
    unsigned const status = res.result_int();
    out.append("HTTP/1.1 ");
    append_number(out, status);
    out += ' ';
    auto const reason = res.reason();
    out.append(reason.data(), reason.size());
    out.append("\r\n");
    for (auto const& field : res) {
        // Framing is decided here, from the body actually sent.
        if (field.name() == http::field::content_length && !head_request) continue;
        if (field.name() == http::field::transfer_encoding) continue;
        auto const name = field.name_string();
        auto const value = field.value();
        out.append(name.data(), name.size());
        out.append(": ");
        out.append(value.data(), value.size());
        out.append("\r\n");
    }
    bool const no_body = carries_no_body(status);
    if (!head_request && !no_body) {
        out.append("Content-Length: ");
        append_number(out, res.body().size());
        out.append("\r\n");
    }
    out.append("\r\n");
    if (!head_request && !no_body) out.append(res.body());
}

}  // namespace samverkan::server
