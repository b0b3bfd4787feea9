-- The Seatwise Usage Report, computed by DuckDB from the workspace's Parquet files.
--
-- Run it in the folder that holds the .parquet files, after setting the range
-- (whole UTC days, both ends included):
--
--   (echo "SET VARIABLE from_day = DATE '2025-11-01';"; echo "SET VARIABLE to_day = DATE '2026-10-31';"; cat report.sql) | duckdb
--
-- It returns the report for All Teams with no filters: one row per team ×
-- person × offering, the sixteen columns the app exports, in the app's order,
-- under the app's definitions (Seatwise's docs/report.md and docs/figures.md).
-- Each definition is one step of the WITH clause below. The files hold the
-- workspace as the app merged it: one person is one user_id across every
-- import, and usage already sits on the row of the offering it counts on
-- (a collection is one row), one event per row and day.
--
-- Spark SQL or Trino: see the notes at the end of this file.

WITH

-- The range, and its length in months of 30.4375 days (a year ÷ 12), never less than one.
-- Computed in DOUBLE, step by step as the app does, so that monthly_average rounds the same value.
report_range AS (
  SELECT
    from_day,
    to_day,
    date_diff('day', from_day, to_day) + 1 AS range_days,
    greatest(CAST(1 AS DOUBLE), CAST(date_diff('day', from_day, to_day) + 1 AS DOUBLE) / CAST(30.4375 AS DOUBLE)) AS range_months
  FROM (SELECT CAST(getvariable('from_day') AS DATE) AS from_day, CAST(getvariable('to_day') AS DATE) AS to_day)
),

-- Coverage: the newest usage day in the data, never after today (usage dated later covers nothing).
-- Nobody is counted inactive for days the data does not cover; NULL when no usage was imported.
coverage AS (
  SELECT CASE WHEN max(day) > current_date THEN current_date ELSE max(day) END AS coverage_end
  FROM 'events.parquet'
),

-- The judged period ends on the range's last day, or on the last covered day when the data stops before it.
judged AS (
  SELECT CASE WHEN coverage_end IS NULL THEN NULL WHEN coverage_end < to_day THEN coverage_end ELSE to_day END AS judged_to
  FROM report_range, coverage
),

-- days_used: distinct days in the range with at least one use of the row's offering. On a collection's row,
-- a day on which any of its products was used counts once. tokens: the tokens charged in the range.
-- The token sum is exact in DOUBLE (each event's tokens is a 32-bit float), so its order does not matter.
usage_in_range AS (
  SELECT
    e.team,
    e.user_id,
    e.product_name,
    count(DISTINCT e.day) AS days_used,
    sum(CAST(e.tokens AS DOUBLE)) AS tokens,
    max(e.access_option) AS usage_access_option
  FROM 'events.parquet' AS e, report_range AS r
  WHERE e.day BETWEEN r.from_day AND r.to_day
  GROUP BY e.team, e.user_id, e.product_name
),

-- last_accessed: the latest day of use on or before the range's end, however long before its start.
-- Use after the range is ignored, so a past range says what was known at its end.
last_use AS (
  SELECT e.team, e.user_id, e.product_name, max(e.day) AS last_accessed
  FROM 'events.parquet' AS e, report_range AS r
  WHERE e.day <= r.to_day
  GROUP BY e.team, e.user_id, e.product_name
),

-- The rows: an assignment held at some time in the range (assigned on or before its end, or on an
-- unknown day, and not unassigned before its start), or any use in the range (a usage-only row).
report_keys AS (
  SELECT a.team, a.user_id, a.product_name
  FROM 'assignments.parquet' AS a, report_range AS r
  WHERE (a.assigned_date IS NULL OR a.assigned_date <= r.to_day)
    AND (a.unassigned_date IS NULL OR a.unassigned_date >= r.from_day)
  UNION
  SELECT team, user_id, product_name FROM usage_in_range
),

-- Each row with its assignment (if any), its use, and the access option: the assignment's,
-- else what the usage said, else Subscription.
report_facts AS (
  SELECT
    k.team,
    k.user_id,
    k.product_name,
    a.team IS NOT NULL AS has_assignment,
    coalesce(a.access_option, u.usage_access_option, 'Subscription') AS access_option,
    a.group_name,
    a.assigned_date,
    a.unassigned_date,
    coalesce(u.days_used, 0) AS days_used,
    coalesce(u.tokens, 0) AS tokens,
    l.last_accessed
  FROM report_keys AS k
  LEFT JOIN 'assignments.parquet' AS a ON a.team = k.team AND a.user_id = k.user_id AND a.product_name = k.product_name
  LEFT JOIN usage_in_range AS u ON u.team = k.team AND u.user_id = k.user_id AND u.product_name = k.product_name
  LEFT JOIN last_use AS l ON l.team = k.team AND l.user_id = k.user_id AND l.product_name = k.product_name
),

-- seat_assignment: Assigned when the assignment is current at the range's end: assigned by then (or on an
-- unknown day) and not unassigned on or before it. Usage-only rows are Unassigned.
seat AS (
  SELECT
    f.*,
    CASE
      WHEN f.has_assignment
        AND (f.assigned_date IS NULL OR f.assigned_date <= r.to_day)
        AND (f.unassigned_date IS NULL OR f.unassigned_date > r.to_day)
      THEN 'Assigned'
      ELSE 'Unassigned'
    END AS seat_assignment
  FROM report_facts AS f, report_range AS r
),

-- user_activity, in this order:
--   Active: used on at least one day of the range (Flex rows too);
--   a Flex row with no use is empty: Flex is paid per day of use, so a Flex row is never Inactive;
--   a Subscription row with no use is Inactive when the assignment covered the whole judged period
--   (assigned on or before the range's start, or on an unknown day, and not unassigned before the judged
--   period's end) and the data reaches the range's start; Not yet active when assigned after the start;
--   otherwise empty (unassigned during the range, or no data for it). Usage-only rows always have use.
activity AS (
  SELECT
    s.*,
    CASE
      WHEN s.days_used > 0 THEN 'Active'
      WHEN s.access_option = 'Flex' OR NOT s.has_assignment THEN ''
      WHEN j.judged_to IS NOT NULL
        AND j.judged_to >= r.from_day
        AND (s.assigned_date IS NULL OR s.assigned_date <= r.from_day)
        AND (s.unassigned_date IS NULL OR s.unassigned_date >= j.judged_to)
      THEN 'Inactive'
      WHEN s.assigned_date > r.from_day THEN 'Not yet active'
      ELSE ''
    END AS user_activity
  FROM seat AS s, report_range AS r, judged AS j
),

-- days_inactive: days from the last use (or, never used, from the assigned date) to the end of the judged
-- period, never negative. Empty on Flex rows, when neither date is known, and when no usage was imported.
inactivity AS (
  SELECT
    a.*,
    CASE
      WHEN a.access_option = 'Flex' OR coalesce(a.last_accessed, a.assigned_date) IS NULL OR j.judged_to IS NULL THEN NULL
      WHEN date_diff('day', coalesce(a.last_accessed, a.assigned_date), j.judged_to) < 0 THEN 0
      ELSE date_diff('day', coalesce(a.last_accessed, a.assigned_date), j.judged_to)
    END AS days_inactive
  FROM activity AS a, judged AS j
)

-- The sixteen columns. monthly_average: days used per month of the range, one decimal; tokens_used: Flex
-- rows' tokens, two decimals, 0 on Subscription rows. Both scale before ROUND so that every engine rounds
-- the same binary value half up, as the app does. Names come from the person's latest import; the email
-- is the hashed id when no email is known (both are the pseudonym when the export was pseudonymised).
SELECT
  i.team,
  coalesce(p.first_name, '') AS first_name,
  coalesce(p.last_name, '') AS last_name,
  coalesce(p.email, p.hashed_id, '') AS email,
  i.product_name,
  i.access_option,
  coalesce(i.group_name, '') AS "group",
  i.assigned_date,
  i.unassigned_date,
  i.seat_assignment,
  i.user_activity,
  CAST(i.days_used AS INTEGER) AS days_used,
  round(CAST(i.days_used AS DOUBLE) / r.range_months * 10) / 10 AS monthly_average,
  i.last_accessed,
  CAST(i.days_inactive AS INTEGER) AS days_inactive,
  CASE WHEN i.access_option = 'Flex' THEN round(i.tokens * 100) / 100 ELSE CAST(0 AS DOUBLE) END AS tokens_used
FROM inactivity AS i
JOIN 'users.parquet' AS p ON p.user_id = i.user_id
CROSS JOIN report_range AS r
ORDER BY i.team, last_name, first_name, email, i.product_name;

-- Spark SQL or Trino: the definitions above use only standard SQL; what changes is how files and the range
-- are named, and a few spellings.
--   * Files: Spark reads parquet.`/path/events.parquet` (or CREATE TEMPORARY VIEW events USING parquet
--     OPTIONS (path '…')); Trino reads tables, so register each file (e.g. a Hive or Iceberg table over the
--     folder) and write events, assignments, users instead of the quoted file names.
--   * The range: Spark 3.4+ has DECLARE VARIABLE from_day DATE DEFAULT DATE '2025-11-01' and reads from_day
--     directly; Trino has no session variables, so put the two DATE literals in report_range.
--   * date_diff('day', a, b): Trino spells it the same; Spark writes datediff(b, a).
--   * Quoted names: Spark quotes with backticks (`group`), Trino with double quotes as here.
--   * current_date is the session's day in both; run in UTC (as the app's days are) to get the same coverage.
