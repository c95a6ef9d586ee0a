-- Synthetic actions: every fifth council prints quarterly milestones (as NW Leicestershire does),
-- the next one reports progress with a status (as Melton does).
-- Parameters: getvariable('actions'), getvariable('priorities'), getvariable('themes'),
--   getvariable('statuses').
-- Returns: the contract's actions columns
with numbered as (
    select c.council_id, c.name, c.n, a.range + 1 as k
    from councils as c
    cross join range(getvariable('actions')) as a
)
select
    printf('%s:A%03d', n.council_id, n.k) as action_id,
    n.council_id,
    n.council_id || '-plan' as plan_id,
    printf('Synthetic service area %d', n.k % 10) as theme,
    printf('Synthetic action %03d of %s', n.k, n.name) as title,
    case when n.k % 7 <> 0 then printf('Synthetic officer %d, %s', 1 + n.k % 8, n.name) end as responsible,
    'A synthetic outcome' as outcome,
    case when n.k % 2 = 0 then 'Within existing budgets' end as resources,
    case when n.n % 5 = 0 then printf('1) Synthetic milestone Q1 for action %d', n.k) end as q1,
    case when n.n % 5 = 0 then printf('1) Synthetic milestone Q2 for action %d', n.k) end as q2,
    case when n.n % 5 = 0 then printf('1) Synthetic milestone Q3 for action %d', n.k) end as q3,
    case when n.n % 5 = 0 then printf('1) Synthetic milestone Q4 for action %d', n.k) end as q4,
    'Synthetic milestones' as milestones,
    case when n.n % 5 = 1 then 'Synthetic progress: work commenced.' end as progress,
    case when n.n % 5 = 1 then getvariable('statuses')[1 + n.k % len(getvariable('statuses'))] end as status,
    getvariable('themes')[1 + n.k % len(getvariable('themes'))] as common_theme,
    n.council_id || '_synthetic-plan.txt:' || (10000 + n.k) as source,
    printf('A%03d', n.k) as ref,
    printf('Synthetic priority %02d', 1 + n.k % getvariable('priorities')) as key_priority,
    n.council_id || ':P' || (1 + n.k % getvariable('priorities')) as priority_id
from numbered as n
order by action_id
