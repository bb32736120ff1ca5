-- The organisation register's privacy doors: the contact persons the register holds for an
-- address (a subject's access request) and their erasure. The register itself (names,
-- numbers, areas) is about organisations and stays. modules/privacy calls these inside its
-- own transactions; only modules/organisations writes the register. Repeatable.

create or replace function samverkan_organisations_subject(p_email text) returns jsonb
language sql stable as $$
    select coalesce(jsonb_agg(jsonb_build_object(
               'id', c.id, 'organisation', jsonb_build_object('id', o.id, 'name', o.name),
               'name', c.name, 'email', c.email, 'phone', c.phone,
               'created_at', samverkan_rfc3339(c.created_at)) order by c.id), '[]'::jsonb)
      from contacts c join organisations o on o.id = c.organisation_id
     where lower(c.email) = lower(p_email)
$$;

-- A contact row is nothing but the person, so it goes; returns how many.
create or replace function samverkan_organisations_erase_subject(p_email text) returns integer
language sql as $$
    with gone as (delete from contacts where lower(email) = lower(p_email) returning 1)
    select count(*)::integer from gone
$$;
