-- Data-quality findings with the document line each is about, for the Sources page.
-- Parameters: $plans (list of plan_id; empty means every plan), $severities (list; empty means all),
--   $categories (list; empty means all).
-- Returns: finding_id, plan_id, plan_title, council_name, indicator_id, category, severity, message,
--   source, source_file, line
select
    g.finding_id,
    g.plan_id,
    p.title as plan_title,
    c.name as council_name,
    g.indicator_id,
    g.category,
    g.severity,
    g.message,
    g.source,
    source_file(g.source) as source_file,
    source_line(g.source) as line
from quality_findings as g
join plans as p on p.plan_id = g.plan_id
join councils as c on c.council_id = g.council_id
where (len($plans) = 0 or list_contains($plans, g.plan_id))
  and (len($severities) = 0 or list_contains($severities, g.severity))
  and (len($categories) = 0 or list_contains($categories, g.category))
order by g.plan_id, line, g.finding_id
