-- Staff accounts and sessions: when a password last changed (shown to its owner), when an
-- account was deactivated, and indexes for the clean-up of expired sessions and old login
-- attempts.
alter table users add column password_changed_at timestamptz not null default now();
alter table users add column deactivated_at timestamptz;

create index sessions_expires on sessions (expires_at);
create index login_attempts_at on login_attempts (at);
