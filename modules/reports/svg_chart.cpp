#include "modules/reports/svg_chart.hpp"

#include "modules/reports/report_labels.hpp"

#include <algorithm>
#include <cstdio>

namespace samverkan::reports::svg {

namespace {

constexpr int width = 640;
constexpr char const* ink = "#1b1b1b";   // text: 16:1 on white
constexpr char const* mark = "#00548b";  // bars and pattern strokes: 7.5:1 on white

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", v);
    return text;
}

long long value_at(category const& c, std::size_t s) {
    return s < c.values.size() ? std::max(0LL, c.values[s]) : 0;
}

std::string fill_of(chart const& c, std::size_t s) {
    switch (c.series[s].fill) {
        case fill::hatched:
            return "url(#" + c.id + "-hatched)";
        case fill::dotted:
            return "url(#" + c.id + "-dotted)";
        case fill::solid:
            break;
    }
    return mark;
}

std::string text(double x, double y, std::string_view body, std::string_view extra = "") {
    return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" fill=\"" + ink + "\"" +
           std::string{extra} + ">" + escape(body) + "</text>";
}

std::string rect(double x, double y, double w, double h, std::string const& paint,
                 std::string_view extra = "") {
    return "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(w) +
           "\" height=\"" + number(h) + "\" fill=\"" + paint + "\" stroke=\"" + mark +
           "\" stroke-width=\"1.5\"" + std::string{extra} + "/>";
}

/// The opening tag, name, description and the patterns every series may use.
std::string head(chart const& c, int height) {
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " +
                      std::to_string(width) + " " + std::to_string(height) +
                      "\" role=\"img\" aria-labelledby=\"" + c.id + "-title " + c.id +
                      "-desc\" font-size=\"14\">";
    out += "<title id=\"" + c.id + "-title\">" + escape(c.title) + "</title>";
    out += "<desc id=\"" + c.id + "-desc\">" + escape(c.summary) + "</desc>";
    out += "<defs><pattern id=\"" + c.id +
           "-hatched\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\""
           " patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#fff\"/>"
           "<rect width=\"3\" height=\"8\" fill=\"" +
           std::string{mark} + "\"/></pattern>";
    out += "<pattern id=\"" + c.id +
           "-dotted\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\">"
           "<rect width=\"7\" height=\"7\" fill=\"#fff\"/><circle cx=\"3.5\" cy=\"3.5\" r=\"2\""
           " fill=\"" +
           std::string{mark} + "\"/></pattern></defs>";
    return out;
}

/// A swatch and the name of each series, in one line at the top; none for one series.
std::string legend(chart const& c, int& y) {
    if (c.series.size() < 2) return {};
    std::string out = "<g class=\"legend\">";
    double x = 0;
    for (std::size_t s = 0; s < c.series.size(); ++s) {
        out += rect(x + 1, y + 1, 16, 16, fill_of(c, s));
        out += text(x + 24, y + 14, c.series[s].name);
        x += 40 + 8.0 * static_cast<double>(c.series[s].name.size());
    }
    y += 30;
    return out + "</g>";
}

std::string bar_attributes(std::size_t s, long long value) {
    return " class=\"bar s" + std::to_string(s) + "\" data-value=\"" + std::to_string(value) + "\"";
}

}  // namespace

std::string escape(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (char ch : in) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += ch;
        }
    }
    return out;
}

std::string horizontal_bars(chart const& c) {
    constexpr int bar_height = 18, bar_step = 22, label_space = 70;
    long long largest = 0;
    for (auto const& cat : c.categories)
        for (std::size_t s = 0; s < c.series.size(); ++s)
            largest = std::max(largest, value_at(cat, s));
    int y = 4;
    std::string body = legend(c, y);
    double const scale = largest > 0 ? double(width - label_space) / double(largest) : 0;
    for (auto const& cat : c.categories) {
        body += text(0, y + 14, cat.label, " font-weight=\"600\"");
        y += 20;
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            auto const v = value_at(cat, s);
            double const w = double(v) * scale;
            body += rect(0.75, y, w, bar_height, fill_of(c, s), bar_attributes(s, v));
            body += text(w + 6, y + 14, format_count(v));
            y += bar_step;
        }
        y += 10;
    }
    return head(c, y) + body + "</svg>";
}

std::string stacked_columns(chart const& c) {
    constexpr int plot_height = 220, axis_space = 26, total_space = 24;
    long long largest = 0;
    for (auto const& cat : c.categories) {
        long long total = 0;
        for (std::size_t s = 0; s < c.series.size(); ++s) total += value_at(cat, s);
        largest = std::max(largest, total);
    }
    int y = 4;
    std::string body = legend(c, y);
    double const base = y + total_space + plot_height;
    double const scale = largest > 0 ? double(plot_height) / double(largest) : 0;
    auto const n = std::max<std::size_t>(1, c.categories.size());
    double const slot = double(width) / double(n);
    double const column = std::min(90.0, slot * 0.6);
    body += "<line x1=\"0\" y1=\"" + number(base) + "\" x2=\"" + std::to_string(width) +
            "\" y2=\"" + number(base) + "\" stroke=\"" + ink + "\" stroke-width=\"1\"/>";
    for (std::size_t i = 0; i < c.categories.size(); ++i) {
        auto const& cat = c.categories[i];
        double const x = slot * double(i) + (slot - column) / 2;
        double top = base;
        long long total = 0;
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            auto const v = value_at(cat, s);
            double const h = double(v) * scale;
            top -= h;
            total += v;
            body += rect(x, top, column, h, fill_of(c, s), bar_attributes(s, v));
            if (h >= 20) {  // the value on a white tag, readable on any fill
                body += rect(x + column / 2 - 22, top + h / 2 - 10, 44, 20, "#fff");
                body += text(x + column / 2, top + h / 2 + 5, format_count(v),
                             " text-anchor=\"middle\"");
            }
        }
        body += text(x + column / 2, top - 6, format_count(total),
                     " text-anchor=\"middle\" font-weight=\"600\" class=\"total\"");
        body += text(x + column / 2, base + 18, cat.label, " text-anchor=\"middle\"");
    }
    return head(c, static_cast<int>(base) + axis_space) + body + "</svg>";
}

}  // namespace samverkan::reports::svg
