-- Store read: every version of the decisions, newest first, with the version each replaced.
-- Parameters: $council (council_id or NULL for all), $year (year_start or NULL), $quarter (1-4 or NULL),
--             $decision (decision_id or NULL for all).
-- Returns: version_id, decision_id, council_id, indicator_id, year_start, quarter, decision_text, owner,
--          due_date, status, recorded_by, recorded_at, replaced_version_id, replaced_text,
--          replaced_owner, replaced_due_date, replaced_status
select
    v.version_id, v.decision_id, v.council_id, v.indicator_id, v.year_start::bigint as year_start,
    v.quarter::bigint as quarter, v.decision_text, v.owner, v.due_date, v.status, v.recorded_by,
    v.recorded_at::timestamp as recorded_at, v.replaced_version_id, r.decision_text as replaced_text,
    r.owner as replaced_owner, r.due_date as replaced_due_date, r.status as replaced_status
from decisions as v
left join decisions as r on r.version_id = v.replaced_version_id
where ($council::varchar is null or v.council_id = $council::varchar)
  and ($year::integer is null or v.year_start = $year::integer)
  and ($quarter::integer is null or v.quarter = $quarter::integer)
  and ($decision::varchar is null or v.decision_id = $decision::varchar)
order by v.version_id desc
