-- Setup: macros over the rows copied from the actuals store (recorded_actuals), created after those
-- rows are in (perfdash.db.database.open_database). A query that names one of them reads the store,
-- so its cached results are dropped after a store write (perfdash.db.sql_files.reads_store).
-- Parameters: none.
-- Returns: nothing (creates the table macro quarter_outturns)

-- The outturn of every quarter of a council's indicators: the latest one recorded in the actuals
-- store, or else the one printed in the plan (a recorded outturn supersedes a printed one).
-- Returns: indicator_id, year_start, quarter, value, value_text, source, origin ('plan', 'recorded'
--          or 'demo'), comment, submitted_by, submitted_at
create or replace macro quarter_outturns(for_council) as table
    with printed as (
        select v.indicator_id, v.year_start, v.quarter, v.value, v.value_text, v.source,
               'plan' as origin, null::varchar as comment, null::varchar as submitted_by,
               null::timestamp as submitted_at
        from indicator_values as v
        where v.council_id = for_council and v.kind = 'actual' and v.quarter is not null
    ),
    recorded as (
        select r.indicator_id, r.year_start, r.quarter, r.value, r.value_text, r.source, r.origin,
               r.comment, r.submitted_by, r.submitted_at
        from recorded_actuals as r
        where r.council_id = for_council
    )
    select * from recorded
    union all
    select p.* from printed as p
    where not exists (
        select 1 from recorded as r
        where r.indicator_id = p.indicator_id and r.year_start = p.year_start and r.quarter = p.quarter);
