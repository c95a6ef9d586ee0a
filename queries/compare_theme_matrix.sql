-- Councils x common themes: how many priorities, indicators and actions each council has.
-- Parameters: $councils (list of council_id).
-- Returns: council_id, council_name, tier, common_theme, priorities, indicators, actions, total
select
    c.council_id,
    c.name as council_name,
    c.tier,
    t.common_theme,
    count(*) filter (where t.item = 'priority') as priorities,
    count(*) filter (where t.item = 'indicator') as indicators,
    count(*) filter (where t.item = 'action') as actions,
    count(*) as total
from theme_items() as t
join councils as c on c.council_id = t.council_id
where list_contains($councils, c.council_id)
group by c.council_id, c.name, c.tier, t.common_theme
order by c.name, t.common_theme
