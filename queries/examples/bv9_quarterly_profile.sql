-- Quarterly profile of BV9 (council tax collected)
-- Answers: the quarter-by-quarter targets and actuals each council printed for BV9, the percentage
-- of council tax collected, beside the annual figures (quarter is empty for an annual figure).
-- Returns: council_id, plan_id, period, quarter, kind, value, value_text, profile
select
    i.council_id, i.plan_id, v.period, v.quarter, v.kind, v.value, v.value_text, i.profile
from indicators as i
inner join indicator_values as v on v.indicator_id = i.indicator_id
where i.code = 'BV9'
order by i.council_id, v.year_start, v.quarter nulls last, v.kind
