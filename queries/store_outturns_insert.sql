-- Store write: append one batch of outturns, each row noting the latest value it replaces.
-- Runs inside the writer's transaction, which holds the store's write lock, so the next ids are
-- max + 1 ... ; rows come from the temporary table incoming_rows.
-- Parameters: $batch_id, $origin ('recorded' or 'demo'), $submitted_by, $submitted_at (timestamptz).
-- Returns: nothing
insert into submissions (
    submission_id, batch_id, indicator_id, council_id, year_start, quarter, value, value_text, comment,
    source, origin, submitted_by, submitted_at, replaced_submission_id, replaced_value, replaced_value_text
)
select
    (select coalesce(max(submission_id), 0) from submissions) + row_number() over (order by n.row_order),
    $batch_id, n.indicator_id, n.council_id, n.year_start, n.quarter, n.value, n.value_text,
    n.comment, n.source, $origin, $submitted_by, $submitted_at,
    l.submission_id, l.value, l.value_text
from incoming_rows as n
left join (
    select s.*
    from submissions as s
    join (
        select indicator_id, year_start, quarter, max(submission_id) as submission_id
        from submissions
        group by indicator_id, year_start, quarter
    ) as newest on newest.submission_id = s.submission_id
) as l
    on l.indicator_id = n.indicator_id and l.year_start = n.year_start and l.quarter = n.quarter
