-- Synthetic councils "Synthetic council 001", ... in groups of ten: a county, six districts whose
-- parent is that county, then three unitaries, so every two-tier view has families to show.
-- Parameters: getvariable('councils').
-- Returns: council_id, name, tier, parent_council_id (the contract's councils columns)
with numbered as (
    select range + 1 as n from range(getvariable('councils'))
)
select
    printf('synthetic-%03d', n.n) as council_id,
    printf('Synthetic council %03d', n.n) as name,
    case
        when (n.n - 1) % 10 = 0 then 'county'
        when (n.n - 1) % 10 <= 6 then 'district'
        else 'unitary'
    end as tier,
    case
        when (n.n - 1) % 10 between 1 and 6 then printf('synthetic-%03d', n.n - (n.n - 1) % 10)
    end as parent_council_id,
    n.n
from numbered as n
order by council_id
