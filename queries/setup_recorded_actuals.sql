-- Setup: recorded_actuals as a table copied from the actuals store's latest outturns (the frame
-- store_latest_rows), so the store's file is never held open by the dashboard.
-- Parameters: none.
-- Returns: nothing (creates table recorded_actuals with the columns of setup_recorded_actuals_empty)
create or replace table recorded_actuals as
select
    indicator_id::varchar as indicator_id,
    council_id::varchar as council_id,
    year_start::bigint as year_start,
    quarter::bigint as quarter,
    value::double as value,
    value_text::varchar as value_text,
    source::varchar as source,
    origin::varchar as origin,
    comment::varchar as comment,
    submitted_by::varchar as submitted_by,
    submitted_at::timestamp as submitted_at
from store_latest_rows
