#include "app/demo_data.hpp"

#include "app/app_settings.hpp"
#include "app/application.hpp"
#include "modules/core/time.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <array>
#include <chrono>
#include <ostream>

namespace samverkan::app {

namespace {

using namespace std::chrono;

// The register: the organisations the seed documents name (the steering group, the
// agreement's drafting group, the meeting of 26 November), with plausible kinds,
// localities and areas. `from` is the year (0 = four years ago) they start taking part.
struct demo_organisation {
    char const* name;
    char const* kind;
    char const* locality;
    char const* area;
    char const* joined;  // the agreement ("" = not joined)
    int from;
};

constexpr std::array<demo_organisation, 24> register_entries{{
    {"Everöds Byaråd", "village_association", "Everöd", "rural", "2016-05-10", 0},
    {"Kristianstads FN-förening", "association", "Kristianstad", "urban", "2016-04-12", 0},
    {"Föreningen Furuboda", "foundation", "Åhus", "urban", "2016-04-12", 0},
    {"Kristianstads Kvinnojour", "association", "Kristianstad", "urban", "2017-02-01", 0},
    {"IFK Kristianstad", "association", "Kristianstad", "urban", "2016-04-12", 0},
    {"Sensus studieförbund", "study_association", "Kristianstad", "urban", "2016-04-12", 0},
    {"Tosteberga Byalag", "village_association", "Tosteberga", "rural", "2018-09-03", 0},
    {"Åhus scoutkår", "association", "Åhus", "urban", "", 0},
    {"RFSL Kristianstad", "association", "Kristianstad", "urban", "2019-03-14", 0},
    {"Skånes horn av Afrika förening", "association", "Kristianstad", "urban", "", 0},
    {"Djurröd Byalag", "village_association", "Djurröd", "rural", "", 1},
    {"Oppmanna-Vånga Bygderåd", "village_association", "Oppmanna", "rural", "2024-03-01", 1},
    {"Betaniakyrkan, Tollarp", "faith_community", "Tollarp", "rural", "", 1},
    {"Ekumeniska rådet i Kristianstad", "faith_community", "Kristianstad", "urban", "2020-01-15",
     1},
    {"Studieförbundet Vuxenskolan", "study_association", "Kristianstad", "urban", "2016-04-12", 1},
    {"Lions Åhus", "association", "Åhus", "urban", "", 2},
    {"Näsby Handboll", "association", "Kristianstad", "urban", "", 2},
    {"Christianstad Symfoniker", "association", "Kristianstad", "urban", "2025-04-02", 2},
    {"Åhus församling, Svenska kyrkan", "faith_community", "Åhus", "urban", "", 2},
    {"Änglanejden ekonomisk förening", "cooperative", "Vä", "rural", "2025-09-10", 2},
    {"Östermalmskyrkan", "faith_community", "Kristianstad", "urban", "", 3},
    {"Kristianstad BoIS", "association", "Kristianstad", "urban", "2026-02-05", 3},
    {"KFUM Basket Kristianstad", "association", "Kristianstad", "urban", "", 3},
    {"Föreningen Det Goda Livet", "association", "Fjälkinge", "rural", "", 3},
}};

// Invented people: every name carries "(påhittad)" wherever it is shown.
constexpr std::array<char const*, 20> first_names{
    "Anna",  "Björn", "Cecilia", "David", "Elin", "Fredrik", "Greta", "Hassan", "Ingrid", "Jonas",
    "Karin", "Leila", "Mats",    "Nadia", "Olof", "Petra",   "Rami",  "Sofia",  "Tove",   "Ulf"};
constexpr std::array<char const*, 16> last_names{
    "Andersson", "Berg",      "Carlsson", "Dahl", "Ek",      "Forsberg", "Gustafsson", "Holm",
    "Isaksson",  "Johansson", "Karlsson", "Lind", "Mohamed", "Nilsson",  "Olsson",     "Persson"};

struct theme {
    char const* name;
    char const* description;
    std::vector<std::string> areas;
};

theme theme_of(int year_index, bool june) {
    static std::array<theme, 3> const themes{{
        {"delaktighet",
         "Hur når vi fler? Exempel på samverkansprojekt som öppnar föreningslivet för alla, "
         "oavsett ålder, kön, etnicitet eller ekonomiska förutsättningar.",
         {"participation"}},
        {"psykisk hälsa",
         "Kommunens psykiatrisamordnare berättar om stöd och nätverk, och föreningar om sitt "
         "förebyggande arbete.",
         {"democracy"}},
        {"samhälls- och föreningsengagemang",
         "Hur kan kommunen och den idéburna sektorn tillsammans locka fler till engagemang?",
         {"collaboration_learning", "democracy"}},
    }};
    return themes[static_cast<std::size_t>((year_index * 2 + (june ? 0 : 1)) % 3)];
}

/// A small, fixed pseudo-random sequence: the same demo every time.
class dice {
public:
    unsigned next(unsigned below) {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<unsigned>((state_ >> 33) % below);
    }

private:
    unsigned long long state_ = 20250101;
};

/// The first Thursday on or after `y`-`m`-`d`, at `hour`:`minute` in Stockholm.
long long thursday(int y, unsigned m, unsigned d, int hour, int minute) {
    sys_days day{year{y} / month{m} / d};
    while (weekday{day} != Thursday) day += days{1};
    char text[32];
    year_month_day const ymd{day};
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hour,
                  minute);
    return core::to_epoch(*core::parse_local_datetime(text));
}

struct planned_event {
    events::event e;
    int year_index;  // 0 = four years ago … 4 = next year
};

std::vector<planned_event> plan(int this_year) {
    std::vector<planned_event> out;
    auto add = [&](int index, std::string kind, std::string title, std::string theme_name,
                   std::string text, long long starts, long long length, int capacity,
                   std::vector<std::string> areas) {
        events::event e;
        e.kind = std::move(kind);
        e.title = std::move(title);
        e.theme = std::move(theme_name);
        e.description = std::move(text);
        e.starts_at = starts;
        e.ends_at = starts + length;
        e.venue = "Rådhuset, Kaféet, våning 6";
        e.address = "Stora Torg, Kristianstad";
        e.capacity = capacity;
        e.food = true;
        e.priority_areas = std::move(areas);
        out.push_back({std::move(e), index});
    };
    for (int i = 0; i <= 4; ++i) {
        int const y = this_year - 3 + i;
        add(i, "dialogue_conference", "Dialogkonferens " + std::to_string(y), "",
            "Den årliga dialogkonferensen för alla idéburna organisationer i Kristianstad, "
            "förtroendevalda och tjänstepersoner: parternas roller, ansvar och samverkansformer.",
            thursday(y, 2, 5, 9, 0), 6 * 3600, 120, {"participation", "collaboration_learning"});
        for (bool june : {true, false}) {
            if (i == 4 && !june) break;  // next year: the conference and the June meeting
            auto const t = theme_of(i, june);
            // One full meeting two years ago shows the waiting list at work.
            add(i, "theme_meeting", std::string{"Tematräff: "} + t.name, t.name, t.description,
                june ? thursday(y, 6, 10, 17, 0) : thursday(y, 9, 18, 17, 0), 9000,
                (i == 2 && june) ? 15 : 60, t.areas);
        }
    }
    return out;
}

constexpr char const* demo_address = "demo-data";

struct tally {
    int organisations = 0, events = 0, invitations = 0, registrations = 0, attendees = 0;
    int cancelled = 0, checked_in = 0, no_shows = 0, walk_ins = 0, over_capacity = 0;
};

// The system as staff: events, the door and the register (user 0 is "the system").
// Arguments of a co_await are named, never temporaries: g++ 12 destroys some temporaries
// of a co_await expression twice.
struct seeding {
    seeding(application& app, long long at) : a(app), now(at) {}

    application& a;
    long long now;
    events::actor staff{0, demo_address};
    organisations::actor organisations_actor{0, demo_address};
    invitations::actor invitations_actor{0, demo_address};
    dice rng;
    dice door;  // the walk-ins' own, so that they leave the registrations' draws as they were
    std::vector<long long> organisation_ids;
    int people = 0;
    tally made;

    /// An invented person; a walk-in (`at_the_door`) gives neither e-mail nor needs.
    registrations::attendee_input person(std::string affiliation, bool at_the_door = false) {
        auto const n = people++;
        std::string const first = first_names[static_cast<std::size_t>(n) % first_names.size()];
        std::string const last =
            last_names[static_cast<std::size_t>(n / 3 + n * 7) % last_names.size()];
        registrations::attendee_input out;
        out.name = first + " " + last + " (påhittad)";
        out.email = "deltagare" + std::to_string(n) + "@demo.samverkan.invalid";
        out.affiliation = std::move(affiliation);
        if (at_the_door)
            out.email.clear();
        else if (rng.next(6) == 0)
            out.dietary = {"vegetarian"};
        return out;
    }
};

asio::awaitable<void> add_register(seeding& s) {
    for (auto const& entry : register_entries) {
        organisations::organisation o;
        o.name = entry.name;
        o.kind = entry.kind;
        o.locality = entry.locality;
        o.area = entry.area;
        o.agreement_joined_on = entry.joined;
        auto contact = s.person("civil_society");
        o.contacts = {{0, contact.name, contact.email, ""}};
        auto const created = co_await s.a.organisations.create(std::move(o), s.organisations_actor);
        s.organisation_ids.push_back(created.id);
        ++s.made.organisations;
    }
}

/// One registration: an organisation's people, or (no organisation) one staff member or
/// elected official. Returns the receipt.
asio::awaitable<registrations::registration_receipt> register_one(seeding& s, long long event_id,
                                                                  std::string const& organisation,
                                                                  std::string const& affiliation,
                                                                  int attendees) {
    registrations::registration_input in;
    in.organisation_name = organisation;
    for (int i = 0; i < attendees; ++i) in.attendees.push_back(s.person(affiliation));
    in.contact = {in.attendees.front().name, in.attendees.front().email, ""};
    in.language = "sv";
    std::optional<std::string> no_key;
    std::string address = demo_address;
    auto receipt = co_await s.a.registrations.register_attendees(
        event_id, std::move(in), std::move(no_key), std::move(address));
    ++s.made.registrations;
    s.made.attendees += attendees;
    co_return receipt;
}

/// Organisations that take part by then register 1–3 people each; staff and elected
/// officials come too. One registration is cancelled again by an organiser.
asio::awaitable<void> register_for(seeding& s, long long event_id, planned_event const& p,
                                   bool upcoming) {
    bool const conference = p.e.kind == "dialogue_conference";
    std::vector<long long> registrations_made;
    for (std::size_t i = 0; i < register_entries.size(); ++i) {
        if (register_entries[i].from > p.year_index) continue;
        unsigned const chance = upcoming ? 35 : conference ? 75 : 50;
        if (s.rng.next(100) >= chance) continue;
        std::string const name = register_entries[i].name, affiliation = "civil_society";
        auto const r = co_await register_one(s, event_id, name, affiliation,
                                             1 + static_cast<int>(s.rng.next(3)));
        registrations_made.push_back(r.id);
    }
    std::string const none;
    for (std::string const who : {"municipal_staff", "municipal_staff", "elected_official"})
        for (int n = conference ? 2 : 1; n > 0; --n)
            if (!upcoming || s.rng.next(2) == 0) {
                auto const r = co_await register_one(s, event_id, none, who, 1);
                registrations_made.push_back(r.id);
            }
    if (!upcoming && !registrations_made.empty()) {
        auto const pick = registrations_made[s.rng.next(registrations_made.size())];
        (void)co_await s.a.staff_registrations.cancel_registration(event_id, pick, s.staff);
        ++s.made.cancelled;
    }
}

/// About 85 % of those holding a seat came; the others are no-shows.
asio::awaitable<void> check_in(seeding& s, long long event_id) {
    std::string const everyone;
    auto const door =
        co_await s.a.staff_registrations.list_for_check_in(event_id, everyone, s.staff);
    std::optional<bool> const came = true;
    for (auto const& entry : door.attendees) {
        if (s.rng.next(100) < 85) {
            (void)co_await s.a.staff_registrations.set_attendance(event_id, entry.attendee_id, came,
                                                                  s.staff);
            ++s.made.checked_in;
        } else {
            ++s.made.no_shows;
        }
    }
}

/// Some came without registering, recorded at the door through the walk-ins service: one
/// to three groups, mostly people of an organisation taking part by then, now and then a
/// municipal employee who heard of it that day; at the full meeting they are beyond the
/// capacity.
asio::awaitable<void> walk_ins(seeding& s, long long event_id, planned_event const& p) {
    std::vector<long long> taking_part;
    for (std::size_t i = 0; i < register_entries.size(); ++i)
        if (register_entries[i].from <= p.year_index) taking_part.push_back(s.organisation_ids[i]);
    for (auto groups = 1 + s.door.next(3); groups > 0; --groups) {
        registrations::walk_in_input in;
        bool const staff_member = s.door.next(4) == 0;
        if (!staff_member) in.organisation_id = taking_part[s.door.next(taking_part.size())];
        for (auto n = staff_member ? 1 : 1 + s.door.next(2); n > 0; --n)
            in.attendees.push_back(
                s.person(staff_member ? "municipal_staff" : "civil_society", true));
        auto const receipt =
            co_await s.a.staff_registrations.add_walk_ins(event_id, std::move(in), s.staff);
        for (auto const& a : receipt.attendees) {
            ++s.made.walk_ins;
            if (a.over_capacity) ++s.made.over_capacity;
        }
    }
}

/// A past meeting is made as it was: announced and registered for while ahead, then
/// moved to its date (the staff edit), then checked in at the door.
asio::awaitable<void> add_event(seeding& s, planned_event p) {
    auto const& who = s.staff;
    auto const real_start = p.e.starts_at, length = p.e.ends_at - p.e.starts_at;
    bool const upcoming = real_start > s.now;
    if (!upcoming) {
        p.e.starts_at = s.now + 30 * 86400 + s.made.events * 3600;
        p.e.ends_at = p.e.starts_at + length;
    }
    auto const created = co_await s.a.events.create(p.e, who);
    (void)co_await s.a.events.publish(created.id, who);
    ++s.made.events;
    invitations::invitation_request invite;
    invite.audience = p.e.kind == "dialogue_conference" ? "all" : "agreement_members";
    auto const sent =
        co_await s.a.invitations.invite(created.id, std::move(invite), s.invitations_actor);
    s.made.invitations += static_cast<int>(sent.queued);
    co_await register_for(s, created.id, p, upcoming);
    if (upcoming) co_return;
    events::event_edit const to_its_date = [real_start, length](events::event& e,
                                                                server::field_errors&) {
        e.starts_at = real_start;
        e.ends_at = real_start + length;
    };
    (void)co_await s.a.events.update(created.id, to_its_date, who);
    co_await check_in(s, created.id);
    co_await walk_ins(s, created.id, p);
}

asio::awaitable<tally> seed(application& a) {
    seeding s(a, events::event_service::now());
    co_await add_register(s);
    auto const this_year = std::stoi(core::to_local_datetime(core::now_seconds()).substr(0, 4));
    for (auto& p : plan(this_year)) co_await add_event(s, std::move(p));
    co_return s.made;
}

/// Whether the register or the event list holds anything at all.
asio::awaitable<bool> holds_data(application& a) {
    organisations::organisation_filter any;
    any.limit = 1;
    events::event_filter everything;
    everything.include_all = true;
    co_return !(co_await a.organisations.list(any)).empty() ||
        !(co_await a.events.list_all(everything)).empty();
}

template <class T>
T run_now(boost::asio::awaitable<T> work) {
    boost::asio::io_context ioc;
    auto result = boost::asio::co_spawn(ioc, std::move(work), boost::asio::use_future);
    ioc.run();
    return result.get();
}

}  // namespace

int load_demo_data(app_settings app, server::logger& log, std::ostream& out, std::ostream& err) {
    app.registrations.rate_limit = 0;  // every demo registration comes from one "address"
    application a{app, log};
    db::apply_migrations(a.db, a.migrations);
    if (run_now(holds_data(a))) {
        err << "samverkan demo-data: the database holds organisations or events already; demo "
               "data goes only into an empty database (nothing was changed)\n";
        return 1;
    }
    auto const made = run_now(seed(a));
    out << "demo data: " << made.organisations << " organisations, " << made.events << " events, "
        << made.invitations << " invitations, " << made.registrations << " registrations with "
        << made.attendees << " attendees (names marked \"påhittad\"), " << made.cancelled
        << " cancelled by an organiser, " << made.checked_in << " checked in, " << made.no_shows
        << " no-shows, " << made.walk_ins << " walk-ins (" << made.over_capacity
        << " beyond the capacity)\n";
    return 0;
}

}  // namespace samverkan::app
