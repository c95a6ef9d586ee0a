-- Setup: macros over the rows copied from the actuals store (recorded_actuals), created after those
-- rows are in (perfdash.db.database.open_database). A query that names one of them reads the store,
-- so its cached results are dropped after a store write (perfdash.db.sql_files.reads_store).
-- Parameters: none.
-- Returns: nothing (creates the table macros quarter_outturns and council_quarters)

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

-- Every quarter of every year with a target or an outturn, for one council's indicators (all of
-- them when for_indicators is NULL): the quarter's target (quarter_targets in
-- setup_quarter_targets.sql) and its latest outturn (quarter_outturns above). A filter on
-- year_start outside the macro reaches its scans.
-- Returns: as queries/status_council_quarters.sql, with source_order (the source line, for sorting)
create or replace macro council_quarters(for_council, for_indicators) as table
    with chosen as (
        select * from indicators
        where council_id = for_council
          and (for_indicators::varchar[] is null or list_contains(for_indicators, indicator_id))
    )
    select
        c.indicator_id, c.council_id, c.code, c.ref, c.title, c.unit, c.polarity, c.profile, c.common_theme,
        c.source as indicator_source,
        coalesce(t.year_start, a.year_start) as year_start,
        coalesce(t.quarter, a.quarter) as quarter,
        t.target, t.target_text, t.target_source, t.target_basis,
        a.value as actual, a.value_text as actual_text, a.source as actual_source, a.origin, a.comment,
        a.submitted_by, a.submitted_at,
        source_line(c.source) as source_order
    from chosen as c
    join (quarter_targets(for_council) as t full outer join quarter_outturns(for_council) as a
          on a.indicator_id = t.indicator_id and a.year_start = t.year_start and a.quarter = t.quarter)
      on c.indicator_id = coalesce(t.indicator_id, a.indicator_id);
