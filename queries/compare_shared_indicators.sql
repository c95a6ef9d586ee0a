-- Indicators with the same national code in more than one of the chosen councils: each council's
-- latest annual actual and the next annual target after it, with citations, and the highest and
-- lowest latest actual of the other councils that share the code (for "against other councils").
-- The Compare page draws only the codes shared by most of the chosen councils ($top_codes); its
-- full table and the bench pass NULL for every code.
-- Parameters: $councils (list of council_id),
--             $top_codes (integer: how many codes, those shared by most councils, then by code;
--             NULL for every shared code).
-- Returns: code, council_id, council_name, indicator_id, title, unit, polarity,
--          actual_period, actual, actual_text, actual_source,
--          target_period, target, target_text, target_source,
--          others_highest, others_lowest (NULL when no other council has an actual),
--          councils_sharing (chosen councils with the code), shared_codes (codes shared in all)
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
    select i.*, s.councils_sharing, s.shared_codes
    from coded as i
    join shared as s on s.code = i.code
    where $top_codes::integer is null or s.code_rank <= $top_codes
),
-- Only the chosen indicators' annual figures are read (the council filter lets the scan skip
-- other councils' row groups), and max_by/min_by pick one row per indicator without sorting the
-- millions of figures a window would.
annual as (
    select v.indicator_id, v.kind, v.year_start, v.period, v.value, v.value_text, v.source
    from indicator_values as v
    where v.kind in ('actual', 'target') and v.quarter is null and v.value is not null
      and list_contains($councils, v.council_id)
      and v.indicator_id in (select indicator_id from chosen)
),
latest_actual as (
    select
        indicator_id,
        max(year_start) as year_start,
        max_by({'period': period, 'value': value, 'text': value_text, 'source': source}, year_start) as figure
    from annual
    where kind = 'actual'
    group by indicator_id
),
next_target as (
    select
        t.indicator_id,
        min_by({'period': t.period, 'value': t.value, 'text': t.value_text, 'source': t.source}, t.year_start)
            as figure
    from annual as t
    left join latest_actual as a on a.indicator_id = t.indicator_id
    where t.kind = 'target' and (a.year_start is null or t.year_start > a.year_start)
    group by t.indicator_id
),
figures as (
    select
        i.code, i.council_id, c.name as council_name, i.indicator_id, i.title, i.unit, i.polarity,
        a.figure.period as actual_period, a.figure.value as actual, a.figure.text as actual_text,
        a.figure.source as actual_source,
        t.figure.period as target_period, t.figure.value as target, t.figure.text as target_text,
        t.figure.source as target_source,
        i.councils_sharing, i.shared_codes
    from chosen as i
    join councils as c on c.council_id = i.council_id
    left join latest_actual as a on a.indicator_id = i.indicator_id
    left join next_target as t on t.indicator_id = i.indicator_id
)
select
    code, council_id, council_name, indicator_id, title, unit, polarity,
    actual_period, actual, actual_text, actual_source,
    target_period, target, target_text, target_source,
    -- "exclude group" leaves out every row of the same council (a council may print a code twice).
    max(actual) over others as others_highest,
    min(actual) over others as others_lowest,
    councils_sharing, shared_codes
from figures
window others as (
    partition by code order by council_id
    rows between unbounded preceding and unbounded following exclude group
)
order by code, council_name, indicator_id
