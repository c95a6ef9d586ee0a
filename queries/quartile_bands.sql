-- The quartile tables of the chosen councils' plans, as printed: the share of a plan's comparable
-- indicators in each quartile band of its comparator group, by financial year, with the citation.
-- band_order puts the bands in one order whatever a plan calls them (perfdash.views.quartiles).
-- Parameters: $councils (list of council_id).
-- Returns: council_id, council_name, plan_id, plan_title, band, band_order (1 top, 2 middle,
--          3 bottom, 4 a band named otherwise), period, year_start, share_percent, value_text, source
select
    q.council_id,
    c.name as council_name,
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
    q.source
from quartile_summary as q
join councils as c on c.council_id = q.council_id
join plans as p on p.plan_id = q.plan_id
where list_contains($councils, q.council_id)
order by c.name, q.plan_id, q.year_start, band_order, q.band
