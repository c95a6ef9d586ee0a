-- Every council and its indicators, for matching the rows of an uploaded outturns file.
-- A council with no indicators still appears once (indicator columns NULL), so it is a known council.
-- Parameters: none.
-- Returns: council_id, indicator_id, plan_id, code, ref, title, unit, polarity, profile,
--          plan_line (the line of the plan the indicator was read from: the plan's own order)
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
    source_line(i.source) as plan_line
from councils as c
left join indicators as i on i.council_id = c.council_id
order by c.council_id, i.plan_id, plan_line, i.indicator_id
