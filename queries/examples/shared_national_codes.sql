-- National indicator codes shared across councils
-- Answers: which national codes (such as BV9 or BV12) more than one council reports, so their
-- figures can be compared like for like, with each council's own title for the indicator.
-- Returns: code, councils, council_ids, titles
select
    i.code,
    count(distinct i.council_id) as councils,
    string_agg(distinct i.council_id, ', ' order by i.council_id) as council_ids,
    string_agg(distinct i.title, ' | ' order by i.title) as titles
from indicators as i
where i.code is not null
group by i.code
having count(distinct i.council_id) > 1
order by councils desc, i.code
