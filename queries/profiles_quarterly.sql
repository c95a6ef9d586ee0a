-- Every indicator's Q1-Q4 target profile for a council and year, with its annual target and
-- any quarterly actuals: printed in the plan, or recorded later in the actuals store.
-- Parameters: $council (council_id), $year (year_start), $theme (common theme or NULL),
--             $search (text, may be '').
-- Returns: indicator_id, code, ref, title, unit, polarity, profile, common_theme, quarter (NULL for
--          the annual target), kind ('target' or 'actual'), value, value_text, source, origin
with chosen as (
    select *
    from indicators as i
    where i.council_id = $council
      and ($theme::varchar is null or i.common_theme = $theme)
      and indicator_matches($search, i.title, i.code, i.ref)
      and exists (
          select 1 from indicator_values as q
          where q.council_id = $council and q.indicator_id = i.indicator_id and q.year_start = $year
            and q.quarter is not null and q.kind = 'target'
      )
),
printed as (
    select v.indicator_id, v.quarter, v.kind, v.value, v.value_text, v.source, 'plan' as origin
    from indicator_values as v
    where v.council_id = $council
      and v.year_start = $year
      and v.kind in ('target', 'actual')
      and (v.quarter is not null or v.kind = 'target')
),
recorded as (
    select r.indicator_id, r.quarter, 'actual' as kind, r.value, r.value_text, r.source, r.origin
    from recorded_actuals as r
    where r.council_id = $council
      and r.year_start = $year
)
select
    c.indicator_id, c.code, c.ref, c.title, c.unit, c.polarity, c.profile, c.common_theme,
    f.quarter, f.kind, f.value, f.value_text, f.source, f.origin
from chosen as c
join (select * from printed union all select * from recorded) as f on f.indicator_id = c.indicator_id
-- The plan's own order: the line each indicator was read from.
order by source_line(c.source), c.indicator_id, f.kind desc, f.quarter nulls last
