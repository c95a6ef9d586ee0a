-- Store write: append one batch of outturns, each row noting the latest value it replaces.
-- Runs inside the writer's transaction; rows come from the registered frame incoming_rows.
-- Parameters: $batch_id, $origin ('recorded' or 'demo'), $submitted_by, $submitted_at (timestamptz).
-- Returns: nothing
insert into submissions (
    batch_id, indicator_id, council_id, year_start, quarter, value, value_text, comment, source,
    origin, submitted_by, submitted_at, replaced_submission_id, replaced_value, replaced_value_text
)
select
    $batch_id, n.indicator_id, n.council_id, n.year_start, n.quarter, n.value, n.value_text,
    n.comment, n.source, $origin, $submitted_by, $submitted_at,
    l.submission_id, l.value, l.value_text
from incoming_rows as n
left join (
    select * from submissions
    qualify row_number() over (
        partition by indicator_id, year_start, quarter order by submission_id desc) = 1
) as l
    on l.indicator_id = n.indicator_id and l.year_start = n.year_start and l.quarter = n.quarter
order by n.row_order
