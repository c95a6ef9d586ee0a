-- How many rows of one extract table match the Explore filters (see explore_rows.sql).
-- Parameters: $councils (list of council_id), $search (text, may be '').
-- Returns: matching (count)
select count(*) as matching
from __table__ as t
where list_contains($councils, t.council_id)
  and ($search = '' or t::varchar ilike '%' || $search || '%')
