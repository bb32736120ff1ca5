-- The invitations module's privacy doors: invitees of old events anonymised (retention), an
-- address's invitations and unsubscription (a subject's access request), and their erasure.
-- An invitation keeps its event and organisation, so the steering group's reach (which
-- organisations were invited) does not change; its link stops working. The unsubscribe list
-- keeps the address: it is what makes sure no invitation reaches it again. modules/privacy
-- calls these inside its own transactions; only modules/invitations writes its tables.
-- Repeatable.

create or replace function samverkan_anonymise_invitations(p_ids bigint[]) returns integer
language sql as $$
    with done as (
        update invitations
           set email = '', name = null,
               token_hash = sha256(convert_to(gen_random_uuid()::text, 'UTF8'))
         where id = any(p_ids) and email <> ''
        returning 1)
    select count(*)::integer from done
$$;

-- Invitations to events that ended before p_before.
create or replace function samverkan_invitations_retention(p_before timestamptz) returns integer
language sql as $$
    select samverkan_anonymise_invitations(array(
        select i.id from invitations i join events e on e.id = i.event_id
         where e.ends_at < p_before and i.email <> ''))
$$;

create or replace function samverkan_invitations_subject(p_email text) returns jsonb
language sql stable as $$
    select jsonb_build_object(
        'invitations', (
            select coalesce(jsonb_agg(jsonb_build_object(
                       'id', i.id,
                       'event', jsonb_build_object('id', e.id, 'title', e.title,
                                                   'starts_at', samverkan_rfc3339(e.starts_at)),
                       'organisation', case when o.id is null then null
                                            else jsonb_build_object('id', o.id, 'name', o.name) end,
                       'name', i.name, 'email', i.email,
                       'created_at', samverkan_rfc3339(i.created_at)) order by i.id), '[]'::jsonb)
              from invitations i join events e on e.id = i.event_id
              left join organisations o on o.id = i.organisation_id
             where lower(i.email) = lower(p_email)),
        'unsubscribed', exists (select 1 from unsubscribes u where u.email = lower(p_email)))
$$;

create or replace function samverkan_invitations_erase_subject(p_email text) returns integer
language sql as $$
    select samverkan_anonymise_invitations(array(
        select i.id from invitations i where lower(i.email) = lower(p_email)))
$$;
