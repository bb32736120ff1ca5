-- The steering group's participation report (modules/reports; API.md "Reports", whose
-- rules are quoted where they are applied) and the summaries that keep it fast
-- (sql/0010_reports.sql says why).
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

-- The summaries' rows for the events `ids` and the organisations `ids`, computed from the
-- ledger: what the fold stores and what a report computes itself for unfolded changes.
create or replace function samverkan_report_event_counts_of(ids bigint[])
    returns table (event_id bigint, affiliation text, confirmed integer, attended integer,
                   walk_ins integer)
    language sql stable as $$
    select a.event_id, a.affiliation, (count(*) filter (where a.status = 'confirmed'))::integer,
           (count(*) filter (where samverkan_report_checked_in(a.status, a.attended)))::integer,
           (count(*) filter (where a.status = 'confirmed' and a.walk_in))::integer
      from attendees a
     where a.event_id = any(ids) and a.status <> 'cancelled'
     group by a.event_id, a.affiliation
$$;

create or replace function samverkan_report_event_organisations_of(ids bigint[])
    returns table (event_id bigint, organisation_id bigint, attended integer,
                   last_checked_in bigint)
    language sql stable as $$
    select a.event_id, a.organisation_id,
           (count(*) filter (where samverkan_report_checked_in(a.status, a.attended)))::integer,
           max(a.id) filter (where samverkan_report_checked_in(a.status, a.attended))
      from attendees a
     where a.event_id = any(ids) and a.status <> 'cancelled' and a.organisation_id is not null
     group by a.event_id, a.organisation_id
$$;

create or replace function samverkan_report_first_attendance_of(ids bigint[])
    returns table (organisation_id bigint, first_starts_at timestamptz)
    language sql stable as $$
    select a.organisation_id, min(e.starts_at)
      from attendees a join events e on e.id = a.event_id
     where a.organisation_id = any(ids) and samverkan_report_checked_in(a.status, a.attended)
       and samverkan_report_counted(e.status)
     group by a.organisation_id
$$;

-- Notes an attendee row's change. Writers only append here, so a registration or a
-- check-in never waits for a report and no two of them lock each other.
create or replace function samverkan_report_note_attendee() returns trigger
    language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        insert into report_changes (event_id, organisation_id)
        values (old.event_id, case when samverkan_report_checked_in(old.status, old.attended)
                                   then old.organisation_id end);
    end if;
    if tg_op <> 'DELETE' then
        insert into report_changes (event_id, organisation_id)
        values (new.event_id, case when samverkan_report_checked_in(new.status, new.attended)
                                   then new.organisation_id end);
    end if;
    return null;
end $$;

-- An event cancelled or moved: the first attendance of everyone checked in at it.
create or replace function samverkan_report_note_event() returns trigger
    language plpgsql as $$
begin
    insert into report_changes (event_id, organisation_id)
    select distinct new.id, a.organisation_id from attendees a
     where a.event_id = new.id and a.organisation_id is not null
       and samverkan_report_checked_in(a.status, a.attended);
    return null;
end $$;

create or replace function samverkan_report_forget_attendees() returns trigger
    language plpgsql as $$
begin
    delete from report_changes;
    delete from report_event_counts;
    delete from report_event_organisations;
    delete from report_first_attendance;
    return null;
end $$;

-- Folds the noted changes into the summaries; returns how many rows it took. Its own
-- transaction; when another fold is running it does nothing (the changes stay noted, and
-- reports compute them meanwhile).
create or replace function samverkan_report_fold() returns integer
    language plpgsql as $$
declare
    v_events bigint[];
    v_organisations bigint[];
    v_taken integer;
begin
    if not exists (select 1 from report_changes) then
        return 0;
    end if;
    if not pg_try_advisory_xact_lock(samverkan_report_lock_key()) then
        return 0;
    end if;
    -- Changes committed after this delete stay noted; those before it are in the
    -- recomputations below, whose snapshots are newer.
    with gone as (delete from report_changes returning event_id, organisation_id)
    select array_agg(distinct event_id) filter (where event_id is not null),
           array_agg(distinct organisation_id) filter (where organisation_id is not null),
           count(*)
      into v_events, v_organisations, v_taken from gone;
    delete from report_event_counts where event_id = any(v_events);
    insert into report_event_counts select * from samverkan_report_event_counts_of(v_events);
    delete from report_event_organisations where event_id = any(v_events);
    insert into report_event_organisations
    select * from samverkan_report_event_organisations_of(v_events);
    delete from report_first_attendance where organisation_id = any(v_organisations);
    insert into report_first_attendance
    select * from samverkan_report_first_attendance_of(v_organisations);
    return v_taken;
end $$;

-- Every summary again from the whole ledger (after a bulk load, and below).
create or replace function samverkan_report_rebuild() returns void
    language plpgsql as $$
begin
    perform pg_advisory_xact_lock(samverkan_report_lock_key());
    delete from report_changes;
    delete from report_event_counts;
    delete from report_event_organisations;
    delete from report_first_attendance;
    insert into report_event_counts
    select * from samverkan_report_event_counts_of(array(select id from events));
    insert into report_event_organisations
    select * from samverkan_report_event_organisations_of(array(select id from events));
    insert into report_first_attendance
    select * from samverkan_report_first_attendance_of(
        array(select distinct organisation_id from report_event_organisations));
end $$;

-- The triggers, and the summaries rebuilt under a lock that keeps writers out meanwhile:
-- a change committed while the triggers did not exist yet would otherwise be missed.
lock table attendees, events in share row exclusive mode;

drop trigger if exists report_attendee_insert on attendees;
create trigger report_attendee_insert after insert on attendees
    for each row execute function samverkan_report_note_attendee();

drop trigger if exists report_attendee_update on attendees;
create trigger report_attendee_update
    after update of status, attended, walk_in, affiliation, organisation_id, event_id
    on attendees
    for each row when (old.status is distinct from new.status
                       or old.attended is distinct from new.attended
                       or old.walk_in is distinct from new.walk_in
                       or old.affiliation is distinct from new.affiliation
                       or old.organisation_id is distinct from new.organisation_id
                       or old.event_id is distinct from new.event_id)
    execute function samverkan_report_note_attendee();

drop trigger if exists report_attendee_delete on attendees;
create trigger report_attendee_delete after delete on attendees
    for each row execute function samverkan_report_note_attendee();

drop trigger if exists report_attendee_truncate on attendees;
create trigger report_attendee_truncate after truncate on attendees
    for each statement execute function samverkan_report_forget_attendees();

drop trigger if exists report_event_update on events;
create trigger report_event_update after update of status, starts_at on events
    for each row when (samverkan_report_counted(old.status) <> samverkan_report_counted(new.status)
                       or old.starts_at <> new.starts_at)
    execute function samverkan_report_note_event();

select samverkan_report_rebuild();

-- API.md's participation report for the Europe/Stockholm dates p_from..p_to (inclusive)
-- as one JSON text, field for field; by_year is added (organisations per calendar year of
-- the period, new and returning, for the charts). One statement, so one snapshot: events
-- and organisations with unfolded changes are computed from the ledger in it.
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
    select e.id, e.title, e.kind, e.starts_at, e.capacity, e.priority_areas,
           extract(year from e.starts_at at time zone 'Europe/Stockholm')::int as year
      from events e, bounds b
     where samverkan_report_counted(e.status) and e.starts_at >= b.lo and e.starts_at < b.hi
),
unfolded_events as (
    select array_agg(c.id) as ids from counted c
     where exists (select 1 from report_changes n where n.event_id = c.id)
),
-- Per event and affiliation, and per event and organisation: the summaries, or the
-- ledger itself for the events changed since the last fold.
event_counts as (
    select s.* from counted c join report_event_counts s on s.event_id = c.id
     where c.id <> all(coalesce((select ids from unfolded_events), '{}'))
     union all
    select f.* from samverkan_report_event_counts_of((select ids from unfolded_events)) f
),
event_organisations as (
    select s.event_id, s.organisation_id, s.attended, s.last_checked_in, c.starts_at, c.year
      from counted c join report_event_organisations s on s.event_id = c.id
     where c.id <> all(coalesce((select ids from unfolded_events), '{}'))
     union all
    select f.event_id, f.organisation_id, f.attended, f.last_checked_in, c.starts_at, c.year
      from samverkan_report_event_organisations_of((select ids from unfolded_events)) f
      join counted c on c.id = f.event_id
),
-- "no_show = confirmed, not checked in, event ended": the one rule, samverkan_no_show
-- (sql/functions/42_door.sql), asked of the attendee rows themselves rather than kept in a
-- summary, so a no-show counts the moment its event ends; the partial index of 0010 holds
-- exactly the candidates.
no_shows as (
    select a.event_id, count(*) as no_show
      from counted c join events e on e.id = c.id join attendees a on a.event_id = c.id
     where samverkan_no_show(a, e)
     group by a.event_id
),
per_event as (
    select event_id, sum(confirmed) as confirmed, sum(attended) as attended,
           sum(walk_ins) as walk_ins
      from event_counts group by event_id
),
-- Every organisation of the register registered in the period; `attended` > 0 for those
-- that came.
per_organisation as (
    select organisation_id, count(*) filter (where attended > 0) as events_attended,
           sum(attended) as attended, min(starts_at) filter (where attended > 0) as first_in_period,
           max(last_checked_in) as last_checked_in
      from event_organisations
     group by organisation_id
),
unfolded_organisations as (
    select f.organisation_id, f.first_starts_at
      from samverkan_report_first_attendance_of(array(
               select distinct n.organisation_id from report_changes n
                 join per_organisation p on p.organisation_id = n.organisation_id
                where p.attended > 0)) f
),
-- Name and area as registered: the organisation's latest check-in in the period says them.
attending as materialized (
    select p.organisation_id, p.events_attended, p.attended, a.organisation_name as name,
           a.organisation_area as area,
           (coalesce(u.first_starts_at, least(s.first_starts_at, p.first_in_period))
                at time zone 'Europe/Stockholm')::date as first_on
      from per_organisation p
      join attendees a on a.id = p.last_checked_in
      left join unfolded_organisations u on u.organisation_id = p.organisation_id
      left join report_first_attendance s on s.organisation_id = p.organisation_id
     where p.attended > 0
),
-- Organisations invited to a counted event of the period: for each organisation of the
-- register, its invitations by the index from the period's lowest event id to its highest
-- (the ids only narrow the scan; the event's own start and status decide), the first match
-- enough.
invited as (
    select o.id as organisation_id
      from organisations o,
           (select min(id) as low, max(id) as high from counted) r,
           lateral (select 1 from invitations i join events e on e.id = i.event_id
                     where i.organisation_id = o.id and i.event_id between r.low and r.high
                       and samverkan_report_counted(e.status)
                       and e.starts_at >= p_from::timestamp at time zone 'Europe/Stockholm'
                       and e.starts_at < (p_to + 1)::timestamp at time zone 'Europe/Stockholm'
                     limit 1) hit
),
invited_registered as (
    select i.organisation_id, p.attended > 0 as came
      from invited i join per_organisation p on p.organisation_id = i.organisation_id
),
-- Per calendar year of the period; a period inside one year is one row of the totals.
by_year as (
    select y.year, count(*) as organisations,
           count(*) filter (where extract(year from o.first_on)::int = y.year) as new
      from (select distinct organisation_id, year from event_organisations
             where attended > 0 and extract(year from p_from) <> extract(year from p_to)) y
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
                   'no_show', coalesce(ns.no_show, 0),
                   'walk_ins', coalesce(pe.walk_ins, 0), 'priority_areas', c.priority_areas)
                   order by c.starts_at, c.id)
          from counted c left join per_event pe on pe.event_id = c.id
          left join no_shows ns on ns.event_id = c.id), '[]'),
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
          from event_counts),
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
