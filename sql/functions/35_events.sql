-- The events module's rule that other modules share: when an event takes registrations.
-- Registrations (sql/functions/40_registrations.sql) checks it under the event row lock;
-- event reads (modules/events) show it. Repeatable: applied again when this text changes.

-- Whether the event takes registrations at `p_at`, and if not, why.
create or replace function samverkan_registration_window(e events, p_at timestamptz default now())
returns registration_window language sql stable as $$
    select (case when e.status = 'cancelled' then 'cancelled'
                 when e.status = 'draft' then 'draft'
                 when e.starts_at <= p_at then 'started'
                 when e.registration_opens_at > p_at then 'not_open_yet'
                 when e.registration_closes_at < p_at then 'deadline_passed'
                 else 'open' end)::registration_window
$$;
