-- Indicators with the same national code in more than one of the chosen councils: each council's
-- latest annual actual and the next annual target after it, with citations, and the highest and
-- lowest latest actual of the other councils that share the code in the same unit (for "against
-- other councils"): figures in different units are never compared, and each unit of a code is
-- drawn apart (units_of_code says how many units the chosen councils print the code in).
-- The Compare page draws only the codes shared by most of the chosen councils ($top_codes); its
-- full table and the bench pass NULL for every code. Which codes, actuals and targets: the macro
-- shared_code_figures (setup_macros.sql), which compare_shared_against_target.sql counts too.
-- Parameters: $councils (list of council_id),
--             $top_codes (integer: how many codes, those shared by most councils, then by code;
--             NULL for every shared code).
-- Returns: code, council_id, council_name, indicator_id, title, unit, polarity,
--          actual_period, actual, actual_text, actual_source,
--          target_period, target, target_text, target_source,
--          others_highest, others_lowest (NULL when no other council has an actual),
--          councils_sharing (chosen councils with the code), shared_codes (codes shared in all),
--          units_of_code (units the chosen councils print the code in)
with figures as (
    select
        f.code, f.council_id, c.name as council_name, f.indicator_id, f.title, f.unit, f.polarity,
        f.actual.period as actual_period, f.actual.value as actual, f.actual.text as actual_text,
        f.actual.source as actual_source,
        f.target.period as target_period, f.target.value as target, f.target.text as target_text,
        f.target.source as target_source,
        f.councils_sharing, f.shared_codes
    from shared_code_figures($councils, $top_codes) as f
    join councils as c on c.council_id = f.council_id
)
select
    code, council_id, council_name, indicator_id, title, unit, polarity,
    actual_period, actual, actual_text, actual_source,
    target_period, target, target_text, target_source,
    -- "exclude group" leaves out every row of the same council (a council may print a code twice).
    max(actual) over others as others_highest,
    min(actual) over others as others_lowest,
    councils_sharing, shared_codes,
    count(distinct unit) over (partition by code) as units_of_code
from figures
window others as (
    partition by code, unit order by council_id
    rows between unbounded preceding and unbounded following exclude group
)
order by code, unit, council_name, indicator_id
