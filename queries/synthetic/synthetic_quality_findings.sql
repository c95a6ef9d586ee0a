-- Synthetic data-quality findings: one for every twentieth indicator of each council.
-- Parameters: getvariable('categories'), getvariable('severities').
-- Returns: the contract's quality_findings columns
select
    printf('%s-F%03d', i.council_id, i.n) as finding_id,
    i.council_id,
    i.plan_id,
    i.indicator_id,
    getvariable('categories')[1 + i.n % len(getvariable('categories'))] as category,
    getvariable('severities')[1 + i.n % len(getvariable('severities'))] as severity,
    printf('Synthetic finding about %s.', i.title) as message,
    i.source
from indicators as i
where i.n % 20 = 7
order by finding_id
