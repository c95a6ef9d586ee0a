-- What the dashboard holds for each council.
-- Parameters: none.
-- Returns: council_id, name, tier, parent_council_id, plans, priorities, indicators, actions,
--          figures, findings, first_year, last_year
with plan_counts as (
    select council_id, count(*) as plans from plans group by council_id
),
priority_counts as (
    select council_id, count(*) as priorities from priorities group by council_id
),
indicator_counts as (
    select council_id, count(*) as indicators from indicators group by council_id
),
action_counts as (
    select council_id, count(*) as actions from actions group by council_id
),
figure_counts as (
    select council_id, count(*) as figures, min(year_start) as first_year, max(year_start) as last_year
    from indicator_values
    group by council_id
),
finding_counts as (
    select council_id, count(*) as findings from quality_findings group by council_id
)
select
    c.council_id,
    c.name,
    c.tier,
    c.parent_council_id,
    coalesce(p.plans, 0) as plans,
    coalesce(pr.priorities, 0) as priorities,
    coalesce(i.indicators, 0) as indicators,
    coalesce(a.actions, 0) as actions,
    coalesce(f.figures, 0) as figures,
    coalesce(q.findings, 0) as findings,
    f.first_year,
    f.last_year
from councils as c
left join plan_counts as p on p.council_id = c.council_id
left join priority_counts as pr on pr.council_id = c.council_id
left join indicator_counts as i on i.council_id = c.council_id
left join action_counts as a on a.council_id = c.council_id
left join figure_counts as f on f.council_id = c.council_id
left join finding_counts as q on q.council_id = c.council_id
order by c.tier desc, c.name
