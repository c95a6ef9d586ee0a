-- Every council and its indicators, for matching the rows of an uploaded outturns file.
-- A council with no indicators still appears once (indicator columns NULL), so it is a known council.
-- Parameters: none.
-- Returns: council_id, indicator_id, plan_id, code, ref, title, unit, polarity, profile,
--          plan_line (the line of the plan the indicator was read from: the plan's own order),
--          largest_figure (the largest absolute figure the plan printed for it, targets and
--          outturns alike; NULL when none: the import refuses a value over 1,000 times this),
--          target_years (the year_starts it has a target for, annual or quarterly: outturns are
--          taken only for those years)
with figures as (
    select
        v.indicator_id,
        max(abs(v.value)) as largest_figure
    from indicator_values as v
    where v.value is not null
    group by v.indicator_id
),
target_years as (
    select indicator_id, list(distinct year_start order by year_start) as target_years
    from indicator_values
    where kind = 'target'
    group by indicator_id
)

select
    c.council_id,
    i.indicator_id,
    i.plan_id,
    i.code,
    i.ref,
    i.title,
    i.unit,
    i.polarity,
    i.profile,
    try_cast(split_part(i.source, ':', 2) as integer) as plan_line,
    f.largest_figure,
    y.target_years
from councils as c
left join indicators as i on i.council_id = c.council_id
left join figures as f on f.indicator_id = i.indicator_id
left join target_years as y on y.indicator_id = i.indicator_id
order by c.council_id, i.plan_id, plan_line, i.indicator_id
