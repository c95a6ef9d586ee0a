-- The rows of the outturns template for one council's quarter: every indicator with a target that
-- year (profiled, or from its annual target: quarter_targets in setup_quarter_targets.sql); one
-- whose profile skips the quarter still appears, with NULL targets. An
-- outturn is the quarter's own figure, so the template shows the quarter's own target; for a
-- cumulative profile also the year-to-date target and the year to date recorded so far.
-- Parameters: $council (council_id), $year (year_start), $quarter (1-4).
-- Returns: indicator_id, value (the quarter's own target), value_text (as printed where the plan
--          printed the quarter's own target, else NULL), ytd_target, ytd_target_text,
--          ytd_so_far (the outturns of the earlier quarters added up; NULL when none),
--          target_basis, source
with year_targets as (
    select * from quarter_targets($council) where year_start = $year
),
chosen as (
    select t.*, i.profile,
           lag(t.target) over (partition by t.indicator_id order by t.quarter) as previous_target
    from year_targets as t
    join indicators as i on i.indicator_id = t.indicator_id
),
year_indicators as (
    select distinct indicator_id from year_targets
),
earlier as (
    select o.indicator_id, sum(o.value) as ytd_so_far
    from quarter_outturns($council) as o
    where o.year_start = $year and o.quarter < $quarter
    group by o.indicator_id
)
select
    y.indicator_id,
    case when c.profile = 'cumulative' then c.target - coalesce(c.previous_target, 0) else c.target end as value,
    case when c.profile = 'cumulative' and c.quarter > 1 then null else c.target_text end as value_text,
    case when c.profile = 'cumulative' then c.target end as ytd_target,
    case when c.profile = 'cumulative' then c.target_text end as ytd_target_text,
    case when c.profile = 'cumulative' then e.ytd_so_far end as ytd_so_far,
    c.target_basis,
    c.target_source as source
from year_indicators as y
left join chosen as c on c.indicator_id = y.indicator_id and c.quarter = $quarter
left join earlier as e on e.indicator_id = y.indicator_id
order by y.indicator_id
