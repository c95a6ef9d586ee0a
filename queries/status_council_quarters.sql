-- Every quarter of every year with a target or an outturn, for one council's indicators: the
-- quarter's target (profiled, or from the annual target: quarter_targets in
-- setup_quarter_targets.sql) and the latest outturn (recorded in the actuals store, else printed:
-- quarter_outturns in setup_store_macros.sql).
-- Parameters: $council (council_id), $indicator_ids (list of indicator_id, or NULL for all).
-- Returns: indicator_id, council_id, code, ref, title, unit, polarity, profile, common_theme,
--          indicator_source, year_start, quarter, target, target_text, target_source, target_basis,
--          actual, actual_text, actual_source, origin, comment, submitted_by, submitted_at
with chosen as (
    select * from indicators
    where council_id = $council
      and ($indicator_ids::varchar[] is null or list_contains($indicator_ids, indicator_id))
),
targets as (
    select * from quarter_targets($council)
),
actuals as (
    select * from quarter_outturns($council)
)
select
    c.indicator_id, c.council_id, c.code, c.ref, c.title, c.unit, c.polarity, c.profile, c.common_theme,
    c.source as indicator_source,
    coalesce(t.year_start, a.year_start) as year_start,
    coalesce(t.quarter, a.quarter) as quarter,
    t.target, t.target_text, t.target_source, t.target_basis,
    a.value as actual, a.value_text as actual_text, a.source as actual_source, a.origin, a.comment,
    a.submitted_by, a.submitted_at
from chosen as c
join (targets as t full outer join actuals as a
      on a.indicator_id = t.indicator_id and a.year_start = t.year_start and a.quarter = t.quarter)
  on c.indicator_id = coalesce(t.indicator_id, a.indicator_id)
order by source_line(c.source), c.indicator_id, year_start, quarter
