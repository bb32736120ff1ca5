-- Instances of `samverkan serve` and their heartbeats (issue 11). Work leased by an instance
-- whose heartbeat has stopped is taken over by the others within seconds, instead of
-- waiting out its lease: the outbox (lease_owner) and singleton jobs (job_leases).
create table instances (
    id              bigserial primary key,
    host            text not null,
    pid             integer not null,
    started_at      timestamptz not null default now(),
    heartbeat_at    timestamptz not null default now(),
    -- Set on a clean stop: its leases are free at once.
    stopped_at      timestamptz
);

-- The instance holding an outbox row's lease (NULL: none, or leased without an instance).
alter table outbox add column lease_owner bigint;

-- Singleton jobs: one instance at a time does the work (see modules/core/job_lease.hpp).
create table job_leases (
    name            text primary key,
    owner           bigint,
    lease_until     timestamptz,
    finished_at     timestamptz
);
