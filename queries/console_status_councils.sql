-- The councils that have any indicator-quarter to judge: a quarter's target (profiled or from an
-- annual target) or a recorded outturn. The SQL console's rag_status table covers these.
-- Parameters: none.
-- Returns: council_id
select distinct council_id from quarter_targets(null)
union
select distinct council_id from recorded_actuals
order by council_id
