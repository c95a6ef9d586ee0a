-- compare_target_ambition.sql for only the targets the Compare page draws: those asking the
-- largest change either way, then any that cannot be measured. A first pass finds every target and
-- starting point from narrow columns (the macro target_ambition in setup_macros.sql, as
-- compare_target_ambition.sql does); only the kept rows' printed text and citations are read.
-- Parameters: $councils (list of council_id), $theme (common theme or NULL),
--             $limit (integer: how many targets to keep).
-- Returns: the columns of compare_target_ambition.sql, targets_matched (targets before $limit) and,
--          the same on every row, themes: a list of {common_theme, targets, median_ambition_percent,
--          stretch, accepts_decline} over every measured target (as
--          perfdash.views.compare.ambition_by_theme), by median ambition, highest first
with measured as (
    select *, count(*) over () as targets_matched
    from target_ambition($councils, $theme)
),
kept as (
    select *
    from measured
    order by abs(ambition_percent) desc nulls last, indicator_id
    limit $limit
),
-- Second pass: the printed text and citation of only the kept rows' two figures.
printed as (
    select v.indicator_id, v.kind, v.year_start, v.period, v.value_text, v.source
    from indicator_values as v
    where v.kind in ('target', 'actual', 'baseline') and v.quarter is null and v.value is not null
      and list_contains($councils, v.council_id)
      and v.indicator_id in (select indicator_id from kept)
),
-- The summary per theme is over every measured target, not only the kept ones; it comes with the
-- rows so the first pass is made once.
themes as (
    select list(theme order by theme.median_ambition_percent desc, theme.common_theme) as themes
    from (
        select {
            'common_theme': common_theme,
            'targets': count(*),
            'median_ambition_percent': round(median(ambition_percent), 1),
            'stretch': count(*) filter (where ambition_percent > 0),
            'accepts_decline': count(*) filter (where ambition_percent < 0)
        } as theme
        from measured
        where ambition_percent is not null
        group by common_theme
    )
)
select
    k.indicator_id, k.council_id, c.name as council_name, k.code, k.title, k.unit, k.polarity, k.common_theme,
    k.start_kind, s.period as start_period, k.start_value, s.value_text as start_text, s.source as start_source,
    t.period as target_period, k.target_value, t.value_text as target_text, t.source as target_source,
    k.ambition_percent, k.targets_matched, themes.themes
from kept as k
cross join themes
join councils as c on c.council_id = k.council_id
join printed as s on s.indicator_id = k.indicator_id and s.kind = k.start_kind and s.year_start = k.start_year
join printed as t on t.indicator_id = k.indicator_id and t.kind = 'target' and t.year_start = k.target_year
order by k.common_theme, council_name, k.code nulls last, k.title, k.indicator_id
