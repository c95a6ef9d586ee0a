-- How far each annual target moves from its starting point: the latest earlier actual, or
-- the printed baseline when there is no actual.
-- Parameters: $councils (list of council_id), $theme (common theme or NULL).
-- Returns: indicator_id, council_id, council_name, code, title, unit, polarity, common_theme,
--          start_kind, start_period, start_value, start_text, start_source,
--          target_period, target_value, target_text, target_source
with targets as (
    select v.*
    from indicator_values as v
    where v.kind = 'target' and v.quarter is null and v.value is not null
    qualify row_number() over (partition by v.indicator_id order by v.year_start) = 1
),
starts as (
    select v.indicator_id, v.kind, v.period, v.value, v.value_text, v.source
    from indicator_values as v
    join targets as t on t.indicator_id = v.indicator_id
    where v.kind in ('actual', 'baseline') and v.quarter is null and v.value is not null
      and v.year_start < t.year_start
    qualify row_number() over (
        partition by v.indicator_id
        order by v.year_start desc, case v.kind when 'actual' then 0 else 1 end
    ) = 1
)
select
    i.indicator_id, i.council_id, c.name as council_name, i.code, i.title, i.unit, i.polarity,
    i.common_theme,
    s.kind as start_kind, s.period as start_period, s.value as start_value, s.value_text as start_text,
    s.source as start_source,
    t.period as target_period, t.value as target_value, t.value_text as target_text, t.source as target_source
from indicators as i
join councils as c on c.council_id = i.council_id
join targets as t on t.indicator_id = i.indicator_id
join starts as s on s.indicator_id = i.indicator_id
where list_contains($councils, i.council_id)
  and ($theme::varchar is null or i.common_theme = $theme)
order by i.common_theme, c.name, i.code nulls last, i.title
