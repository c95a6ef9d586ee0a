-- How far each indicator's first annual target moves from its starting point: the latest earlier
-- actual, or the printed baseline when there is no actual.
-- Parameters: $councils (list of council_id), $theme (common theme or NULL).
-- Returns: indicator_id, council_id, council_name, code, title, unit, polarity, common_theme,
--          start_kind, start_period, start_value, start_text, start_source,
--          target_period, target_value, target_text, target_source,
--          ambition_percent (as perfdash.performance.ambition_percent: positive asks for
--          improvement; NULL without a polarity or from a zero start)
-- compare_ambition_top.sql finds the same target and starting point: keep the two in step.
with chosen as (
    select i.indicator_id, i.council_id, i.code, i.title, i.unit, i.polarity, i.common_theme
    from indicators as i
    where list_contains($councils, i.council_id)
      and ($theme::varchar is null or i.common_theme = $theme)
),
-- Only the chosen indicators' annual figures are read; min_by/max_by pick one row per indicator
-- without sorting the millions of figures a window would.
-- It is read twice (targets, then starting points): "not materialized" has each read filter the
-- scan for its own rows instead of holding every annual figure in memory in between.
annual as not materialized (
    select v.indicator_id, v.kind, v.year_start, v.period, v.value, v.value_text, v.source
    from indicator_values as v
    where v.kind in ('target', 'actual', 'baseline') and v.quarter is null and v.value is not null
      and list_contains($councils, v.council_id)
      and v.indicator_id in (select indicator_id from chosen)
),
targets as (
    select
        indicator_id,
        min(year_start) as year_start,
        min_by({'period': period, 'value': value, 'text': value_text, 'source': source}, year_start) as figure
    from annual
    where kind = 'target'
    group by indicator_id
),
starts as (
    -- The latest figure before the target's year; an actual wins over a baseline of the same year.
    select
        v.indicator_id,
        max_by({'kind': v.kind, 'period': v.period, 'value': v.value, 'text': v.value_text, 'source': v.source},
               (v.year_start, v.kind = 'actual')) as figure
    from annual as v
    join targets as t on t.indicator_id = v.indicator_id
    where v.kind in ('actual', 'baseline') and v.year_start < t.year_start
    group by v.indicator_id
)
select
    i.indicator_id, i.council_id, c.name as council_name, i.code, i.title, i.unit, i.polarity,
    i.common_theme,
    s.figure.kind as start_kind, s.figure.period as start_period, s.figure.value as start_value,
    s.figure.text as start_text, s.figure.source as start_source,
    t.figure.period as target_period, t.figure.value as target_value, t.figure.text as target_text,
    t.figure.source as target_source,
    case
        when i.polarity not in ('higher', 'lower') or s.figure.value = 0 then null
        when i.polarity = 'higher' then (t.figure.value - s.figure.value) / abs(s.figure.value) * 100
        else -((t.figure.value - s.figure.value) / abs(s.figure.value) * 100)
    end as ambition_percent
from chosen as i
join councils as c on c.council_id = i.council_id
join targets as t on t.indicator_id = i.indicator_id
join starts as s on s.indicator_id = i.indicator_id
order by i.common_theme, c.name, i.code nulls last, i.title, i.indicator_id
