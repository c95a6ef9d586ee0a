-- Per curated link: how many actions and indicators its plan has, and how many stand inside its
-- section, so a rebuilt extract that moves the lines cannot leave a link silently empty.
-- Parameters: the curated links as parallel lists, one entry per (link, priority): $link_index,
--             $link_priority_ids, $link_plan_ids, $link_first_lines, $link_last_lines, $link_evidence
--             (see perfdash.priorities.link_params).
-- Returns: link_index, plan_id, first_line, last_line, plan_items, section_items
with items as (
    select i.plan_id, i.source_line
    from plan_items() as i
),

curated as (
    select * from curated_links($link_index, $link_priority_ids, $link_plan_ids, $link_first_lines,
                                $link_last_lines, $link_evidence)
),

sections as (
    select distinct c.link_index, c.plan_id, c.first_line, c.last_line
    from curated as c
)

select
    s.link_index,
    s.plan_id,
    s.first_line,
    s.last_line,
    count(i.plan_id) as plan_items,
    count(i.plan_id) filter (where i.source_line between s.first_line and s.last_line) as section_items
from sections as s
left join items as i on i.plan_id = s.plan_id
group by all
order by s.link_index
