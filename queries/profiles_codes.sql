-- National codes that have a numeric quarterly target profile, with how many councils profile
-- them. Yes/No profiles hold answers, not numbers, so there is nothing to draw across councils.
-- Parameters: none.
-- Returns: code, title, councils
select i.code, min(i.title) as title, count(distinct i.council_id) as councils
from indicators as i
where i.code is not null
  and exists (
      select 1 from indicator_values as v
      where v.indicator_id = i.indicator_id and v.kind = 'target' and v.quarter is not null
        and v.value is not null
  )
group by i.code
order by councils desc, i.code
