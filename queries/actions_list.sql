-- Actions with their officer, outcome, resources, milestones and progress, for the Actions page.
-- Parameters: $councils (list of council_id), $theme (common theme or NULL),
--   $officers (list of responsible officer texts; an empty list means every officer),
--   $search (text, may be ''; matched case-insensitively in any text of the action).
-- Returns: action_id, council_id, council_name, plan_id, plan_title, theme, common_theme, key_priority,
--   title, responsible, outcome, resources, q1, q2, q3, q4, milestones, progress, status, source
with chosen as (
    select a.*
    from actions as a
    where list_contains($councils, a.council_id)
      and ($theme::varchar is null or a.common_theme = $theme)
      and (len($officers) = 0 or list_contains($officers, a.responsible))
)
select
    a.action_id,
    a.council_id,
    c.name as council_name,
    a.plan_id,
    p.title as plan_title,
    a.theme,
    a.common_theme,
    a.key_priority,
    a.title,
    a.responsible,
    a.outcome,
    a.resources,
    a.q1,
    a.q2,
    a.q3,
    a.q4,
    a.milestones,
    a.progress,
    a.status,
    a.source
from chosen as a
join councils as c on c.council_id = a.council_id
join plans as p on p.plan_id = a.plan_id
where $search = ''
   or concat_ws(' ', a.title, a.key_priority, a.theme, a.responsible, a.outcome, a.resources, a.q1, a.q2,
                a.q3, a.q4, a.milestones, a.progress) ilike '%' || $search || '%'
order by c.name, a.action_id
