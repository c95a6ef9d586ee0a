-- National codes printed by more than one of the chosen councils, for overlaying trends. Each
-- code lists at most $per_code indicators (councils in id order), with the full count beside it.
-- Parameters: $councils (list of council_id), $per_code (most indicator_ids listed per code).
-- Returns: code, councils, indicator_ids, title
select
    i.code,
    count(distinct i.council_id) as councils,
    list(i.indicator_id order by i.council_id)[1:$per_code] as indicator_ids,
    min(i.title) as title
from indicators as i
where i.code is not null
  and list_contains($councils, i.council_id)
  and exists (select 1 from indicator_values as v where v.indicator_id = i.indicator_id and v.value is not null)
group by i.code
having count(distinct i.council_id) > 1
order by i.code
