-- Synthetic quartile summaries: shares of indicators in each band, adding up to 100 each year.
-- Parameters: getvariable('first_year'), getvariable('years').
-- Returns: the contract's quartile_summary columns
with years as (
    select c.council_id, getvariable('first_year') + y.range as year_start
    from councils as c
    cross join range(getvariable('years')) as y
),
shares as (
    select council_id, year_start,
           round(15 + 30 * rnd(council_id || ':top:' || year_start), 0) as top,
           round(30 + 20 * rnd(council_id || ':mid:' || year_start), 0) as middle
    from years
),
bands as (
    select council_id, year_start, 'Top quartile' as band, top as share from shares
    union all
    select council_id, year_start, 'Middle two quartiles', middle from shares
    union all
    select council_id, year_start, 'Bottom quartile', 100 - top - middle from shares
)
select
    b.council_id,
    b.council_id || '-plan' as plan_id,
    b.band,
    printf('%d/%02d', b.year_start, (b.year_start + 1) % 100) as period,
    b.year_start::bigint as year_start,
    b.share::double as share_percent,
    printf('%d%%', b.share::bigint) as value_text,
    b.council_id || '_synthetic-plan.txt:' || (30000 + b.year_start) as source
from bands as b
order by plan_id, band, year_start
