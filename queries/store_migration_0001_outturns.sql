-- Store migration 1: the append-only history of quarterly outturns, the store's kind, and the
-- version counters readers key their caches on. Safe on a store made before migrations existed.
-- Parameters: none.
-- Returns: nothing (creates tables store_info, store_versions, submissions)
create table if not exists store_info (
    key varchar primary key,
    value varchar not null
);
create table if not exists store_versions (
    part varchar primary key,
    version bigint not null
);
create table if not exists submissions (
    submission_id bigint primary key,
    batch_id varchar not null,
    indicator_id varchar not null,
    council_id varchar not null,
    year_start integer not null,
    quarter integer not null check (quarter between 1 and 4),
    value double precision,
    value_text varchar not null,
    comment varchar,
    source varchar not null,
    origin varchar not null check (origin in ('recorded', 'demo')),
    submitted_by varchar not null,
    submitted_at timestamptz not null,
    replaced_submission_id bigint,
    replaced_value double precision,
    replaced_value_text varchar
);
