-- Data-quality findings for a council's indicators, to show beside their profiles.
-- Parameters: $council (council_id).
-- Returns: indicator_id, finding_id, category, severity, message, source
select q.indicator_id, q.finding_id, q.category, q.severity, q.message, q.source
from quality_findings as q
where q.council_id = $council
  and q.indicator_id is not null
order by q.indicator_id, q.finding_id
