-- Each council's indicators by common theme
-- Answers: how many indicators each council's plans set under each cross-council theme, and how many
-- of them carry a national (BV) code, so coverage can be compared across councils.
-- Returns: common_theme, council, indicators, with_national_code
select
    i.common_theme,
    c.name as council,
    count(*) as indicators,
    count(*) filter (where i.code like 'BV%') as with_national_code
from indicators as i
inner join councils as c on c.council_id = i.council_id
group by i.common_theme, c.name
order by i.common_theme, c.name
