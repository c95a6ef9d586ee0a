-- Indicators off trajectory
-- Answers: which indicators' latest actual is worse than the target for the same year and quarter,
-- reading "worse" by the indicator's polarity (higher is better, or lower is better).
-- Returns: council_id, plan_id, ref, title, unit, polarity, period, quarter, actual, target, gap
with actuals as (
    select v.indicator_id, v.year_start, v.quarter, v.period, v.value as actual
    from indicator_values as v
    where v.kind = 'actual' and v.value is not null
),

targets as (
    select v.indicator_id, v.year_start, v.quarter, v.value as target
    from indicator_values as v
    where v.kind = 'target' and v.value is not null
),

paired as (
    select
        a.indicator_id, a.year_start, a.quarter, a.period, a.actual, t.target,
        row_number() over (
            partition by a.indicator_id order by a.year_start desc, coalesce(a.quarter, 5) desc
        ) as recency
    from actuals as a
    inner join targets as t
        on t.indicator_id = a.indicator_id
        and t.year_start = a.year_start
        and t.quarter is not distinct from a.quarter
)

select
    i.council_id, i.plan_id, i.ref, i.title, i.unit, i.polarity,
    p.period, p.quarter, p.actual, p.target, p.actual - p.target as gap
from paired as p
inner join indicators as i on i.indicator_id = p.indicator_id
where p.recency = 1
    and ((i.polarity = 'higher' and p.actual < p.target) or (i.polarity = 'lower' and p.actual > p.target))
order by i.council_id, i.common_theme, i.title
