-- Setup: an empty recorded_actuals view, used until an actuals store is attached, so queries
-- that overlay recorded quarterly outturns run the same with or without one.
-- Parameters: none.
-- Returns: nothing (creates view recorded_actuals(indicator_id, council_id, year_start, quarter,
--          value, value_text, source, origin, comment, submitted_by, submitted_at))
create or replace view recorded_actuals as
select
    null::varchar as indicator_id,
    null::varchar as council_id,
    null::bigint as year_start,
    null::bigint as quarter,
    null::double as value,
    null::varchar as value_text,
    null::varchar as source,
    null::varchar as origin,
    null::varchar as comment,
    null::varchar as submitted_by,
    null::timestamp as submitted_at
where false
