-- Rows of one extract table for the Explore page, filtered and capped.
-- The table name is an identifier chosen from the data contract's allow-list (perfdash.contract.TABLES)
-- and put in place of __table__ by perfdash.queries.load_table_sql; values are bound.
-- Parameters: $councils (list of council_id), $search (text, may be ''), $limit (row cap).
-- Returns: every column of the table.
select *
from __table__ as t
where list_contains($councils, t.council_id)
  and ($search = '' or t::varchar ilike '%' || $search || '%')
order by all
limit $limit
