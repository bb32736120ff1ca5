-- The organisation ledger (DESIGN.md "Follow-up and the organisation ledger"). Each attendee
-- row keeps, from the moment it is created, what the steering group's reports group by: the
-- organisation it came for, that organisation's area then, and (already there) the
-- attendee's affiliation. Editing or merging the register later changes none of these, and
-- anonymisation removes names and addresses but never these columns.

-- Where a register entry came from: organisers and the CSV import, or the registration form
-- and the door (an organisation the register did not know yet), or the demo data.
alter table organisations
    add column origin text not null default 'staff'
        check (origin in ('staff', 'import', 'registration', 'walk_in', 'demo'));

alter table attendees
    -- The register's id when the registration matched or created an entry; no foreign key,
    -- so that deleting or merging the entry leaves history as it was.
    add column organisation_id bigint,
    add column organisation_name text,
    add column organisation_area text check (organisation_area in ('urban', 'rural')),
    -- Came without registering, recorded at the door; may be beyond the capacity.
    add column walk_in boolean not null default false,
    add column over_capacity boolean not null default false;

-- Registrations whose organisation the register did not know get an entry of their own,
-- as new registrations do from now on, so that every attending organisation can be counted.
insert into organisations (name, origin)
select distinct on (lower(r.organisation_name)) r.organisation_name, 'registration'
  from registrations r
 where r.organisation_id is null and r.organisation_name is not null
   and not exists (select 1 from organisations o where lower(o.name) = lower(r.organisation_name))
 order by lower(r.organisation_name), r.id;

update registrations r set organisation_id = o.id
  from organisations o
 where r.organisation_id is null and r.organisation_name is not null
   and lower(o.name) = lower(r.organisation_name);

update attendees a
   set organisation_id = r.organisation_id,
       organisation_name = coalesce(o.name, r.organisation_name),
       organisation_area = o.area
  from registrations r left join organisations o on o.id = r.organisation_id
 where r.id = a.registration_id;

create index attendees_organisation on attendees (organisation_id, event_id);
