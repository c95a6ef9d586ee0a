-- Store read: the latest outturn for each indicator and quarter (later submissions win).
-- Parameters: none.
-- Returns: indicator_id, council_id, year_start, quarter, value, value_text, source, origin,
--          comment, submitted_by, submitted_at, submission_id, revisions (how many submissions)
with ranked as (
    select
        s.*,
        row_number() over (partition by indicator_id, year_start, quarter order by submission_id desc) as newest,
        count(*) over (partition by indicator_id, year_start, quarter) as revisions
    from submissions as s
)
select
    indicator_id, council_id, year_start::bigint as year_start, quarter::bigint as quarter,
    value, value_text, source, origin, comment, submitted_by,
    submitted_at::timestamp as submitted_at, submission_id, revisions
from ranked
where newest = 1
order by council_id, indicator_id, year_start, quarter
