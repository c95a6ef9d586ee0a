-- Indicators with at least one annual figure, for the trend picker.
-- Parameters: $councils (list of council_id), $theme (common theme or NULL), $search (text, may be '').
-- Returns: indicator_id, council_id, council_name, code, ref, title, unit, polarity, common_theme, years
with annual as (
    select indicator_id, count(distinct year_start) as years
    from indicator_values
    where quarter is null and value is not null
    group by indicator_id
)
select
    i.indicator_id,
    i.council_id,
    c.name as council_name,
    i.code,
    i.ref,
    i.title,
    i.unit,
    i.polarity,
    i.common_theme,
    a.years
from indicators as i
join annual as a on a.indicator_id = i.indicator_id
join councils as c on c.council_id = i.council_id
where list_contains($councils, i.council_id)
  and ($theme::varchar is null or i.common_theme = $theme)
  and (
      $search = ''
      or i.title ilike '%' || $search || '%'
      or coalesce(i.code, '') ilike '%' || $search || '%'
      or coalesce(i.ref, '') ilike '%' || $search || '%'
  )
order by i.code nulls last, c.name, i.title
