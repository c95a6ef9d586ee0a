-- Store write: append one version of a decision, noting the latest version it replaces (none for
-- a new decision). Runs inside the writer's transaction, which holds the store's write lock, so
-- the next id is max + 1. Casts are explicit so that PostgreSQL types a NULL due date too.
-- Parameters: $decision_id, $council, $indicator, $year (year_start), $quarter (1-4), $text, $owner,
--             $due_date (date or NULL), $status ('open' or 'done'), $recorded_by, $recorded_at (timestamptz).
-- Returns: nothing
insert into decisions (
    version_id, decision_id, council_id, indicator_id, year_start, quarter, decision_text, owner, due_date,
    status, recorded_by, recorded_at, replaced_version_id
)
select
    (select coalesce(max(version_id), 0) from decisions) + 1,
    $decision_id::varchar, $council::varchar, $indicator::varchar, $year::integer, $quarter::integer,
    $text::varchar, $owner::varchar, $due_date::date, $status::varchar, $recorded_by::varchar,
    $recorded_at::timestamptz,
    (select max(version_id) from decisions where decision_id = $decision_id::varchar)
