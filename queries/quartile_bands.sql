-- The quartile tables of the chosen councils' plans, as printed: the share of a plan's comparable
-- indicators in each quartile band of its comparator group, by financial year, with the citation.
-- band_order puts the bands in one order whatever a plan calls them (perfdash.views.quartiles).
-- Parameters: $councils (list of council_id), $max_councils (the first this many of them by name
--             that print a quartile table; NULL for all).
-- Returns: council_id, council_name, plan_id, plan_title, band, band_order (1 top, 2 middle,
--          3 bottom, 4 a band named otherwise), period, year_start, share_percent, value_text, source,
--          councils_with_tables (how many of the chosen councils print one, drawn or not)
with chosen as (
    select q.*, c.name as council_name,
           dense_rank() over (order by c.name, q.council_id) as council_rank
    from quartile_summary as q
    join councils as c on c.council_id = q.council_id
    where list_contains($councils, q.council_id)
)
select
    q.council_id,
    q.council_name,
    q.plan_id,
    p.title as plan_title,
    q.band,
    case
        when q.band ilike 'top%' or q.band ilike 'upper%' or q.band ilike 'first%' then 1
        when q.band ilike 'middle%' or q.band ilike 'second%' or q.band ilike 'third%' then 2
        when q.band ilike 'bottom%' or q.band ilike 'lower%' or q.band ilike 'fourth%' then 3
        else 4
    end as band_order,
    coalesce(q.period, q.year_start::varchar) as period,
    q.year_start,
    q.share_percent,
    q.value_text,
    q.source,
    max(q.council_rank) over () as councils_with_tables
from chosen as q
join plans as p on p.plan_id = q.plan_id
qualify $max_councils is null or q.council_rank <= $max_councils
order by q.council_name, q.plan_id, q.year_start, band_order, q.band
