-- How far each indicator's first annual target moves from its starting point: the latest earlier
-- actual, or the printed baseline when there is no actual (the macro target_ambition in
-- setup_macros.sql, which compare_ambition_top.sql uses too), with both figures' printed text.
-- Parameters: $councils (list of council_id), $theme (common theme or NULL).
-- Returns: indicator_id, council_id, council_name, code, title, unit, polarity, common_theme,
--          start_kind, start_period, start_value, start_text, start_source,
--          target_period, target_value, target_text, target_source,
--          ambition_percent (as perfdash.polarity.ambition_percent: positive asks for
--          improvement; NULL without a polarity or from a zero start)
with measured as (
    select * from target_ambition($councils, $theme)
),
-- The printed text and citation of the two figures of each row.
printed as (
    select v.indicator_id, v.kind, v.year_start, v.period, v.value_text, v.source
    from indicator_values as v
    where v.kind in ('target', 'actual', 'baseline') and v.quarter is null and v.value is not null
      and list_contains($councils, v.council_id)
      and v.indicator_id in (select indicator_id from measured)
)
select
    m.indicator_id, m.council_id, c.name as council_name, m.code, m.title, m.unit, m.polarity, m.common_theme,
    m.start_kind, s.period as start_period, m.start_value, s.value_text as start_text, s.source as start_source,
    t.period as target_period, m.target_value, t.value_text as target_text, t.source as target_source,
    m.ambition_percent
from measured as m
join councils as c on c.council_id = m.council_id
join printed as s on s.indicator_id = m.indicator_id and s.kind = m.start_kind and s.year_start = m.start_year
join printed as t on t.indicator_id = m.indicator_id and t.kind = 'target' and t.year_start = m.target_year
order by m.common_theme, council_name, m.code nulls last, m.title, m.indicator_id
