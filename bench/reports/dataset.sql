-- The reports benchmark's data set, generated straight into the schema (a benchmark may;
-- the application never does): 2,000 organisations and 10 years (:first_year .. +9) of
-- :events_per_year events, each with :registrations_per_event registrations of 3 attendees
-- and :invited_per_event invited organisations. Deterministic (setseed), so every run
-- measures the same data.
-- Organisations join over the years: in year k (0..9) organisations 1..200·(k+1) take part,
-- so each year ~200 are new and the others return.
-- Triggers (and foreign-key checks) are off while loading; the reports' summaries are
-- rebuilt once at the end instead of row by row.
set session_replication_role = replica;
select setseed(0.42);

insert into organisations (name, kind, area, locality, agreement_joined_on, origin)
select 'Förening ' || lpad(g::text, 4, '0'),
       (array['association', 'village_association', 'study_association', 'faith_community',
              'foundation', 'cooperative', 'other'])[1 + g % 7],
       case when g % 10 = 0 then null when g % 3 = 0 then 'rural' else 'urban' end,
       case when g % 3 = 0 then 'Tollarp' else 'Kristianstad' end,
       case when g % 4 = 0 then make_date(:first_year + g % 10, 1 + g % 12, 1) end,
       'import'
  from generate_series(1, 2000) g;

-- The events, spread over the year; 2 % cancelled; one or two priority areas.
insert into events (kind, title, theme, starts_at, ends_at, capacity, status, priority_areas,
                    confirmed_count)
select case when n = 0 then 'dialogue_conference' else 'theme_meeting' end,
       'Bänkträff ' || y || '–' || n, 'tema ' || n % 7,
       make_timestamptz(y, 1, 1, 17, 0, 0, 'Europe/Stockholm') + (n * 360 / :events_per_year) * interval '1 day',
       make_timestamptz(y, 1, 1, 19, 30, 0, 'Europe/Stockholm') + (n * 360 / :events_per_year) * interval '1 day',
       160, case when n % 50 = 49 then 'cancelled' else 'published' end,
       case n % 4 when 0 then '{collaboration_learning}'::text[] when 1 then '{participation}'
                  when 2 then '{democracy}' else '{participation,democracy}' end,
       0
  from generate_series(:first_year, :first_year + 9) y, generate_series(0, :events_per_year - 1) n;

-- Registrations of 3 attendees each, one organisation per registration (as the form has),
-- among those taking part that year.
insert into registrations (event_id, organisation_id, organisation_name, contact_name,
                           contact_email, manage_token_hash, consent_at, created_at)
select e.id, o.id, o.name, 'Kontakt ' || r, 'kontakt' || e.id || '-' || r || '@example.test',
       decode(md5(e.id || '-' || r), 'hex'), e.starts_at - interval '20 days',
       e.starts_at - interval '20 days'
  from events e cross join generate_series(0, :registrations_per_event - 1) r
  join lateral (select 1 + floor(random() * 200 * (extract(year from e.starts_at)::int
                                                   - :first_year + 1))::bigint + r * 0 as id) pick
       on true
  join organisations o on o.id = pick.id;

-- The attendees: 88 % confirmed, 6 % waitlisted, 6 % cancelled; 85 % of the confirmed
-- checked in; 3 % walk-ins. The ledger columns as the registration wrote them.
with a as (
    select r.event_id, e.starts_at, r.id as registration_id, r.organisation_id, k,
           random() as s, random() as c, random() as w
      from registrations r
      join events e on e.id = r.event_id
      cross join generate_series(0, 2) k)
insert into attendees (registration_id, event_id, name, email, affiliation, status, queued_at,
                       attended, checked_in_at, organisation_id, organisation_name,
                       organisation_area, walk_in, created_at)
select a.registration_id, a.event_id, 'Deltagare ' || a.registration_id || '-' || a.k,
       'd' || a.registration_id || '-' || a.k || '@example.test',
       (array['civil_society', 'civil_society', 'civil_society', 'municipal_staff',
              'elected_official', 'other'])[1 + (a.registration_id + a.k) % 6],
       case when a.s < 0.88 then 'confirmed' when a.s < 0.94 then 'waitlisted' else 'cancelled' end,
       a.starts_at - interval '20 days',
       case when a.s < 0.88 and a.c < 0.85 then true end,
       case when a.s < 0.88 and a.c < 0.85 then a.starts_at end,
       a.organisation_id, o.name, o.area, a.s < 0.88 and a.w < 0.03,
       a.starts_at - interval '20 days'
  from a join organisations o on o.id = a.organisation_id;

update events e set confirmed_count = c.n
  from (select event_id, count(*) n from attendees where status = 'confirmed' group by 1) c
 where c.event_id = e.id;

-- Organisations invited to each event, from those of the register active by then.
insert into invitations (event_id, organisation_id, email, token_hash)
select e.id, o, 'inbjudan' || o || '@example.test', decode(md5('i' || e.id || '-' || o), 'hex')
  from events e,
       lateral (select distinct 1 + floor(random() * least(2000,
                        200 * (extract(year from e.starts_at)::int - :first_year + 2)))::bigint o
                  from generate_series(1, :invited_per_event + e.id * 0)) pick;

reset session_replication_role;
select samverkan_report_rebuild();
vacuum analyze;
