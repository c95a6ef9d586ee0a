-- The source documents behind the dashboard.
-- Parameters: none.
-- Returns: plan_id, council_id, council_name, title, plan_type, period_label, source_file, original_file
select
    p.plan_id,
    p.council_id,
    c.name as council_name,
    p.title,
    p.plan_type,
    p.period_label,
    p.source_file,
    p.original_file
from plans as p
join councils as c on c.council_id = p.council_id
order by c.name, p.start_year
