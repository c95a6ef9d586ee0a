-- Store migration 3: decisions and actions the Board records against an exception during its
-- meeting. Append-only, versioned like submissions: a decision keeps its decision_id, and every
-- change to it (new wording, owner, due date, or marked done) is a new row noting the version it
-- replaced, who made the change and when. The latest version of each decision_id wins.
-- Parameters: none.
-- Returns: nothing (creates table decisions)
create table if not exists decisions (
    version_id bigint primary key,
    decision_id varchar not null,
    council_id varchar not null,
    indicator_id varchar not null,
    year_start integer not null,
    quarter integer not null check (quarter between 1 and 4),
    decision_text varchar not null,
    owner varchar not null,
    due_date date,
    status varchar not null check (status in ('open', 'done')),
    recorded_by varchar not null,
    recorded_at timestamptz not null,
    replaced_version_id bigint
);
