-- The steering group's participation report (modules/reports; API.md "Reports", whose
-- rules are quoted where they are applied) and the summary of each organisation's first
-- attendance that keeps it fast (sql/0010_reports.sql says why).
--
-- Two definitions hold for every figure: an event counts when it is not cancelled, and an
-- attendee is checked in when it holds a seat (status 'confirmed', walk-ins included) and
-- `attended` is true. Both are written once here, as functions the planner inlines.

create or replace function samverkan_report_counted(event_status text) returns boolean
    language sql immutable parallel safe
    as $$ select event_status <> 'cancelled' $$;

create or replace function samverkan_report_checked_in(status text, attended boolean)
    returns boolean language sql immutable parallel safe
    as $$ select status = 'confirmed' and coalesce(attended, false) $$;

-- Any one constant will do: only the fold and the rebuild below take it.
create or replace function samverkan_report_lock_key() returns bigint
    language sql immutable as $$ select 5393620463421441::bigint $$;

-- Organisations whose first attendance may have changed. Writers only append here, so a
-- check-in never waits for a report and no two check-ins lock each other.
create or replace function samverkan_report_note_attendee() returns trigger
    language plpgsql as $$
begin
    if tg_op <> 'INSERT' and old.organisation_id is not null then
        insert into report_first_attendance_changes (organisation_id) values (old.organisation_id);
    end if;
    if tg_op <> 'DELETE' and new.organisation_id is not null
       and (tg_op = 'INSERT' or new.organisation_id is distinct from old.organisation_id) then
        insert into report_first_attendance_changes (organisation_id) values (new.organisation_id);
    end if;
    return null;
end $$;

-- An event cancelled or moved: every organisation checked in at it.
create or replace function samverkan_report_note_event() returns trigger
    language plpgsql as $$
begin
    insert into report_first_attendance_changes (organisation_id)
    select distinct a.organisation_id from attendees a
     where a.event_id = new.id and a.organisation_id is not null
       and samverkan_report_checked_in(a.status, a.attended);
    return null;
end $$;

create or replace function samverkan_report_forget_attendees() returns trigger
    language plpgsql as $$
begin
    delete from report_first_attendance;
    delete from report_first_attendance_changes;
    return null;
end $$;

-- The first attendance of the organisations `ids`, recomputed from the ledger.
create or replace function samverkan_report_first_attendance_of(ids bigint[])
    returns table (organisation_id bigint, first_starts_at timestamptz)
    language sql stable as $$
    select a.organisation_id, min(e.starts_at)
      from attendees a join events e on e.id = a.event_id
     where a.organisation_id = any(ids) and samverkan_report_checked_in(a.status, a.attended)
       and samverkan_report_counted(e.status)
     group by a.organisation_id
$$;

-- Folds the noted changes into report_first_attendance; returns how many organisations it
-- recomputed. Runs in its own transaction; when another fold is running it does nothing
-- (its changes stay noted, and reports recompute them meanwhile).
create or replace function samverkan_report_fold_first_attendance() returns integer
    language plpgsql as $$
declare
    v_ids bigint[];
begin
    if not exists (select 1 from report_first_attendance_changes) then
        return 0;
    end if;
    if not pg_try_advisory_xact_lock(samverkan_report_lock_key()) then
        return 0;
    end if;
    -- Changes committed after this delete stay noted; those before it are in the
    -- recomputation below, whose snapshot is newer.
    with gone as (delete from report_first_attendance_changes returning organisation_id)
    select array_agg(distinct organisation_id) into v_ids from gone;
    if v_ids is null then
        return 0;
    end if;
    delete from report_first_attendance where organisation_id = any(v_ids);
    insert into report_first_attendance (organisation_id, first_starts_at)
    select f.organisation_id, f.first_starts_at from samverkan_report_first_attendance_of(v_ids) f;
    return cardinality(v_ids);
end $$;

-- The whole summary again from the ledger (after a bulk load, and below).
create or replace function samverkan_report_rebuild_first_attendance() returns void
    language plpgsql as $$
begin
    perform pg_advisory_xact_lock(samverkan_report_lock_key());
    delete from report_first_attendance_changes;
    delete from report_first_attendance;
    insert into report_first_attendance (organisation_id, first_starts_at)
    select a.organisation_id, min(e.starts_at)
      from attendees a join events e on e.id = a.event_id
     where a.organisation_id is not null and samverkan_report_checked_in(a.status, a.attended)
       and samverkan_report_counted(e.status)
     group by a.organisation_id;
end $$;

-- The triggers, and the summary rebuilt under a lock that keeps writers out meanwhile:
-- a change committed while the triggers did not exist yet would otherwise be missed.
lock table attendees, events in share row exclusive mode;

drop trigger if exists report_first_attendance_insert on attendees;
create trigger report_first_attendance_insert after insert on attendees
    for each row when (new.organisation_id is not null
                       and samverkan_report_checked_in(new.status, new.attended))
    execute function samverkan_report_note_attendee();

drop trigger if exists report_first_attendance_update on attendees;
create trigger report_first_attendance_update
    after update of status, attended, organisation_id, event_id on attendees
    for each row when ((samverkan_report_checked_in(old.status, old.attended)
                        or samverkan_report_checked_in(new.status, new.attended))
                       and (samverkan_report_checked_in(old.status, old.attended)
                                <> samverkan_report_checked_in(new.status, new.attended)
                            or old.organisation_id is distinct from new.organisation_id
                            or old.event_id <> new.event_id))
    execute function samverkan_report_note_attendee();

drop trigger if exists report_first_attendance_delete on attendees;
create trigger report_first_attendance_delete after delete on attendees
    for each row when (old.organisation_id is not null
                       and samverkan_report_checked_in(old.status, old.attended))
    execute function samverkan_report_note_attendee();

drop trigger if exists report_first_attendance_truncate on attendees;
create trigger report_first_attendance_truncate after truncate on attendees
    for each statement execute function samverkan_report_forget_attendees();

drop trigger if exists report_first_attendance_event on events;
create trigger report_first_attendance_event after update of status, starts_at on events
    for each row when (samverkan_report_counted(old.status) <> samverkan_report_counted(new.status)
                       or old.starts_at <> new.starts_at)
    execute function samverkan_report_note_event();

select samverkan_report_rebuild_first_attendance();

-- API.md's participation report for the Europe/Stockholm dates p_from..p_to (inclusive)
-- as one JSON text, field for field; by_year is added (organisations per calendar year of
-- the period, new and returning, for the charts). One statement, so one snapshot: the
-- organisations with unfolded changes are recomputed in it. The period's attendees are
-- read once (an index-only scan of attendees_report) and aggregated twice: per event, and
-- per organisation and event.
create or replace function samverkan_participation_report(p_from date, p_to date)
    returns text language sql stable
    -- JIT compiles this one query for longer than it runs; the aggregates fit in 64 MB.
    set jit = off set work_mem = '64MB'
    as $$
with bounds as (
    select p_from::timestamp at time zone 'Europe/Stockholm' as lo,
           (p_to + 1)::timestamp at time zone 'Europe/Stockholm' as hi
),
-- "Only events that are not cancelled count", matched by their start in the period.
counted as (
    select e.id, e.title, e.kind, e.starts_at, e.ends_at, e.capacity, e.priority_areas,
           extract(year from e.starts_at at time zone 'Europe/Stockholm')::int as year
      from events e, bounds b
     where samverkan_report_counted(e.status) and e.starts_at >= b.lo and e.starts_at < b.hi
),
-- One pass over the period's attendees (an index-only scan of attendees_report), counted
-- per event and affiliation and per organisation and event at once. Cancelled attendees
-- are left out; `confirmed` holds a seat (walk-ins included).
grouped as (
    select a.event_id, a.organisation_id, a.affiliation, c.starts_at, c.year,
           grouping(a.organisation_id) = 1 as per_event,
           count(*) filter (where a.status = 'confirmed') as confirmed,
           count(*) filter (where samverkan_report_checked_in(a.status, a.attended)) as attended,
           count(*) filter (where a.status = 'confirmed' and a.walk_in) as walk_ins,
           max(a.id) filter (where samverkan_report_checked_in(a.status, a.attended)) as last_id
      from counted c join attendees a on a.event_id = c.id
     where a.status <> 'cancelled'
     group by grouping sets ((a.event_id, a.affiliation),
                             (a.organisation_id, a.event_id, c.starts_at, c.year))
),
per_affiliation as (
    select * from grouped where per_event
),
per_event as (
    select event_id, sum(confirmed) as confirmed, sum(attended) as attended,
           sum(walk_ins) as walk_ins
      from per_affiliation group by event_id
),
-- Every organisation of the register registered in the period; `attended` > 0 for those
-- that came.
per_organisation as (
    select organisation_id, count(*) filter (where attended > 0) as events_attended,
           sum(attended) as attended, min(starts_at) filter (where attended > 0) as first_in_period,
           max(last_id) as last_id
      from grouped where not per_event and organisation_id is not null
     group by organisation_id
),
unfolded as (
    select f.organisation_id, f.first_starts_at
      from samverkan_report_first_attendance_of(array(
               select distinct c.organisation_id from report_first_attendance_changes c
                 join per_organisation p on p.organisation_id = c.organisation_id
                where p.attended > 0)) f
),
-- Name and area as registered: the organisation's latest check-in in the period says them.
attending as materialized (
    select p.organisation_id, p.events_attended, p.attended, a.organisation_name as name,
           a.organisation_area as area,
           (coalesce(u.first_starts_at, least(s.first_starts_at, p.first_in_period))
                at time zone 'Europe/Stockholm')::date as first_on
      from per_organisation p
      join attendees a on a.id = p.last_id
      left join unfolded u on u.organisation_id = p.organisation_id
      left join report_first_attendance s on s.organisation_id = p.organisation_id
     where p.attended > 0
),
-- Organisations invited to a counted event of the period.
invited as (
    select distinct i.organisation_id
      from counted c join invitations i on i.event_id = c.id
     where i.organisation_id is not null
),
invited_registered as (
    select i.organisation_id, p.attended > 0 as came
      from invited i join per_organisation p on p.organisation_id = i.organisation_id
),
-- Per calendar year of the period; a period inside one year is one row of the totals.
by_year as (
    select y.year, count(*) as organisations,
           count(*) filter (where extract(year from o.first_on)::int = y.year) as new
      from (select distinct organisation_id, year from grouped
             where not per_event and attended > 0 and organisation_id is not null
               and extract(year from p_from) <> extract(year from p_to)) y
      join attending o on o.organisation_id = y.organisation_id
     group by y.year
     union all
    select extract(year from p_from)::int, count(*), count(*) filter (where first_on >= p_from)
      from attending
     where extract(year from p_from) = extract(year from p_to)
    having count(*) > 0
)
select json_build_object(
    'from', to_char(p_from, 'YYYY-MM-DD'), 'to', to_char(p_to, 'YYYY-MM-DD'),
    'events', coalesce((
        select json_agg(json_build_object(
                   'id', c.id, 'title', c.title, 'kind', c.kind,
                   'starts_at', samverkan_rfc3339(c.starts_at), 'capacity', c.capacity,
                   'confirmed', coalesce(pe.confirmed, 0), 'attended', coalesce(pe.attended, 0),
                   'no_show', case when c.ends_at <= now()
                                   then coalesce(pe.confirmed - pe.attended, 0) else 0 end,
                   'walk_ins', coalesce(pe.walk_ins, 0), 'priority_areas', c.priority_areas)
                   order by c.starts_at, c.id)
          from counted c left join per_event pe on pe.event_id = c.id), '[]'),
    'organisations', coalesce((
        select json_agg(json_build_object(
                   'id', o.organisation_id, 'name', o.name, 'area', o.area,
                   'events_attended', o.events_attended, 'attended', o.attended,
                   'first_attended_on', to_char(o.first_on, 'YYYY-MM-DD'),
                   'new', o.first_on >= p_from)
                   order by o.name collate "sv-SE-x-icu", o.organisation_id)
          from attending o), '[]'),
    'totals', (
        select json_build_object(
                   'events', (select count(*) from counted),
                   'attendees', (select coalesce(sum(confirmed), 0) from per_event),
                   'attended', (select coalesce(sum(attended), 0) from per_event),
                   'organisations', count(*),
                   'new_organisations', count(*) filter (where first_on >= p_from),
                   'returning_organisations', count(*) filter (where first_on < p_from))
          from attending),
    'by_affiliation', (
        select json_build_object(
                   'civil_society', coalesce(sum(attended) filter (
                       where affiliation = 'civil_society'), 0),
                   'municipal_staff', coalesce(sum(attended) filter (
                       where affiliation = 'municipal_staff'), 0),
                   'elected_official', coalesce(sum(attended) filter (
                       where affiliation = 'elected_official'), 0),
                   'other', coalesce(sum(attended) filter (where affiliation = 'other'), 0))
          from per_affiliation),
    'by_area', (
        select json_build_object(
                   'urban', count(*) filter (where area = 'urban'),
                   'rural', count(*) filter (where area = 'rural'),
                   'unknown', count(*) filter (where area is null))
          from attending),
    'by_priority_area', (
        select json_build_object(
                   'collaboration_learning', coalesce(sum(pe.attended) filter (
                       where 'collaboration_learning' = any(c.priority_areas)), 0),
                   'participation', coalesce(sum(pe.attended) filter (
                       where 'participation' = any(c.priority_areas)), 0),
                   'democracy', coalesce(sum(pe.attended) filter (
                       where 'democracy' = any(c.priority_areas)), 0))
          from counted c join per_event pe on pe.event_id = c.id),
    'agreement_members', (
        select count(*) from organisations g where g.agreement_joined_on <= p_to),
    'reach', json_build_object(
        'invited', (select count(*) from invited),
        'registered', (select count(*) from invited_registered),
        'attended', (select count(*) from invited_registered where came)),
    'by_year', coalesce((
        select json_agg(json_build_object(
                   'year', y.year, 'organisations', y.organisations, 'new', y.new,
                   'returning', y.organisations - y.new) order by y.year)
          from by_year y), '[]'))::text
$$;
