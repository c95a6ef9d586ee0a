-- Store read, inside a write: how many incoming rows revise a quarter that already has an outturn.
-- Parameters: none (reads the temporary table incoming_rows).
-- Returns: one number
select count(*) from incoming_rows as n
where exists (
    select 1 from submissions as s
    where s.indicator_id = n.indicator_id and s.year_start = n.year_start and s.quarter = n.quarter)
