-- The stored series of one council's indicator for SPC: its actuals and targets, annual (printed in
-- the plan) and quarterly (the latest recorded outturn, else a printed quarterly actual).
-- The indicator is chosen by its indicator_id, its plan ref or its national code (case-insensitive);
-- a ref shared by several of the council's indicators returns them all, for the caller to refuse.
-- An indicator with no figures at all gives one row whose frequency, kind and value are NULL.
-- Parameters: $council (council_id), $ref (indicator_id, ref or code).
-- Returns: indicator_id, council_id, code, ref, title, unit, polarity, profile, frequency
--          ('annual' | 'quarterly'), kind ('actual' | 'target'), year_start, quarter (NULL when annual),
--          value, value_text, source, origin ('plan' | 'recorded' | 'demo')
with chosen as (
    select i.*
    from indicators as i
    where i.council_id = $council
      and (i.indicator_id = $ref
           or lower(trim(i.ref)) = lower(trim($ref))
           or lower(trim(i.code)) = lower(trim($ref)))
),
printed as (
    -- Yes/No targets are printed as words: Yes counts as 1 and No as 0, as outturns are recorded.
    select v.indicator_id, v.kind, v.year_start, v.quarter,
           coalesce(v.value, case lower(trim(v.value_text)) when 'yes' then 1.0 when 'no' then 0.0 end) as value,
           v.value_text, v.source, 'plan' as origin
    from indicator_values as v
    join chosen as c on c.indicator_id = v.indicator_id
    where v.kind in ('actual', 'target')
),
recorded as (
    select r.indicator_id, 'actual' as kind, r.year_start, r.quarter, r.value, r.value_text, r.source, r.origin
    from recorded_actuals as r
    join chosen as c on c.indicator_id = r.indicator_id
    where r.council_id = $council
),
series as (
    -- A recorded outturn supersedes a printed quarterly actual for the same quarter.
    select * from recorded
    union all
    select p.* from printed as p
    where not (p.kind = 'actual' and p.quarter is not null and exists (
        select 1 from recorded as r
        where r.indicator_id = p.indicator_id and r.year_start = p.year_start and r.quarter = p.quarter))
)
select
    c.indicator_id, c.council_id, c.code, c.ref, c.title, c.unit, c.polarity, c.profile,
    case when s.kind is null then null when s.quarter is null then 'annual' else 'quarterly' end as frequency,
    s.kind, s.year_start, s.quarter, s.value, s.value_text, s.source, s.origin
from chosen as c
left join series as s on s.indicator_id = c.indicator_id
order by c.indicator_id, frequency, s.kind, s.year_start, s.quarter
