-- The actions and indicators that serve priorities, one row per (priority, item) link, stated links
-- first, each with the words that say why it is linked and the line it is printed on.
-- "stated": the extract prints the item under the priority (its priority_id), or a curated section
-- names the priority; "same theme": the item only shares the priority's council and common theme.
-- Counted per priority by priorities_table.sql (tests check the two agree).
-- Parameters: $councils (list of council_id, or NULL for every council), $priority_id (one
--             priority, or NULL for every priority of the councils), and the curated links as
--             parallel lists, one entry per (link, priority): $link_index, $link_priority_ids,
--             $link_plan_ids, $link_first_lines, $link_last_lines, $link_evidence
--             (perfdash.priorities.link_params).
-- Returns: priority_id, kind ('action' or 'indicator'), item_id, link ('stated' or 'same theme'),
--          evidence, code, title, unit, polarity, status, source, source_line
with chosen_priorities as (
    select p.priority_id, p.council_id, p.plan_id, p."order", source_line(p.source) as priority_line,
           p.common_theme
    from priorities as p
    where ($councils::varchar[] is null or list_contains($councils, p.council_id))
      and ($priority_id::varchar is null or p.priority_id = $priority_id)
),

items as not materialized (
    select * from plan_items()
),

curated as (
    select * from curated_links($link_index, $link_priority_ids, $link_plan_ids, $link_first_lines,
                                $link_last_lines, $link_evidence)
),

-- The extract's own link wins over a curated one; among curated links the first in the file wins.
stated as (
    select s.*
    from (
        select i.priority_id, i.kind, i.item_id, -1 as link_index,
               'the plan prints it with this priority (' || i.source || ')' as evidence,
               i.code, i.title, i.unit, i.polarity, i.status, i.source, i.source_line
        from items as i
        semi join chosen_priorities as p on p.priority_id = i.priority_id
        union all
        select c.priority_id, i.kind, i.item_id, c.link_index, c.evidence,
               i.code, i.title, i.unit, i.polarity, i.status, i.source, i.source_line
        from curated as c
        join items as i on i.plan_id = c.plan_id and i.source_line between c.first_line and c.last_line
        semi join chosen_priorities as p on p.priority_id = c.priority_id
    ) as s
    qualify row_number() over (partition by s.priority_id, s.kind, s.item_id order by s.link_index) = 1
),

same_theme as (
    select p.priority_id, i.kind, i.item_id, 'shares the common theme “' || p.common_theme || '”' as evidence,
           i.code, i.title, i.unit, i.polarity, i.status, i.source, i.source_line
    from chosen_priorities as p
    join items as i on i.council_id = p.council_id and i.common_theme = p.common_theme
    anti join stated as s on s.priority_id = p.priority_id and s.kind = i.kind and s.item_id = i.item_id
),

links as (
    select 'stated' as link, 0 as link_order, * exclude (link_index) from stated
    union all by name
    select 'same theme' as link, 1 as link_order, * from same_theme
)

select
    priority_id,
    kind,
    item_id,
    link,
    evidence,
    code,
    title,
    unit,
    polarity,
    status,
    source,
    source_line
from links
join chosen_priorities as chosen using (priority_id)
-- the plan's order of its priorities, not their ids as text ("1.10" would come before "1.2")
order by chosen.council_id, chosen.plan_id, chosen."order" nulls last, chosen.priority_line, priority_id, kind,
         link_order, source_line, item_id
