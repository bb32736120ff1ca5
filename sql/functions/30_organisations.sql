-- The organisation register's door for other modules: only modules/organisations writes the
-- register, so registrations and the door's walk-ins find (or add) their organisation here,
-- inside their own transaction. Repeatable: applied again when this text changes.

-- The register's entry for an organisation as a registration names it: by id (the door
-- picks from the register), then by organisationsnummer, then by name (case ignored).
-- No row when nothing matches.
create or replace function samverkan_organisation_find(p_id bigint, p_name text, p_org_number text)
returns table (id bigint, name text, area text)
language plpgsql stable as $$
#variable_conflict use_column
begin
    if p_id is not null then
        return query select o.id, o.name, o.area from organisations o where o.id = p_id;
        return;
    end if;
    if p_org_number is not null then
        return query select o.id, o.name, o.area from organisations o where o.org_number = p_org_number;
        if found then return; end if;
    end if;
    if p_name is not null then
        return query select o.id, o.name, o.area from organisations o where lower(o.name) = lower(p_name);
    end if;
end
$$;

-- The same, but when nothing matches and a name is given a new entry is added (`p_origin`
-- says from where: 'registration' or 'walk_in'), so that every attending organisation is
-- counted in the follow-up; organisers tidy the register later, and the ledger on each
-- attendee row keeps what was true at registration.
create or replace function samverkan_organisation_match(
    p_id bigint, p_name text, p_org_number text, p_origin text)
returns table (id bigint, name text, area text)
language plpgsql as $$
#variable_conflict use_column
begin
    return query select * from samverkan_organisation_find(p_id, p_name, p_org_number);
    if found or p_id is not null or p_name is null then
        return;
    end if;
    -- Two registrations naming the same new organisation at once: the unique index on
    -- lower(name) lets one insert win; the other waits for it, then finds its row.
    return query
        insert into organisations as o (name, org_number, origin)
        values (p_name, p_org_number, p_origin)
        on conflict do nothing
        returning o.id, o.name, o.area;
    if found then return; end if;
    return query select o.id, o.name, o.area from organisations o where lower(o.name) = lower(p_name);
end
$$;

-- The register's names, for a picker (the door's walk-in form suggests them), in Swedish
-- alphabetical order.
create or replace function samverkan_organisation_names()
returns table (id bigint, name text) language sql stable as $$
    select o.id, o.name from organisations o order by o.name collate "sv-SE-x-icu", o.id
$$;
