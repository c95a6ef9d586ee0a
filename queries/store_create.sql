-- Store setup: the append-only history of quarterly outturns. Safe to run on every open.
-- Parameters: none.
-- Returns: nothing (creates sequence submission_ids, tables submissions and store_info)
create sequence if not exists submission_ids start 1;
create table if not exists store_info (
    key varchar primary key,
    value varchar not null
);
create table if not exists submissions (
    submission_id bigint primary key default nextval('submission_ids'),
    batch_id varchar not null,
    indicator_id varchar not null,
    council_id varchar not null,
    year_start integer not null,
    quarter integer not null check (quarter between 1 and 4),
    value double,
    value_text varchar not null,
    comment varchar,
    source varchar not null,
    origin varchar not null check (origin in ('recorded', 'demo')),
    submitted_by varchar not null,
    submitted_at timestamptz not null,
    replaced_submission_id bigint,
    replaced_value double,
    replaced_value_text varchar
);
