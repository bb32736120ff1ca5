#include "modules/privacy/subject_view.hpp"

#include "modules/core/time.hpp"

#include <boost/json.hpp>

#include <utility>
#include <vector>

namespace samverkan::privacy {

namespace json = boost::json;

namespace {

std::string text_of(json::value const* v) {
    return v != nullptr && v->is_string() ? std::string{v->as_string()} : std::string{};
}

std::string at_path(json::object const& o, std::initializer_list<std::string_view> path) {
    json::value const* v = nullptr;
    json::object const* here = &o;
    for (auto key : path) {
        if (here == nullptr) return {};  // the path goes through something that is no object
        v = here->if_contains(key);
        if (v == nullptr) return {};
        here = v->is_object() ? &v->as_object() : nullptr;
    }
    return text_of(v);
}

// "lördag 13 juni 2026" from an RFC 3339 text; "" when there is none.
std::string date_of(std::string const& rfc3339) {
    auto const t = core::parse_rfc3339(rfc3339);
    return t ? core::format_date(*t) : std::string{};
}

json::array const& list(json::object const& o, std::string_view key) {
    static json::array const empty;
    auto const* v = o.if_contains(key);
    return v != nullptr && v->is_array() ? v->as_array() : empty;
}

// One row per item: the fields the page shows, dates in words.
json::array rows(json::object const& subject, std::string_view key, core::wording const& w) {
    json::array out;
    for (auto const& item : list(subject, key)) {
        auto const& o = item.as_object();
        json::object row{{"event", at_path(o, {"event", "title"})},
                         {"event_date", date_of(at_path(o, {"event", "starts_at"}))},
                         {"organisation", at_path(o, {"organisation", "name"})},
                         {"name", at_path(o, {"name"})},
                         {"created", date_of(at_path(o, {"created_at"}))}};
        if (key == "registrations") row["name"] = at_path(o, {"contact", "name"});
        if (key == "attendees") row["organisation"] = at_path(o, {"organisation_name"});
        if (auto status = at_path(o, {"status"}); !status.empty())
            row["status"] = w("subjects.status." + status);
        if (key == "messages") row["name"] = at_path(o, {"template"});
        out.push_back(std::move(row));
    }
    return out;
}

std::string counted(long long n, std::string const& kind, core::wording const& w) {
    return w("subjects.count." + kind + (n == 1 ? ".one" : ".other"), {{"n", std::to_string(n)}});
}

}  // namespace

erase_counts counts_of(json::object const& subject) {
    auto const n = [&](std::string_view key) {
        return static_cast<long long>(list(subject, key).size());
    };
    return {n("registrations"), n("attendees"), n("contacts"), n("invitations"), n("messages")};
}

std::string counts_in_words(erase_counts const& c, core::wording const& w) {
    std::vector<std::string> parts;
    for (auto const& [n, kind] : {std::pair{c.registrations, "registrations"},
                                  {c.attendees, "attendees"},
                                  {c.contacts, "contacts"},
                                  {c.invitations, "invitations"},
                                  {c.messages, "messages"}})
        if (n > 0) parts.push_back(counted(n, kind, w));
    if (parts.empty()) return w("subjects.count.none");
    auto const last_separator = w("subjects.count.and");
    std::string out = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        // Appended piece by piece: GCC 12 warns (-Wrestrict) about a joined temporary.
        if (i + 1 == parts.size()) {
            out.push_back(' ');
            out.append(last_separator);
            out.push_back(' ');
        } else {
            out.append(", ");
        }
        out.append(parts[i]);
    }
    return out;
}

json::object subject_view(json::object const& subject, core::wording const& w) {
    json::object view{{"email", text_of(subject.if_contains("email"))}};
    for (auto const* key : {"registrations", "attendees", "contacts", "invitations", "messages"}) {
        view[key] = rows(subject, key, w);
        view[std::string{"has_"} + key] = !list(subject, key).empty();
    }
    auto const* unsubscribed = subject.if_contains("unsubscribed");
    view["unsubscribed"] =
        unsubscribed != nullptr && unsubscribed->is_bool() && unsubscribed->as_bool();
    auto const counts = counts_of(subject);
    view["found_anything"] = counts.registrations + counts.attendees + counts.contacts +
                                 counts.invitations + counts.messages >
                             0;
    view["summary"] = counts_in_words(counts, w);
    return view;
}

}  // namespace samverkan::privacy
