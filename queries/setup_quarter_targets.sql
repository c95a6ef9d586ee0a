-- Setup: the target each quarter is judged against, for every indicator with a target that year.
-- A printed (or registered) Q1-Q4 profile is used as it stands. A year with only an annual target
-- gets each quarter's target from it by the rule of perfdash/plans/register/quarters.py (the two
-- are held to each other by tests/queries/test_quarter_targets.py), stated in docs/REGISTER.md:
-- cumulative profiles n/4 of the annual target, year to date; counts, money and weights a quarter
-- of it; rates, percentages, levels, durations and Yes/No the annual target itself.
-- Parameters: none.
-- Returns: nothing (creates macros quarter_share_target, quarter_share_basis, target_figure and
--          the table macro quarter_targets)

-- Units whose quarterly figures add up to the year's.
create or replace macro is_additive_unit(unit) as unit in ('count', 'gbp', 'gbp_000', 'tonnes', 'kg');

create or replace macro quarter_share_target(annual, quarter, profile, unit) as
    case
        when unit = 'yes_no' then annual
        when profile = 'cumulative' then annual * quarter / 4
        when is_additive_unit(unit) then annual / 4
        else annual
    end;

create or replace macro quarter_share_basis(quarter, profile, unit) as
    case
        when unit = 'yes_no' then 'the annual target itself (a Yes/No target has no share)'
        when profile = 'cumulative' then 'year to date: ' || quarter || '/4 of the annual target'
        when is_additive_unit(unit) then 'a quarter of the annual target'
        else 'the annual target itself'
    end;

-- A target as a number: Yes/No targets are printed as words, and Yes counts as 1 and No as 0, as
-- outturns are recorded.
create or replace macro target_figure(value, value_text) as
    coalesce(value, case lower(trim(value_text)) when 'yes' then 1.0 when 'no' then 0.0 end);

-- Every quarter's target for a council's indicators (NULL council: every council).
-- Returns: indicator_id, council_id, year_start, quarter, target, target_text, target_source,
--          target_basis ('profile' for a printed or registered quarter, else the rule in words)
create or replace macro quarter_targets(for_council) as table
    with profiled as (
        select v.indicator_id, v.council_id, v.year_start, v.quarter,
               target_figure(v.value, v.value_text) as target, v.value_text as target_text,
               v.source as target_source, 'profile' as target_basis
        from indicator_values as v
        where (for_council is null or v.council_id = for_council)
          and v.kind = 'target' and v.quarter is not null
    ),
    annual_only as (
        select v.indicator_id, v.council_id, v.year_start, target_figure(v.value, v.value_text) as annual,
               v.value_text, v.source, i.profile, i.unit
        from indicator_values as v
        join indicators as i on i.indicator_id = v.indicator_id
        where (for_council is null or v.council_id = for_council)
          and v.kind = 'target' and v.quarter is null
          and not exists (
              select 1 from profiled as p
              where p.indicator_id = v.indicator_id and p.year_start = v.year_start)
    )
    select * from profiled
    union all
    select a.indicator_id, a.council_id, a.year_start, q.quarter,
           quarter_share_target(a.annual, q.quarter, a.profile, a.unit) as target,
           a.value_text as target_text, a.source as target_source,
           quarter_share_basis(q.quarter, a.profile, a.unit) as target_basis
    from annual_only as a
    cross join (values (1), (2), (3), (4)) as q(quarter);
