-- For the national codes shared by most of the chosen councils: how many of the councils'
-- indicators have a latest annual actual better than, the same as or worse than their own next
-- annual target, read with each indicator's polarity. This is what the Compare page draws when too
-- many councils are chosen to draw one by one.
-- Parameters: $councils (list of council_id),
--             $top_codes (integer: how many codes, those shared by most councils, then by code).
-- Returns: code, title, unit, polarity (of the first council by name), councils_sharing,
--          shared_codes (codes shared in all), indicators, better, same, worse, not_comparable
-- The actual and target are those of compare_shared_indicators.sql, and the words those of
-- perfdash.performance.better_or_worse (values within 1e-9 are the same): keep them in step.
with coded as (
    select i.indicator_id, i.council_id, i.code, i.title, i.unit, i.polarity
    from indicators as i
    where i.code is not null and list_contains($councils, i.council_id)
),
shared as (
    select
        code,
        count(distinct council_id) as councils_sharing,
        row_number() over (order by count(distinct council_id) desc, code) as code_rank,
        count(*) over () as shared_codes
    from coded
    group by code
    having count(distinct council_id) > 1
),
chosen as (
    select i.*, s.councils_sharing, s.shared_codes, s.code_rank
    from coded as i
    join shared as s on s.code = i.code
    where s.code_rank <= $top_codes
),
annual as (
    select v.indicator_id, v.kind, v.year_start, v.value
    from indicator_values as v
    where v.kind in ('actual', 'target') and v.quarter is null and v.value is not null
      and list_contains($councils, v.council_id)
      and v.indicator_id in (select indicator_id from chosen)
),
latest_actual as (
    select indicator_id, max(year_start) as year_start, max_by(value, year_start) as value
    from annual
    where kind = 'actual'
    group by indicator_id
),
next_target as (
    select t.indicator_id, min_by(t.value, t.year_start) as value
    from annual as t
    left join latest_actual as a on a.indicator_id = t.indicator_id
    where t.kind = 'target' and (a.year_start is null or t.year_start > a.year_start)
    group by t.indicator_id
),
verdicts as (
    select
        i.code, i.council_id, i.indicator_id, i.title, i.unit, i.polarity, i.councils_sharing,
        i.shared_codes, i.code_rank, c.name as council_name,
        case
            when a.value is null or t.value is null or i.polarity not in ('higher', 'lower') then 'not_comparable'
            when abs(a.value - t.value) <= greatest(1e-9 * greatest(abs(a.value), abs(t.value)), 1e-9) then 'same'
            when (a.value > t.value) = (i.polarity = 'higher') then 'better'
            else 'worse'
        end as against_target
    from chosen as i
    join councils as c on c.council_id = i.council_id
    left join latest_actual as a on a.indicator_id = i.indicator_id
    left join next_target as t on t.indicator_id = i.indicator_id
)
select
    code,
    min_by(title, (council_name, indicator_id)) as title,
    min_by(unit, (council_name, indicator_id)) as unit,
    min_by(polarity, (council_name, indicator_id)) as polarity,
    any_value(councils_sharing) as councils_sharing,
    any_value(shared_codes) as shared_codes,
    count(*) as indicators,
    count(*) filter (where against_target = 'better') as better,
    count(*) filter (where against_target = 'same') as same,
    count(*) filter (where against_target = 'worse') as worse,
    count(*) filter (where against_target = 'not_comparable') as not_comparable
from verdicts
group by code
order by any_value(code_rank)
