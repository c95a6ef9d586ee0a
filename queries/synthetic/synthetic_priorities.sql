-- Synthetic priorities: a fixed number per council; even-numbered councils rank theirs.
-- Parameters: getvariable('priorities'), getvariable('themes') (list of common themes).
-- Returns: the contract's priorities columns
with numbered as (
    select c.council_id, c.n, p.range + 1 as k
    from councils as c
    cross join range(getvariable('priorities')) as p
)
select
    n.council_id || ':P' || n.k as priority_id,
    n.council_id,
    n.council_id || '-plan' as plan_id,
    case when n.n % 2 = 0 then n.k end::bigint as rank,
    n.k::bigint as "order",
    printf('Synthetic priority %02d', n.k) as title,
    case when n.k % 3 = 0 then 'by the end of the plan' end as timeframe,
    printf('Synthetic service area %d', n.k % 10) as theme,
    getvariable('themes')[1 + n.k % len(getvariable('themes'))] as common_theme,
    n.council_id || '_synthetic-plan.txt:' || (10 + n.k) as source
from numbered as n
order by priority_id
