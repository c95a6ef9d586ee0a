-- Responsible officers named by the actions of the chosen councils, for the officer filter.
-- Parameters: $councils (list of council_id).
-- Returns: responsible, actions (number of actions naming that officer text)
select
    a.responsible,
    count(*) as actions
from actions as a
where list_contains($councils, a.council_id)
  and a.responsible is not null
group by a.responsible
order by a.responsible
