-- For the national codes shared by most of the chosen councils: how many of the councils'
-- indicators have a latest annual actual better than, the same as or worse than their own next
-- annual target, read with each indicator's polarity. This is what the Compare page draws when too
-- many councils are chosen to draw one by one. The codes, actuals and targets are those of
-- compare_shared_indicators.sql (the macro shared_code_figures), and the words those of the macro
-- better_or_worse (perfdash.polarity.better_or_worse; tests/queries/test_macros.py holds them equal).
-- Parameters: $councils (list of council_id),
--             $top_codes (integer: how many codes, those shared by most councils, then by code).
-- One row per code and unit: a code printed in two units is counted apart in each, never summed.
-- Returns: code, title, unit, polarity (of the first council by name), councils_sharing,
--          shared_codes (codes shared in all), indicators, better, same, worse, not_comparable
with verdicts as (
    select
        f.code, f.indicator_id, f.title, f.unit, f.polarity, f.councils_sharing, f.shared_codes, f.code_rank,
        c.name as council_name,
        better_or_worse(f.actual.value, f.target.value, f.polarity) as against_target
    from shared_code_figures($councils, $top_codes) as f
    join councils as c on c.council_id = f.council_id
)
select
    code,
    min_by(title, (council_name, indicator_id)) as title,
    unit,
    min_by(polarity, (council_name, indicator_id)) as polarity,
    any_value(councils_sharing) as councils_sharing,
    any_value(shared_codes) as shared_codes,
    count(*) as indicators,
    count(*) filter (where against_target = 'better') as better,
    count(*) filter (where against_target = 'same') as same,
    count(*) filter (where against_target = 'worse') as worse,
    count(*) filter (where against_target = 'not_comparable') as not_comparable
from verdicts
group by code, unit
order by any_value(code_rank), unit
