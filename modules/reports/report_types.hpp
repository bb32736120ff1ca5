#pragma once

// The steering group's participation report (API.md "Reports"), as the pages, charts and
// CSV files read it. The figures are the SQL function's (sql/functions/70_reports.sql).
#include <chrono>
#include <string>
#include <vector>

namespace samverkan::reports {

/// A period of whole days in Europe/Stockholm, `from`..`to` inclusive.
struct period {
    std::chrono::year_month_day from;
    std::chrono::year_month_day to;

    friend bool operator==(period const&, period const&) = default;
};

struct event_row {
    long long id = 0;
    std::string title;
    std::string kind;
    std::string starts_at;  ///< RFC 3339 with the Stockholm offset
    long long capacity = 0;
    long long confirmed = 0;
    long long attended = 0;
    long long no_show = 0;
    long long walk_ins = 0;
    std::vector<std::string> priority_areas;
};

struct organisation_row {
    long long id = 0;
    std::string name;               ///< as registered, the latest check-in of the period
    std::string area;               ///< "urban", "rural" or "" (unknown)
    long long events_attended = 0;  ///< distinct events in the period
    long long attended = 0;         ///< checked-in attendees in the period
    std::string first_attended_on;  ///< "YYYY-MM-DD", its first event with a check-in, ever
    bool is_new = false;            ///< that date lies in the period
};

struct totals {
    long long events = 0;
    long long attendees = 0;  ///< confirmed (holding a seat)
    long long attended = 0;   ///< checked in
    long long organisations = 0;
    long long new_organisations = 0;
    long long returning_organisations = 0;
};

struct by_affiliation {
    long long civil_society = 0;
    long long municipal_staff = 0;
    long long elected_official = 0;
    long long other = 0;
};

struct by_area {
    long long urban = 0;
    long long rural = 0;
    long long unknown = 0;
};

struct by_priority_area {
    long long collaboration_learning = 0;
    long long participation = 0;
    long long democracy = 0;
};

struct reach {
    long long invited = 0;
    long long registered = 0;
    long long attended = 0;
};

/// Organisations per calendar year of the period (beyond API.md, for the charts).
struct year_row {
    int year = 0;
    long long organisations = 0;
    long long new_organisations = 0;
    long long returning_organisations = 0;
};

struct participation_report {
    std::string from;  ///< "YYYY-MM-DD"
    std::string to;
    std::vector<event_row> events;
    std::vector<organisation_row> organisations;
    reports::totals totals;
    reports::by_affiliation affiliations;
    reports::by_area areas;
    reports::by_priority_area priority_areas;
    long long agreement_members = 0;
    reports::reach reach;
    std::vector<year_row> years;
};

}  // namespace samverkan::reports
