-- The steering group's reports (modules/reports, API.md "Reports"): summaries of the
-- organisation ledger that keep a report over 1.5 million attendee rows fast, and indexes.
--
-- Why summaries: a year's report reads its ~150,000 attendee rows, and each organisation's
-- first check-in ever is a minimum over all years; on the project's machine the aggregates
-- alone took ~250 ms a year and the minimum ~0.5 s. So the counts per event (by
-- affiliation, and by organisation) and each organisation's first attendance are kept.
-- Writers never lock a summary: the triggers of sql/functions/70_reports.sql only append
-- the event (and, when its first attendance may move, the organisation) of a changed
-- attendee row to report_changes; samverkan_report_fold() recomputes those into the
-- summaries. A report recomputes in its own snapshot whatever is noted but not folded yet,
-- so its figures are exact at every moment.

create table report_changes (
    event_id        bigint,  -- an attendee row of this event changed
    organisation_id bigint   -- … and this organisation's first attendance may have moved
);
create index report_changes_event on report_changes (event_id);
create index report_changes_organisation on report_changes (organisation_id);

-- Per event and affiliation: seats held (walk-ins included), check-ins, walk-ins.
create table report_event_counts (
    event_id    bigint not null,
    affiliation text not null,
    confirmed   integer not null,
    attended    integer not null,
    walk_ins    integer not null,
    primary key (event_id, affiliation) include (confirmed, attended, walk_ins)
);

-- Per event and organisation of the register with someone registered (not cancelled):
-- check-ins, and the latest checked-in attendee, whose ledger says the name and area.
create table report_event_organisations (
    event_id        bigint not null,
    organisation_id bigint not null,
    attended        integer not null,
    last_checked_in bigint,
    primary key (event_id, organisation_id) include (attended, last_checked_in)
);

-- Each organisation's first counted event with a check-in.
create table report_first_attendance (
    organisation_id bigint primary key,
    first_starts_at timestamptz not null
);

-- Counted events by start: every report selects its period this way.
create index events_counted_start on events (starts_at) where status <> 'cancelled';

-- An organisation's checked-in attendance: the recomputation of its first event.
create index attendees_checked_in_organisation on attendees (organisation_id, event_id)
    where attended and status = 'confirmed';

-- The no-show rule's candidates (samverkan_no_show: confirmed, not checked in), per event.
create index attendees_not_checked_in on attendees (event_id)
    where status = 'confirmed' and attended is not true;

-- The reach: whether an organisation was invited to one of the period's events.
create index invitations_organisation_event on invitations (organisation_id, event_id)
    where organisation_id is not null;
