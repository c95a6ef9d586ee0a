-- Financial years with a quarterly target profile, per council: the choices of the page's year
-- picker. Only the pairs: counting indicators per year here cost a distinct count over every
-- council's quarterly targets at national scale, and no page showed it.
-- Parameters: $councils (list of council_id).
-- Returns: council_id, year_start
select distinct v.council_id, v.year_start
from indicator_values as v
where v.quarter is not null
  and v.kind = 'target'
  and list_contains($councils, v.council_id)
order by v.council_id, v.year_start
