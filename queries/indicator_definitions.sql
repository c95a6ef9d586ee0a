-- What each chosen indicator's panel says about it besides its figures: code, title, unit,
-- polarity and where it is defined (its plan and line). perfdash.views.definitions adds the
-- national definition of its code from the dictionary.
-- Parameters: $indicator_ids (list of indicator_id).
-- Returns: indicator_id, council_name, code, ref, title, unit, polarity, source, plan_title
select
    i.indicator_id,
    c.name as council_name,
    i.code,
    i.ref,
    i.title,
    i.unit,
    i.polarity,
    i.source,
    p.title as plan_title
from indicators as i
join councils as c on c.council_id = i.council_id
join plans as p on p.plan_id = i.plan_id
where list_contains($indicator_ids, i.indicator_id)
order by c.name, i.code nulls last, i.title, i.indicator_id
