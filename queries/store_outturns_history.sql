-- Store read: every submission for a council (or all councils), newest first, with the value
-- each one replaced.
-- Parameters: $council (council_id or NULL for all), $year (year_start or NULL), $quarter (1-4 or NULL).
-- Returns: submission_id, batch_id, indicator_id, council_id, year_start, quarter, value, value_text,
--          comment, source, origin, submitted_by, submitted_at, replaced_value, replaced_value_text
select
    submission_id, batch_id, indicator_id, council_id, year_start, quarter, value, value_text,
    comment, source, origin, submitted_by, submitted_at::timestamp as submitted_at,
    replaced_value, replaced_value_text
from submissions
where ($council::varchar is null or council_id = $council)
  and ($year::integer is null or year_start = $year)
  and ($quarter::integer is null or quarter = $quarter)
order by submission_id desc
