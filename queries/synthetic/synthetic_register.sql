-- A KPI register (docs/REGISTER.md) for the synthetic dataset, to time `manage.py import-plan`:
-- one row per indicator per year for the years after the dataset's last, council by council in
-- indicator order, until $rows rows. Every row names a known indicator (same council, plan and
-- ref, unit and polarity), so the import adds that year's targets; profiled indicators get Q1-Q4
-- targets shaped by their profile. Values are labelled synthetic in the source column.
-- Parameters: $extracts (the folder of Parquet files), $rows, $next_year (the first year written).
-- Returns: the register's indicator columns, in docs/REGISTER.md's order
with indicators as (
    select i.*, row_number() over (order by i.council_id, i.ref) - 1 as position,
           count(*) over () as indicator_count
    from read_parquet($extracts || '/indicators.parquet') as i
),
extra_years as (
    select range as offset_years from range(($rows // (select count(*) from indicators)) + 1)
),
rows as (
    select i.*, y.offset_years, $next_year + y.offset_years as year_start,
           round(10 + 80 * (hash(i.indicator_id, y.offset_years) % 1000) / 1000.0, 1) as annual
    from indicators as i
    cross join extra_years as y
    order by y.offset_years, i.position
    limit $rows
)
select
    r.council_id,
    c.name as council_name,
    c.tier,
    c.parent_council_id,
    r.plan_id,
    p.title as plan_title,
    r.ref,
    r.code,
    r.title,
    r.unit,
    r.polarity,
    r.theme,
    r.profile,
    printf('%d/%02d', r.year_start, (r.year_start + 1) % 100) as "year",
    r.annual::varchar as annual_target,
    case r.profile when 'cumulative' then round(r.annual / 4, 1) when 'per_quarter' then round(r.annual / 4, 1)
                   when 'snapshot' then r.annual end::varchar as q1_target,
    case r.profile when 'cumulative' then round(r.annual / 2, 1) when 'per_quarter' then round(r.annual / 4, 1)
                   when 'snapshot' then r.annual end::varchar as q2_target,
    case r.profile when 'cumulative' then round(r.annual * 3 / 4, 1) when 'per_quarter' then round(r.annual / 4, 1)
                   when 'snapshot' then r.annual end::varchar as q3_target,
    case r.profile when 'cumulative' then r.annual when 'per_quarter' then round(r.annual / 4, 1)
                   when 'snapshot' then r.annual end::varchar as q4_target,
    null::varchar as baseline_year,
    null::varchar as baseline_value,
    'synthetic register for the bench' as "source"
from rows as r
join read_parquet($extracts || '/councils.parquet') as c on c.council_id = r.council_id
join read_parquet($extracts || '/plans.parquet') as p on p.plan_id = r.plan_id
order by r.offset_years, r.position
