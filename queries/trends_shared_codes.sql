-- National codes printed by more than one council, for overlaying trends.
-- Parameters: none.
-- Returns: code, councils, indicator_ids, title
select
    i.code,
    count(distinct i.council_id) as councils,
    list(i.indicator_id order by i.council_id) as indicator_ids,
    min(i.title) as title
from indicators as i
where i.code is not null
  and exists (select 1 from indicator_values as v where v.indicator_id = i.indicator_id and v.value is not null)
group by i.code
having count(distinct i.council_id) > 1
order by i.code
