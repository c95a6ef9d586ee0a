-- The councils and financial years the quarterly cycle can report or record: every year in which a
-- council has a target for some indicator (a quarterly profile, or an annual target that the
-- quarters are judged against: quarter_targets in setup_quarter_targets.sql).
-- Parameters: none.
-- Returns: council_id, year_start
select distinct council_id, year_start
from quarter_targets(null)
order by council_id, year_start
