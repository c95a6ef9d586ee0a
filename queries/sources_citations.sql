-- Every extract row that cites a line of one source document, to highlight the lines used and
-- to list the rows behind a chosen line.
-- Parameters: $file (source file name, e.g. 'nw-leicestershire_council-delivery-plan_2007-10.txt').
-- Returns: line, extract, row_id, label, figure, unit, polarity, source
--   (figure, unit and polarity are set for indicator figures; unit for finance lines)
with cited as (
    select 'Indicator' as extract, i.indicator_id as row_id,
           coalesce(i.code || ' · ', '') || i.title as label,
           null as figure, i.unit, i.polarity, i.source
    from indicators as i
    union all
    select 'Indicator figure', v.indicator_id,
           coalesce(i.code || ' · ', '') || i.title || ' — ' || v.kind || ' ' || v.period
               || coalesce(' Q' || v.quarter, ''),
           v.value_text, i.unit, i.polarity, v.source
    from indicator_values as v
    left join indicators as i on i.indicator_id = v.indicator_id
    union all
    select 'Priority', r.priority_id, r.title, null, null, null, r.source
    from priorities as r
    union all
    select 'Action', a.action_id, a.title, null, null, null, a.source
    from actions as a
    union all
    select 'Finance', f.table_name || ' · ' || f.line_item,
           f.line_item || ' — ' || f.kind || ' ' || f.year_start, f.value_text, 'gbp_000', null, f.source
    from finance as f
    union all
    select 'Quartile summary', q.band || ' ' || q.period, q.band || ' — ' || q.period, q.value_text, 'percent',
           null, q.source
    from quartile_summary as q
    union all
    select 'Data-quality finding', g.finding_id, g.category || ': ' || g.message, null, null, null, g.source
    from quality_findings as g
)
select
    source_line(c.source) as line,
    c.extract,
    c.row_id,
    c.label,
    c.figure,
    c.unit,
    c.polarity,
    c.source
from cited as c
where starts_with(c.source, $file || ':')
order by line, c.extract, c.row_id, c.label
