-- The councils and financial years the quarterly cycle can report or record: every year in which a
-- council has a target for some indicator (a quarterly profile, or an annual target that the
-- quarters are judged against). These are exactly the council-years of quarter_targets(null) in
-- setup_quarter_targets.sql (tests/queries/test_quarter_targets.py holds them equal), read from the
-- target rows alone instead of working out every quarter's target first.
-- Parameters: none.
-- Returns: council_id, year_start
select distinct council_id, year_start
from indicator_values
where kind = 'target'
order by council_id, year_start
