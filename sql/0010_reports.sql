-- The steering group's reports (modules/reports, API.md "Reports"): indexes for the
-- period's aggregates and the summary behind "first attended, ever".
--
-- Why a summary: each organisation's first event with a check-in, ever, is a minimum over
-- its whole history; at 1.5 million attendee rows that scan alone takes ~0.5 s on the
-- project's machine, so the minimum is kept per organisation. Writers never lock it: the
-- triggers of sql/functions/70_reports.sql only append the organisation's id to
-- report_first_attendance_changes, and samverkan_report_fold_first_attendance() folds those
-- into report_first_attendance. A report recomputes, in its own snapshot, every
-- organisation with a change not yet folded, so its figures are exact at any moment.

create table report_first_attendance (
    organisation_id bigint primary key,  -- attendees.organisation_id (the ledger's id)
    first_starts_at timestamptz not null  -- start of its first counted event with a check-in
);

create table report_first_attendance_changes (
    organisation_id bigint not null
);
create index report_first_attendance_changes_organisation
    on report_first_attendance_changes (organisation_id);

-- Counted events by start: every report selects its period this way.
create index events_counted_start on events (starts_at) where status <> 'cancelled';

-- An organisation's checked-in attendance: the recomputation of its first event.
create index attendees_checked_in_organisation on attendees (organisation_id, event_id)
    where attended and status = 'confirmed';

-- The reach: which organisations were invited to the period's events.
create index invitations_event_organisation on invitations (event_id, organisation_id)
    where organisation_id is not null;

-- The period's attendees without touching the table: every column the report groups by.
create index attendees_report on attendees (event_id)
    include (id, status, attended, walk_in, affiliation, organisation_id);
