-- Synthetic revenue budget lines: a budget and an actual for each line and year.
-- Parameters: getvariable('finance_lines'), getvariable('first_year'), getvariable('years').
-- Returns: the contract's finance columns
with lines as (
    select c.council_id, l.range + 1 as k, getvariable('first_year') + y.range as year_start, kind.kind
    from councils as c
    cross join range(getvariable('finance_lines')) as l
    cross join range(getvariable('years')) as y
    cross join (values ('budget'), ('actual')) as kind(kind)
),
valued as (
    select *, round(500 + 20000 * rnd(council_id || ':fin:' || k || ':' || year_start || kind), 1) as amount
    from lines
)
select
    v.council_id,
    v.council_id || '-plan' as plan_id,
    'Synthetic revenue budget' as table_name,
    printf('Synthetic service line %02d', v.k) as line_item,
    v.year_start::bigint as year_start,
    v.kind,
    v.amount::double as amount_gbp_000,
    printf('%.1f', v.amount) as value_text,
    v.council_id || '_synthetic-plan.txt:' || (20000 + v.k) as source
from valued as v
order by plan_id, table_name, line_item, year_start, kind
