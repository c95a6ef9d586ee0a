-- The source documents a user can open on the Sources page.
-- Parameters: none.
-- Returns: source_file, plan_id, council_name, title, period_label
select
    p.source_file,
    p.plan_id,
    c.name as council_name,
    p.title,
    p.period_label
from plans as p
join councils as c on c.council_id = p.council_id
order by c.name, p.start_year, p.source_file
