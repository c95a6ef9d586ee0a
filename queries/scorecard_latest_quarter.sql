-- The newest quarter with a recorded outturn, and its council: what the Scorecard opens on when
-- the link names no council, year or quarter. No rows when nothing is recorded.
-- Parameters: $councils (list of council_id the quarter picker offers).
-- Returns: council_id, year_start, quarter, outturns
select
    r.council_id,
    r.year_start,
    r.quarter,
    count(*) as outturns
from recorded_actuals as r
where list_contains($councils, r.council_id)
group by r.council_id, r.year_start, r.quarter
order by r.year_start desc, r.quarter desc, outturns desc, r.council_id
limit 1
