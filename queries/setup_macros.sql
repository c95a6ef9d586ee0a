-- Setup: the logic several query files share, defined once as DuckDB macros over the extract views,
-- created when the dashboard's database is opened (perfdash.db.database.open_database).
-- Where a macro mirrors a Python rule, tests/queries/test_macros.py holds the two to the same cases.
-- Parameters: none.
-- Returns: nothing (creates the scalar macros source_line, source_file, is_close, better_or_worse,
--          ambition_percent, indicator_matches and the table macros numbered_priorities,
--          plan_items, curated_links, theme_items, shared_code_figures, target_ambition)

-- The line of a "<source file>:<line>" citation (NULL when it names none).
create or replace macro source_line(source) as try_cast(split_part(source, ':', -1) as integer);

-- The source file of a "<source file>:<line>" citation.
create or replace macro source_file(source) as regexp_extract(source, '^(.*):[0-9]+$', 1);

-- Two figures are the same when they differ by at most one part in a billion (or 1e-9 near zero):
-- Python's math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), which perfdash.polarity uses.
create or replace macro is_close(a, b) as
    not isnan(a) and not isnan(b)
    and (a = b or (not isinf(a) and not isinf(b)
                   and abs(a - b) <= greatest(1e-9 * greatest(abs(a), abs(b)), 1e-9)));

-- A figure against a benchmark, read with the indicator's polarity: 'better', 'same', 'worse' or
-- 'not_comparable', as perfdash.polarity.better_or_worse says "Better", "Same", "Worse".
create or replace macro better_or_worse(figure, benchmark, polarity) as
    case
        when figure is null or benchmark is null or isnan(figure) or isnan(benchmark)
             or polarity is null or polarity not in ('higher', 'lower') then 'not_comparable'
        when is_close(figure, benchmark) then 'same'
        when (figure > benchmark) = (polarity = 'higher') then 'better'
        else 'worse'
    end;

-- How far a target moves from its starting point, in percent, positive when it asks for
-- improvement; NULL without a polarity or from a zero start (perfdash.polarity.ambition_percent).
create or replace macro ambition_percent(start, target, polarity) as
    case
        when start is null or target is null or isnan(start) or isnan(target) or start = 0
             or polarity is null or polarity not in ('higher', 'lower') then null
        when polarity = 'higher' then (target - start) / abs(start) * 100
        else -((target - start) / abs(start) * 100)
    end;

-- The picker's search: an indicator matches an empty search, or one found in its title, code or ref.
create or replace macro indicator_matches(search, title, code, ref) as
    search = ''
    or title ilike '%' || search || '%'
    or coalesce(code, '') ilike '%' || search || '%'
    or coalesce(ref, '') ilike '%' || search || '%';

-- Every priority with its ref within the plan ("2.7") and the line it is printed on.
create or replace macro numbered_priorities() as table
    select
        p.*,
        split_part(p.priority_id, ':', 2) as ref,
        source_line(p.source) as source_line
    from priorities as p;

-- The actions and indicators of every plan, one row each, with what the priorities pages show of them.
create or replace macro plan_items() as table
    select 'action' as kind, a.action_id as item_id, a.council_id, a.plan_id, a.priority_id, a.common_theme,
           null::varchar as code, a.title, null::varchar as unit, null::varchar as polarity, a.status,
           a.source, source_line(a.source) as source_line
    from actions as a
    union all
    select 'indicator' as kind, i.indicator_id as item_id, i.council_id, i.plan_id, i.priority_id,
           i.common_theme, i.code, i.title, i.unit, i.polarity, null::varchar as status,
           i.source, source_line(i.source) as source_line
    from indicators as i;

-- The curated links as rows, one per (link, priority), from the parallel lists a query is given
-- (perfdash.views.priorities.link_params).
create or replace macro curated_links(link_index, priority_ids, plan_ids, first_lines, last_lines, evidence) as table
    select
        unnest(link_index::integer[]) as link_index,
        unnest(priority_ids::varchar[]) as priority_id,
        unnest(plan_ids::varchar[]) as plan_id,
        unnest(first_lines::integer[]) as first_line,
        unnest(last_lines::integer[]) as last_line,
        unnest(evidence::varchar[]) as evidence;

-- Every priority, indicator and action with its council and common theme, for counts by theme.
create or replace macro theme_items() as table
    select council_id, common_theme, 'priority' as item, title from priorities
    union all
    select council_id, common_theme, 'indicator' as item, title from indicators
    union all
    select council_id, common_theme, 'action' as item, title from actions;

-- The indicators of chosen_councils with a national code that more than one of them prints, for the
-- top_codes codes shared by most councils (then by code; NULL for every shared code), each with its
-- latest annual actual and the next annual target after it, as {year_start, period, value, text,
-- source} (NULL when there is none).
-- Returns: code, council_id, indicator_id, title, unit, polarity, councils_sharing, shared_codes,
--          code_rank, actual, target
create or replace macro shared_code_figures(chosen_councils, top_codes) as table
    with coded as (
        select i.indicator_id, i.council_id, i.code, i.title, i.unit, i.polarity
        from indicators as i
        where i.code is not null and list_contains(chosen_councils, i.council_id)
    ),
    shared as (
        select
            code,
            count(distinct council_id) as councils_sharing,
            row_number() over (order by count(distinct council_id) desc, code) as code_rank,
            count(*) over () as shared_codes
        from coded
        group by code
        having count(distinct council_id) > 1
    ),
    chosen as (
        select i.*, s.councils_sharing, s.shared_codes, s.code_rank
        from coded as i
        join shared as s on s.code = i.code
        where top_codes::integer is null or s.code_rank <= top_codes
    ),
    -- Only the chosen indicators' annual figures are read (the council filter lets the scan skip
    -- other councils' row groups), and max_by/min_by pick one row per indicator without sorting
    -- the millions of figures a window would.
    annual as (
        select v.indicator_id, v.kind, v.year_start, v.period, v.value, v.value_text, v.source
        from indicator_values as v
        where v.kind in ('actual', 'target') and v.quarter is null and v.value is not null
          and list_contains(chosen_councils, v.council_id)
          and v.indicator_id in (select indicator_id from chosen)
    ),
    latest_actual as (
        select
            indicator_id,
            max_by({'year_start': year_start, 'period': period, 'value': value, 'text': value_text,
                    'source': source}, year_start) as figure
        from annual
        where kind = 'actual'
        group by indicator_id
    ),
    next_target as (
        select
            t.indicator_id,
            min_by({'year_start': t.year_start, 'period': t.period, 'value': t.value, 'text': t.value_text,
                    'source': t.source}, t.year_start) as figure
        from annual as t
        left join latest_actual as a on a.indicator_id = t.indicator_id
        where t.kind = 'target' and (a.figure is null or t.year_start > a.figure.year_start)
        group by t.indicator_id
    )
    select
        i.code, i.council_id, i.indicator_id, i.title, i.unit, i.polarity, i.councils_sharing, i.shared_codes,
        i.code_rank, a.figure as actual, t.figure as target
    from chosen as i
    left join latest_actual as a on a.indicator_id = i.indicator_id
    left join next_target as t on t.indicator_id = i.indicator_id;

-- How far each chosen indicator's first annual target moves from its starting point: the latest
-- earlier actual, or the printed baseline when there is no actual (an actual wins over a baseline
-- of the same year). Reads narrow columns only; a query reads the printed text of the rows it keeps.
-- Returns: indicator_id, council_id, code, title, unit, polarity, common_theme, start_kind,
--          start_year, start_value, target_year, target_value, ambition_percent
create or replace macro target_ambition(chosen_councils, chosen_theme) as table
    with chosen as (
        select i.indicator_id, i.council_id, i.code, i.title, i.unit, i.polarity, i.common_theme
        from indicators as i
        where list_contains(chosen_councils, i.council_id)
          and (chosen_theme::varchar is null or i.common_theme = chosen_theme)
    ),
    -- Read twice (targets, then starting points): "not materialized" has each read filter the scan
    -- for its own rows instead of holding every annual figure in memory in between.
    annual as not materialized (
        select v.indicator_id, v.kind, v.year_start, v.value
        from indicator_values as v
        where v.kind in ('target', 'actual', 'baseline') and v.quarter is null and v.value is not null
          and list_contains(chosen_councils, v.council_id)
          and v.indicator_id in (select indicator_id from chosen)
    ),
    targets as (
        select indicator_id, min(year_start) as year_start, min_by(value, year_start) as value
        from annual
        where kind = 'target'
        group by indicator_id
    ),
    starts as (
        select
            v.indicator_id,
            max_by({'kind': v.kind, 'year_start': v.year_start, 'value': v.value},
                   (v.year_start, v.kind = 'actual')) as figure
        from annual as v
        join targets as t on t.indicator_id = v.indicator_id
        where v.kind in ('actual', 'baseline') and v.year_start < t.year_start
        group by v.indicator_id
    )
    select
        i.*,
        s.figure.kind as start_kind, s.figure.year_start as start_year, s.figure.value as start_value,
        t.year_start as target_year, t.value as target_value,
        ambition_percent(s.figure.value, t.value, i.polarity) as ambition_percent
    from chosen as i
    join targets as t on t.indicator_id = i.indicator_id
    join starts as s on s.indicator_id = i.indicator_id;
