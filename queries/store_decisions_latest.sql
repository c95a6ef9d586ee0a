-- Store read: the latest version of each decision (later versions win), oldest decision first.
-- Parameters: $council (council_id or NULL for all), $year (year_start or NULL), $quarter (1-4 or NULL),
--             $decision (decision_id or NULL for all).
-- Returns: decision_id, council_id, indicator_id, year_start, quarter, decision_text, owner, due_date,
--          status, recorded_by, recorded_at, first_recorded_by, first_recorded_at, version_id,
--          versions (how many versions the decision has had)
with chosen as (
    select d.*
    from decisions as d
    where ($council::varchar is null or d.council_id = $council::varchar)
      and ($year::integer is null or d.year_start = $year::integer)
      and ($quarter::integer is null or d.quarter = $quarter::integer)
      and ($decision::varchar is null or d.decision_id = $decision::varchar)
),

ranked as (
    select
        c.*,
        row_number() over (partition by c.decision_id order by c.version_id desc) as newest,
        count(*) over (partition by c.decision_id) as versions,
        min(c.version_id) over (partition by c.decision_id) as first_version_id
    from chosen as c
)

select
    r.decision_id, r.council_id, r.indicator_id, r.year_start::bigint as year_start,
    r.quarter::bigint as quarter, r.decision_text, r.owner, r.due_date, r.status, r.recorded_by,
    r.recorded_at::timestamp as recorded_at, f.recorded_by as first_recorded_by,
    f.recorded_at::timestamp as first_recorded_at, r.version_id, r.versions
from ranked as r
join chosen as f on f.version_id = r.first_version_id
where r.newest = 1
order by r.council_id, r.year_start, r.quarter, r.first_version_id
