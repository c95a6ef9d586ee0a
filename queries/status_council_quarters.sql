-- Every quarter of every year with a target or an outturn, for one council's indicators: the
-- quarter's target (profiled, or from the annual target: quarter_targets in
-- setup_quarter_targets.sql) and the latest outturn (recorded in the actuals store, else printed:
-- quarter_outturns in setup_store_macros.sql), from the council_quarters macro there.
-- Parameters: $council (council_id), $indicator_ids (list of indicator_id, or NULL for all).
-- Returns: indicator_id, council_id, code, ref, title, unit, polarity, profile, common_theme,
--          indicator_source, year_start, quarter, target, target_text, target_source, target_basis,
--          actual, actual_text, actual_source, origin, comment, submitted_by, submitted_at
select * exclude (source_order)
from council_quarters($council, $indicator_ids)
order by source_order, indicator_id, year_start, quarter
