-- Council priorities in each plan's own order, one row each, with how many actions and indicators
-- serve them and whether an indicator measures them (a priority without one is a scrutiny gap).
-- Sub-priorities ("2.7") follow their parent ("2") when the plan has that parent.
-- A link is "stated" when the extract prints the item under the priority (its priority_id) or a
-- curated section names the priority (perfdash.priorities.link_params); "same theme" when the item
-- only shares the priority's council and common theme. Same-theme links never close a gap; a
-- stated indicator closes the gap of its priority and of every ancestor.
-- The same links, item by item, come from priorities_links.sql (tests check the two agree).
-- Parameters: $councils (list of council_id, or NULL for every council), $theme (common theme or
--             NULL: applied after the plan order, so positions and parents do not depend on it),
--             and the curated links as parallel lists, one entry per (link, priority):
--             $link_index, $link_priority_ids, $link_plan_ids, $link_first_lines,
--             $link_last_lines, $link_evidence (perfdash.priorities.link_params).
-- Returns: priority_id, ref, council_id, council_name, plan_id, plan_title, plan_start_year, rank,
--          title, timeframe, theme, common_theme, source, source_line, parent_id, depth, position,
--          plan_rank, ranked_by_plan, actions_stated, actions_same_theme, indicators_stated,
--          indicators_same_theme, measured
with recursive council_priorities as (
    select p.*
    from numbered_priorities() as p
    where ($councils::varchar[] is null or list_contains($councils, p.council_id))
),

with_parent as (
    select
        child.*,
        parent.priority_id as parent_id
    from council_priorities as child
    left join council_priorities as parent
        on parent.plan_id = child.plan_id
        and contains(child.ref, '.')
        and parent.ref = regexp_replace(child.ref, '\.[^.]*$', '')
),

-- sort_key: the plan's "order" (the source line where a register leaves it empty) from the top
-- ancestor down, so children follow their parent.
tree (priority_id, sort_key, depth, lineage) as (
    select wp.priority_id, [coalesce(wp."order", wp.source_line)], 0, [wp.priority_id]
    from with_parent as wp
    where wp.parent_id is null
    union all
    select wp.priority_id, list_append(t.sort_key, coalesce(wp."order", wp.source_line)), t.depth + 1,
           list_append(t.lineage, wp.priority_id)
    from with_parent as wp
    join tree as t on wp.parent_id = t.priority_id
),

items as not materialized (
    select kind, item_id, council_id, plan_id, priority_id, common_theme, source_line
    from plan_items()
),

curated as (
    select * from curated_links($link_index, $link_priority_ids, $link_plan_ids, $link_first_lines,
                                $link_last_lines, $link_evidence)
),

-- Each stated (priority, item) pair once: the extract's own links (one priority per item), then
-- the curated ones the extract does not already hold. shares_theme: the item also shares the
-- priority's council and common theme (so it is not counted again as a same-theme link).
extract_stated as (
    select i.priority_id, i.kind, i.item_id, i.council_id, i.common_theme
    from items as i
    where i.priority_id is not null
),

curated_stated as (
    select distinct c.priority_id, i.kind, i.item_id, i.council_id, i.common_theme
    from curated as c
    join items as i
        on i.plan_id = c.plan_id
        and i.source_line between c.first_line and c.last_line
    -- an item prints under one priority at most: the extract already states it for that one
    where i.priority_id is distinct from c.priority_id
),

stated as (
    select
        s.priority_id, s.kind, s.item_id,
        s.council_id = p.council_id and s.common_theme = p.common_theme as shares_theme
    from (select * from extract_stated union all select * from curated_stated) as s
    join council_priorities as p on p.priority_id = s.priority_id
),

stated_counts as (
    select
        priority_id,
        count(*) filter (where kind = 'action') as actions_stated,
        count(*) filter (where kind = 'action' and shares_theme) as actions_stated_same_theme,
        count(*) filter (where kind = 'indicator') as indicators_stated,
        count(*) filter (where kind = 'indicator' and shares_theme) as indicators_stated_same_theme
    from stated
    group by priority_id
),

theme_counts as (
    select
        council_id,
        common_theme,
        count(*) filter (where kind = 'action') as actions,
        count(*) filter (where kind = 'indicator') as indicators
    from items
    where $councils::varchar[] is null or list_contains($councils, council_id)
    group by council_id, common_theme
),

-- Same-theme links: every item of the priority's council and theme that is not stated for it.
counts as (
    select
        p.priority_id,
        coalesce(s.actions_stated, 0) as actions_stated,
        coalesce(t.actions, 0) - coalesce(s.actions_stated_same_theme, 0) as actions_same_theme,
        coalesce(s.indicators_stated, 0) as indicators_stated,
        coalesce(t.indicators, 0) - coalesce(s.indicators_stated_same_theme, 0) as indicators_same_theme
    from council_priorities as p
    left join stated_counts as s on s.priority_id = p.priority_id
    left join theme_counts as t on t.council_id = p.council_id and t.common_theme = p.common_theme
),

measured as (
    select distinct unnest(t.lineage) as priority_id
    from tree as t
    join counts as c on c.priority_id = t.priority_id
    where c.indicators_stated > 0
),

ordered as (
    select
        wp.*,
        t.depth,
        t.sort_key,
        row_number() over (
            partition by wp.council_id
            order by coalesce(pl.start_year, 0), wp.plan_id, t.sort_key, wp.priority_id
        ) as position,
        pl.title as plan_title,
        pl.start_year as plan_start_year
    from with_parent as wp
    join tree as t on t.priority_id = wp.priority_id
    join plans as pl on pl.plan_id = wp.plan_id
)

select
    o.priority_id,
    o.ref,
    o.council_id,
    co.name as council_name,
    o.plan_id,
    o.plan_title,
    o.plan_start_year,
    o.rank,
    o.title,
    o.timeframe,
    o.theme,
    o.common_theme,
    o.source,
    o.source_line,
    o.parent_id,
    o.depth,
    o.position,
    coalesce(o.rank, o.position)::integer as plan_rank,
    o.rank is not null as ranked_by_plan,
    c.actions_stated,
    c.actions_same_theme,
    c.indicators_stated,
    c.indicators_same_theme,
    m.priority_id is not null as measured
from ordered as o
join councils as co on co.council_id = o.council_id
join counts as c on c.priority_id = o.priority_id
left join measured as m on m.priority_id = o.priority_id
where $theme::varchar is null or o.common_theme = $theme
order by o.council_id, coalesce(o.plan_start_year, 0), o.plan_id, o.sort_key, o.priority_id
