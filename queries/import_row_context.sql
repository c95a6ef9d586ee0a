-- For the indicators of an outturns file: every quarter's target (that quarter's own, the year to
-- date for cumulative profiles) and its latest outturn, to check a new value against the previous
-- quarter and the target (perfdash/outturns/plausibility.py).
-- Parameters: $indicator_ids (list of indicator_id).
-- Returns: indicator_id, year_start, quarter, profile, quarter_target (the quarter's own target),
--          ytd_target (cumulative profiles: the year-to-date target; else NULL), actual (the
--          quarter's latest outturn, recorded or printed)
with chosen as (
    select indicator_id, council_id, profile from indicators where list_contains($indicator_ids, indicator_id)
),
targets as (
    select t.indicator_id, t.year_start, t.quarter, t.target
    from quarter_targets(null) as t
    where list_contains($indicator_ids, t.indicator_id)
),
outturns as (
    select o.indicator_id, o.year_start, o.quarter, o.value
    from chosen as c, quarter_outturns(c.council_id) as o
    where o.indicator_id = c.indicator_id
)
select
    c.indicator_id,
    coalesce(t.year_start, o.year_start) as year_start,
    coalesce(t.quarter, o.quarter) as quarter,
    c.profile,
    case when c.profile = 'cumulative'
         then t.target - coalesce(lag(t.target) over (
             partition by c.indicator_id, coalesce(t.year_start, o.year_start)
             order by coalesce(t.quarter, o.quarter)), 0)
         else t.target end as quarter_target,
    case when c.profile = 'cumulative' then t.target end as ytd_target,
    o.value as actual
from chosen as c
join (targets as t full outer join outturns as o
      on o.indicator_id = t.indicator_id and o.year_start = t.year_start and o.quarter = t.quarter)
  on c.indicator_id = coalesce(t.indicator_id, o.indicator_id)
order by c.indicator_id, year_start, quarter
