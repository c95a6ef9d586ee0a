-- One synthetic plan per council covering every year of the dataset.
-- Parameters: getvariable('first_year'), getvariable('years').
-- Returns: the contract's plans columns
select
    c.council_id || '-plan' as plan_id,
    c.council_id,
    'Synthetic performance plan of ' || c.name as title,
    'synthetic' as plan_type,
    printf('%d-%d', getvariable('first_year'), getvariable('first_year') + getvariable('years')) as period_label,
    getvariable('first_year')::bigint as start_year,
    (getvariable('first_year') + getvariable('years'))::bigint as end_year,
    c.council_id || '_synthetic-plan.txt' as source_file,
    'synthetic: no original document' as original_file
from councils as c
order by plan_id
