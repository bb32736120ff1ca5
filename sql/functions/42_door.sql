-- The door: walk-ins and the paper list. Repeatable: applied again whenever this text
-- changes.

-- People who came without registering (API.md "Registrations (staff)"), recorded by an
-- organiser: one walk-in registration without a contact, its attendees confirmed and checked
-- in at once, beyond the capacity when the room is full (over_capacity marks those), the
-- organisation matched to the register like a registration's (id, then number, then name,
-- else added). Any event that is not cancelled, also after it ended. No mail.
-- p_organisation: {"id"?, "name"?, "org_number"?}; p_attendees: [{"name", "affiliation",
-- "email"?}], validated.
create or replace function samverkan_add_walk_ins(
    p_event bigint, p_organisation jsonb, p_attendees jsonb,
    out outcome registration_outcome, out registration_id bigint, out receipt jsonb)
language plpgsql as $$
#variable_conflict use_variable
declare
    ev events%rowtype;
    v_org record;
    v_org_id bigint := (p_organisation ->> 'id')::bigint;
    v_name text := p_organisation ->> 'name';
begin
    select * into ev from events where id = p_event for update;
    if not found then
        outcome := 'not_found';
        return;
    end if;
    if ev.status = 'cancelled' then
        outcome := 'registration_closed';
        return;
    end if;
    select * into v_org
      from samverkan_organisation_match(v_org_id, v_name, p_organisation ->> 'org_number', 'walk_in');
    if v_org_id is not null and v_org.id is null then
        outcome := 'unknown_organisation';
        return;
    end if;
    insert into registrations (event_id, organisation_id, organisation_name, org_number, language,
                               manage_token_hash, consent_at, walk_in)
    values (p_event, v_org.id, coalesce(v_org.name, v_name), p_organisation ->> 'org_number', 'sv',
            sha256(convert_to(gen_random_uuid()::text, 'UTF8')), now(), true)
    returning id into registration_id;
    with added as (
        insert into attendees (registration_id, event_id, name, email, affiliation, status,
                               queued_at, attended, checked_in_at, walk_in, over_capacity,
                               organisation_id, organisation_name, organisation_area)
        select registration_id, p_event, a ->> 'name', a ->> 'email',
               coalesce(a ->> 'affiliation', 'civil_society'), 'confirmed', clock_timestamp(),
               true, now(), true, ev.confirmed_count + t.ord > ev.capacity,
               v_org.id, coalesce(v_org.name, v_name), v_org.area
          from jsonb_array_elements(p_attendees) with ordinality as t(a, ord)
         order by t.ord
        returning id, name, over_capacity)
    select jsonb_agg(jsonb_build_object('id', x.id, 'name', x.name, 'status', 'confirmed',
                                        'attended', true, 'over_capacity', x.over_capacity)
                     order by x.id)
      into receipt from added x;
    update events set confirmed_count = confirmed_count + jsonb_array_length(p_attendees)
     where id = p_event;
    outcome := 'created';
end
$$;

-- The paper list entered after the event, in one pass: the ticked confirmed attendees of
-- the event are checked in, the others' check-ins undone. Only real changes are written;
-- returns how many attendees changed.
create or replace function samverkan_save_attendance_list(p_event bigint, p_attended bigint[])
returns integer language sql as $$
    with changed as (
        update attendees a
           set attended = case when a.id = any(p_attended) then true end,
               checked_in_at = case when a.id = any(p_attended)
                                    then coalesce(a.checked_in_at, now()) end,
               updated_at = now()
         where a.event_id = p_event and a.status = 'confirmed'
           and a.attended is distinct from (case when a.id = any(p_attended) then true end)
        returning 1)
    select count(*)::integer from changed
$$;

-- The one no-show rule: after an event has ended, a confirmed attendee who was not checked
-- in did not come (reports, the attendance summary and messages to no-shows all ask this).
create or replace function samverkan_no_show(a attendees, e events) returns boolean
language sql stable as $$
    select a.status = 'confirmed' and a.attended is not true and e.ends_at <= now()
$$;
