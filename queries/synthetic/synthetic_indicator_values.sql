-- Synthetic figures: for every indicator and year an annual actual and target; for profiled
-- indicators Q1-Q4 targets and actuals shaped by the profile; one baseline the year before.
-- About 2% of actuals print "N/A" with no value, as real plans do.
-- Parameters: getvariable('first_year'), getvariable('years').
-- Returns: the contract's indicator_values columns
with slots(kind, quarter) as (
    values ('actual', null::bigint), ('target', null::bigint),
           ('target', 1), ('target', 2), ('target', 3), ('target', 4),
           ('actual', 1), ('actual', 2), ('actual', 3), ('actual', 4)
),
years as (
    select getvariable('first_year') + range as year_start, range as t from range(getvariable('years'))
),
shaped as (
    select
        i.indicator_id, i.council_id, i.source, i.unit, i.profile,
        y.year_start, s.quarter, s.kind,
        -- A level that drifts by year, plus a little noise; targets ask for a small step.
        greatest(0.0, least(100.0,
            10 + 80 * rnd(i.indicator_id)
            + (rnd(i.indicator_id || ':slope') - 0.5) * 2 * y.t
            + (rnd(i.indicator_id || ':' || y.year_start || s.kind || coalesce(s.quarter, 0)) - 0.5) * 4
            + case when s.kind = 'target' then 1 else 0 end
        )) as annual,
        rnd(i.indicator_id || ':na:' || y.year_start || coalesce(s.quarter, 0)) < 0.02 and s.kind = 'actual' as missing
    from indicators as i
    cross join years as y
    cross join slots as s
    where s.quarter is null or i.profile is not null
),
valued as (
    select
        *,
        case
            when missing then null
            when quarter is null or profile = 'snapshot' then round(annual, 1)
            when profile = 'cumulative' then round(annual * quarter / 4, 1)
            else round(annual / 4, 1)
        end as value
    from shaped
),
baselines as (
    select i.indicator_id, i.council_id, getvariable('first_year') - 1 as year_start, null::bigint as quarter,
           'baseline' as kind, round(10 + 80 * rnd(i.indicator_id), 1) as value, i.unit, i.source
    from indicators as i
)
select
    f.indicator_id,
    f.council_id,
    printf('%d/%02d', f.year_start, (f.year_start + 1) % 100) as period,
    f.year_start::bigint as year_start,
    f.quarter::bigint as quarter,
    f.kind,
    f.value::double as value,
    case when f.value is null then 'N/A'
         when f.unit = 'percent' then printf('%.1f%%', f.value)
         else printf('%.1f', f.value) end as value_text,
    f.source
from (
    select indicator_id, council_id, year_start, quarter, kind, value, unit, source from valued
    union all
    select indicator_id, council_id, year_start, quarter, kind, value, unit, source from baselines
) as f
order by f.indicator_id, f.year_start, f.quarter nulls first, f.kind
