-- One financial year of status_council_quarters.sql for all of a council's indicators: what a page
-- about one year judges, without reading and judging every other year (a twentieth of the rows at
-- national scale). The same rows as status_council_quarters.sql's for that year, in the same order.
-- Parameters: $council (council_id), $year (year_start).
-- Returns: the columns of status_council_quarters.sql
select * exclude (source_order)
from council_quarters($council, null)
where year_start = $year
order by source_order, indicator_id, year_start, quarter
