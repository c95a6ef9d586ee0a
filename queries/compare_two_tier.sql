-- Leicestershire County with its districts: what each plans under each common theme.
-- Parameters: none.
-- Returns: common_theme, council_id, council_name, tier, priorities, indicators, actions, total,
--          examples (up to three titles, joined with "; ")
with family as (
    select council_id, name, tier from councils
    where council_id in (select council_id from councils where tier = 'county')
       or parent_council_id in (select council_id from councils where tier = 'county')
)
select
    t.common_theme,
    f.council_id,
    f.name as council_name,
    f.tier,
    count(*) filter (where t.item = 'priority') as priorities,
    count(*) filter (where t.item = 'indicator') as indicators,
    count(*) filter (where t.item = 'action') as actions,
    count(*) as total,
    array_to_string(list(t.title order by t.item desc, t.title)[1:3], '; ') as examples
from theme_items() as t
join family as f on f.council_id = t.council_id
group by t.common_theme, f.council_id, f.name, f.tier
order by t.common_theme, f.tier, f.name
