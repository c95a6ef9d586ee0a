-- The plans in the extracts, so curated links to a plan the extracts do not hold can be set aside.
-- Parameters: none.
-- Returns: plan_id, council_id
select
    pl.plan_id,
    pl.council_id
from plans as pl
order by pl.plan_id
