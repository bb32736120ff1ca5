-- Samverkan's first schema. Applied once, in one transaction, by `samverkan migrate` or at
-- start-up; never edited after it has landed (add a new numbered file instead).
-- Times are timestamptz; e-mail addresses are compared lower-cased.

create table users (
    id              bigserial primary key,
    email           text not null,
    name            text not null,
    role            text not null check (role in ('admin', 'organiser', 'steering')),
    password_hash   text not null,
    active          boolean not null default true,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- Staff sessions: the cookie holds a random token; only its SHA-256 is stored.
create table sessions (
    id              bigserial primary key,
    token_hash      bytea not null unique,
    user_id         bigint not null references users(id) on delete cascade,
    csrf_token      text not null,
    created_at      timestamptz not null default now(),
    last_seen_at    timestamptz not null default now(),
    expires_at      timestamptz not null
);
create index sessions_user on sessions (user_id);

-- Failed and successful logins, per account and per client address, for throttling.
create table login_attempts (
    id              bigserial primary key,
    email           text not null,
    client_address  text not null,
    succeeded       boolean not null,
    at              timestamptz not null default now()
);
create index login_attempts_email on login_attempts (lower(email), at);
create index login_attempts_address on login_attempts (client_address, at);

create table organisations (
    id                  bigserial primary key,
    name                text not null,
    org_number          text unique check (org_number ~ '^[0-9]{6}-[0-9]{4}$'),
    kind                text not null default 'association' check (kind in ('association',
                        'village_association', 'study_association', 'faith_community',
                        'foundation', 'cooperative', 'other')),
    area                text check (area in ('urban', 'rural')),
    locality            text,
    agreement_joined_on date,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create unique index organisations_name_key on organisations (lower(name));

create table contacts (
    id              bigserial primary key,
    organisation_id bigint not null references organisations(id) on delete cascade,
    name            text not null,
    email           text not null,
    phone           text,
    created_at      timestamptz not null default now()
);
create unique index contacts_org_email on contacts (organisation_id, lower(email));

-- Addresses that asked for no more invitations.
create table unsubscribes (
    email           text primary key,  -- lower-cased
    at              timestamptz not null default now()
);

create table events (
    id                      bigserial primary key,
    kind                    text not null check (kind in ('dialogue_conference', 'theme_meeting', 'other')),
    title                   text not null,
    theme                   text,
    description             text,
    starts_at               timestamptz not null,
    ends_at                 timestamptz not null,
    venue                   text,
    address                 text,
    capacity                integer not null check (capacity >= 1),
    max_per_organisation    integer check (max_per_organisation >= 1),
    waitlist                boolean not null default true,
    food                    boolean not null default false,
    registration_opens_at   timestamptz,
    registration_closes_at  timestamptz,
    priority_areas          text[] not null default '{}',
    status                  text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
    cancel_reason           text,
    -- Seat counters, changed only in the transaction that locks this row: the start page
    -- and the registration path read them instead of counting attendees.
    confirmed_count         integer not null default 0,
    waitlisted_count        integer not null default 0,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    check (ends_at > starts_at),
    check (registration_closes_at is null or registration_closes_at <= starts_at)
);
create index events_upcoming on events (starts_at) where status = 'published';

create table invitations (
    id              bigserial primary key,
    event_id        bigint not null references events(id) on delete cascade,
    organisation_id bigint references organisations(id) on delete set null,
    email           text not null,
    name            text,
    token_hash      bytea not null unique,
    created_at      timestamptz not null default now()
);
create index invitations_event_email on invitations (event_id, lower(email));

create table registrations (
    id                  bigserial primary key,
    event_id            bigint not null references events(id),
    organisation_id     bigint references organisations(id) on delete set null,
    organisation_name   text,
    org_number          text,
    contact_name        text not null,
    contact_email       text not null,
    contact_phone       text,
    language            text not null default 'sv' check (language in ('sv', 'en')),
    manage_token_hash   bytea not null unique,
    invitation_id       bigint references invitations(id) on delete set null,
    cancelled_at        timestamptz,
    consent_at          timestamptz not null,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
-- One active registration per contact e-mail and event.
create unique index registrations_active_contact on registrations (event_id, lower(contact_email))
    where cancelled_at is null;
create index registrations_organisation on registrations (organisation_id);

-- Waiting-list order is first come, first served: `queued_at` is the registration time
-- (or the time an attendee was added), `id` breaks ties in insertion order.
create table attendees (
    id              bigserial primary key,
    registration_id bigint not null references registrations(id) on delete cascade,
    event_id        bigint not null references events(id),
    name            text not null,
    email           text,
    affiliation     text not null default 'civil_society' check (affiliation in
                    ('civil_society', 'municipal_staff', 'elected_official', 'other')),
    dietary         text[] not null default '{}',
    dietary_other   text,
    accessibility   text,
    status          text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
    queued_at       timestamptz not null default now(),
    attended        boolean,
    checked_in_at   timestamptz,
    anonymised_at   timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index attendees_registration on attendees (registration_id);
create index attendees_waitlist on attendees (event_id, queued_at, id) where status = 'waitlisted';
create index attendees_event_status on attendees (event_id, status);

-- A repeated Idempotency-Key for the same event returns the first answer.
create table idempotency_keys (
    event_id        bigint not null references events(id) on delete cascade,
    key             text not null,
    response_status integer not null,
    response_body   text not null,
    created_at      timestamptz not null default now(),
    primary key (event_id, key)
);

-- Transactional outbox: a row is written in the same transaction as the change that causes
-- the mail; `idempotency_key` ("confirmation:attendee:41") keeps one cause to one mail.
create table outbox (
    id              bigserial primary key,
    idempotency_key text not null unique,
    template        text not null,
    language        text not null default 'sv',
    recipient_email text not null,
    recipient_name  text,
    payload         jsonb not null default '{}',
    status          text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_until     timestamptz,
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz not null default now()
);
create index outbox_due on outbox (next_attempt_at) where status = 'pending';

create table audit_log (
    id              bigserial primary key,
    at              timestamptz not null default now(),
    user_id         bigint references users(id) on delete set null,
    action          text not null,
    entity          text not null,
    entity_id       bigint,
    detail          jsonb not null default '{}',
    client_address  text
);
create index audit_log_at on audit_log (at desc, id desc);

-- Counters behind the per-address registration rate limit, shared by all instances.
create table rate_limits (
    key             text not null,
    window_start    timestamptz not null,
    hits            integer not null default 0,
    primary key (key, window_start)
);
