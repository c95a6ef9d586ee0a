-- Synthetic indicators: the first half carry a national code (BV1, BV2, ...) that most councils
-- share, the rest are local. Every fourth indicator has a quarterly target profile.
-- Parameters: getvariable('indicators'), getvariable('themes'), getvariable('units'),
--   getvariable('polarities'), getvariable('profiles'), getvariable('priorities').
-- Returns: the contract's indicators columns, plus n (the indicator's number within its council)
with numbered as (
    select
        c.council_id,
        c.n as council_n,
        i.range + 1 as n,
        case
            when i.range + 1 <= getvariable('indicators') // 2 and rnd(c.council_id || ':code:' || i.range) < 0.8
                then 'BV' || (i.range + 1)
        end as code
    from councils as c
    cross join range(getvariable('indicators')) as i
)
select
    n.council_id || ':' || coalesce(n.code, printf('SI%03d', n.n)) as indicator_id,
    n.council_id,
    n.council_id || '-plan' as plan_id,
    printf('SI%03d', n.n) as ref,
    n.code,
    case when n.code is null then printf('Synthetic local indicator %03d', n.n)
         else printf('Synthetic national indicator %s', n.code) end as title,
    printf('Synthetic service area %d', n.n % 10) as theme,
    getvariable('themes')[1 + n.n % len(getvariable('themes'))] as common_theme,
    getvariable('units')[1 + n.n % len(getvariable('units'))] as unit,
    case when n.n % 10 = 0 then 'neutral'
         when rnd('polarity:' || n.n) < 0.5 then 'higher' else 'lower' end as polarity,
    case when n.n % 4 = 0 then getvariable('profiles')[1 + (n.n // 4) % len(getvariable('profiles'))] end as profile,
    n.council_id || '_synthetic-plan.txt:' || (100 + n.n) as source,
    case when n.n % 3 <> 0 then n.council_id || ':P' || (1 + n.n % getvariable('priorities')) end as priority_id,
    n.n
from numbered as n
order by indicator_id
