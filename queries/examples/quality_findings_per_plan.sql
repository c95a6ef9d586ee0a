-- Quality findings per plan
-- Answers: for each plan, how many inconsistencies or unreadable figures were found in the document
-- itself, by category and severity, so the least reliable plans stand out.
-- Returns: council, plan, category, severity, findings, example_message
select
    c.name as council,
    p.title as plan,
    f.category,
    f.severity,
    count(*) as findings,
    min(f.message) as example_message
from quality_findings as f
inner join plans as p on p.plan_id = f.plan_id
inner join councils as c on c.council_id = f.council_id
group by c.name, p.title, f.category, f.severity
order by c.name, p.title, findings desc, f.category
