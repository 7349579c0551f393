//! Demo reporting history, marked by the demo flag of what it reports on: the 2026 budget decision's approved amounts, and quarterly reports up to today in every state.
//!
//! Deterministic (a hash of organisation and quarter picks each report's fate), so every demo
//! start and every test sees the same oblast: most reports approved (a few late), some waiting for
//! the district or the department, some drafts and some missing. The demo coordinators' own
//! latest due report is left for them to write. The department's executor reports the oblast's
//! indicators on their path, with the civil-registry connections lagging and Wi-Fi at risk, so
//! the dashboard has something to say.

use crate::app::plan::snapshot::Snapshot;
use crate::app::reports::{self as r, IndicatorDef};
use crate::db::{self, DbConn};
use anyhow::{anyhow, Result};
use rust_decimal::Decimal;
use shared::api::orgs::OrgKind;
use shared::api::reports::{ExecutionStatus, ReportStage};
use shared::calendar::{submission_due, Date, ReportPeriod};
use shared::{FundingSource, OrgId, Quarter, Year};

/// A small deterministic hash (SplitMix64) of a few numbers.
fn mix(parts: &[i64]) -> u64 {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for &p in parts {
        x ^= u64::from_ne_bytes(p.to_ne_bytes());
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x = z ^ (z >> 31);
    }
    x
}

/// A share in [lo, hi] per mille, picked by the hash.
fn share(h: u64, lo: i64, hi: i64) -> Decimal {
    let span = u64::try_from(hi - lo + 1).unwrap_or(1);
    Decimal::new(lo + i64::try_from(h % span).unwrap_or(0), 3)
}

/// 10:00 Kyiv time (08:00 UTC in winter, close enough for a record) on a date, in ms.
fn at(date: Date) -> i64 {
    date.days_since_epoch() * 86_400_000 + 8 * 3_600_000
}

const DEMO_ORGS: [&str; 4] = [
    "UA12020210000032285",
    "UA12020190000075117",
    "UA12060010000090992",
    "UA12120070000057518",
];

/// The value an indicator's demo reporter gives for a quarter.
fn demo_value(def: &IndicatorDef, org: OrgId, q: Quarter) -> Option<Decimal> {
    let ind = &def.indicator;
    let expected = ind.expected(q)?.value;
    let value = match def.code.as_str() {
        // Civil-registry connections lag: 2 of the 10 planned in 2026 by Q3.
        "IND-05" => ind.baseline.value + Decimal::from(i32::from(q.quarter) * 2 / 3),
        // Wi-Fi points: a little behind the path.
        "IND-08" => ind.baseline.value + (expected - ind.baseline.value) * Decimal::new(85, 2),
        "IND-10" => {
            // Each community starts somewhere between 15 and 60 % and gains a few points a quarter.
            let h = mix(&[i64::from(org.0), 10]);
            let base = Decimal::from(15 + i64::try_from(h % 46).unwrap_or(0));
            let pace = Decimal::from(1 + i64::try_from((h >> 8) % 5).unwrap_or(0));
            (base + pace * Decimal::from(q.quarter)).min(Decimal::ONE_HUNDRED)
        }
        _ => expected,
    };
    Some(ind.unit.round(value))
}

/// Seeds approved amounts for 2026 and the reports of every quarter due before `today`;
/// returns how many reports it wrote.
pub fn seed(
    conn: &mut DbConn,
    snapshot: &Snapshot,
    defs: &[IndicatorDef],
    today: Date,
) -> Result<usize> {
    let structure = snapshot.structure.clone();
    let year = Year::FIRST;
    let now = db::now_ms();
    // The 2026 budget decision: 85–100 % of what was planned, per cell.
    for m in snapshot
        .measures
        .iter()
        .filter(|m| m.status == shared::api::measures::MeasureStatus::Approved)
    {
        let rows: Vec<db::budget::ApprovedRow> = m
            .grid
            .cells()
            .iter()
            .filter(|c| c.year == year)
            .map(|c| {
                let f = share(mix(&[i64::from(m.id.0), 2026]), 850, 1000);
                db::budget::ApprovedRow {
                    measure_id: m.id.0,
                    year: c.year.get(),
                    source: c.source.as_str().to_string(),
                    amount_uah: (Decimal::from(c.amount.to_uah()) * f)
                        .round()
                        .try_into()
                        .unwrap_or(0),
                }
            })
            .collect();
        if !rows.is_empty() {
            db::budget::replace(conn, m.id.0, 0, &rows, None, now)?;
        }
    }
    let names = |conn: &mut DbConn, org: Option<OrgId>| -> Result<Option<String>> {
        let Some(org) = org else { return Ok(None) };
        Ok(db::users::all(conn)?
            .into_iter()
            .find(|u| u.org_id == Some(org.0))
            .map(|u| u.display_name))
    };
    let department = "Олена Савченко";
    let quarters: Vec<Quarter> = (1..=4)
        .filter_map(|n| Quarter::new(year, n).ok())
        .filter(|q| submission_due(ReportPeriod::Quarter(*q)) < today)
        .collect();
    let latest = quarters.last().copied();
    let mut written = 0;
    for org_id in r::reporting_orgs(&structure, snapshot, defs, year) {
        let Some(org) = structure.org(org_id) else {
            continue;
        };
        let demo_login = org
            .code
            .as_ref()
            .is_some_and(|c| DEMO_ORGS.contains(&c.as_str()));
        let author = names(conn, Some(org_id))?.unwrap_or_else(|| department.to_string());
        let district = names(conn, org.parent.filter(|_| org.kind == OrgKind::Community))?;
        // Spent so far in the year per measure and source, to explain going above the limit.
        let mut so_far: std::collections::HashMap<(i32, FundingSource), i64> =
            std::collections::HashMap::new();
        for &q in &quarters {
            if demo_login && Some(q) == latest {
                continue;
            }
            let period = ReportPeriod::Quarter(q);
            let h = mix(&[i64::from(org_id.0), i64::from(q.quarter)]);
            let fate = h % 100;
            // The oblast executor's reports are always approved: they carry the indicators.
            let fate = if org.kind == OrgKind::Executor {
                99
            } else {
                fate
            };
            if fate < 6 {
                continue;
            }
            let due = submission_due(period);
            let late = fate % 7 == 0;
            let offset = i64::try_from(h % 5).unwrap_or(0);
            let submitted = if late {
                due.add_days(1 + offset * 2)
            } else {
                due.add_days(-offset)
            }
            .filter(|d| *d < today);
            let stage = match fate {
                0..=11 => ReportStage::Draft,
                12..=15 if org.kind == OrgKind::Community => ReportStage::Submitted,
                12..=19 => ReportStage::Endorsed,
                _ => ReportStage::Approved,
            };
            let submitted = if stage == ReportStage::Draft {
                None
            } else {
                submitted
            };
            let approved = (stage == ReportStage::Approved)
                .then(|| submitted.and_then(|s| s.add_days(3 + offset)))
                .flatten()
                .filter(|d| *d < today);
            let stage = match (stage, approved, submitted) {
                (ReportStage::Approved, None, _) => ReportStage::Endorsed,
                (_, _, None) => ReportStage::Draft,
                (s, _, _) => s,
            };
            let row = db::reports::insert(conn, org_id.0, &period.to_string(), None, now)
                .map_err(|e| anyhow!("report {}: {e}", period))?;
            let on = |d: Option<Date>| d.map(|d| d.to_string());
            db::reports::advance(
                conn,
                row.id,
                row.version,
                None,
                now,
                &db::reports::Advance {
                    stage: stage.as_str(),
                    first_submitted_on: on(submitted).as_deref(),
                    submitted_on: Some(on(submitted).as_deref()),
                    approved_on: Some(on(approved).as_deref()),
                },
            )?;
            let mut steps: Vec<(&str, &str, Date)> = Vec::new();
            if let Some(s) = submitted {
                steps.push(("submit", &author, s));
                if stage != ReportStage::Submitted {
                    if let Some(d) = district.as_deref() {
                        steps.push(("endorse", d, s.add_days(1).unwrap_or(s)));
                    }
                }
            }
            if let Some(a) = approved {
                steps.push(("approve", department, a));
            }
            for (action, by, date) in steps {
                db::reports::insert_step(
                    conn,
                    &db::reports::NewStep {
                        report_id: row.id,
                        action,
                        by_user: None,
                        by_name: by,
                        reason: None,
                        at: at(date),
                    },
                )?;
            }
            let mut measures = Vec::new();
            let mut spending = Vec::new();
            for m in r::measures_for(snapshot, org_id, year) {
                let hm = mix(&[i64::from(m.id.0), i64::from(q.quarter)]);
                let status = match (hm % 100, q.quarter) {
                    (0..=7, _) => ExecutionStatus::AtRisk,
                    (8..=30, 1) => ExecutionStatus::NotStarted,
                    (80..=99, 3) => ExecutionStatus::Done,
                    _ => ExecutionStatus::InProgress,
                };
                let narrative = match status {
                    ExecutionStatus::AtRisk => "Затримка закупівлі: процедуру оголошено повторно.",
                    ExecutionStatus::NotStarted => "Готується технічне завдання.",
                    ExecutionStatus::Done => "Роботи завершено, акти підписано.",
                    _ => "Виконується відповідно до графіка.",
                };
                measures.push(db::reports::MeasureRow {
                    report_id: row.id,
                    measure_id: m.id.0,
                    status: Some(status.as_str().to_string()),
                    narrative: narrative.to_string(),
                    reasons: String::new(),
                });
                if status == ExecutionStatus::NotStarted {
                    continue;
                }
                // A quarter's spending: 15 / 25 / 25 / 35 % of the year's plan, give or take.
                let base = [150, 250, 250, 350][usize::from(q.quarter - 1)];
                let f = share(hm >> 16, 600, 1100) * Decimal::new(base, 3);
                for source in FundingSource::ALL {
                    let planned = m.grid.get(year, source);
                    if planned.is_zero() {
                        continue;
                    }
                    let uah: i64 = (Decimal::from(planned.to_uah()) * f)
                        .round()
                        .try_into()
                        .unwrap_or(0);
                    // The approved amount as the budget decision above made it.
                    let approved: i64 = (Decimal::from(planned.to_uah())
                        * share(mix(&[i64::from(m.id.0), 2026]), 850, 1000))
                    .round()
                    .try_into()
                    .unwrap_or(0);
                    let total = so_far.entry((m.id.0, source)).or_default();
                    *total += uah;
                    // Going above it is explained, as the rules require.
                    let comment = if *total > approved {
                        "Додаткові роботи за рішенням замовника; кошторис уточнюється."
                    } else {
                        ""
                    };
                    spending.push(db::reports::SpendingRow {
                        report_id: row.id,
                        measure_id: m.id.0,
                        year: year.get(),
                        source: source.as_str().to_string(),
                        amount_uah: uah,
                        comment: comment.to_string(),
                    });
                }
            }
            let values: Vec<db::reports::ValueRow> = defs
                .iter()
                .filter(|d| r::reports_indicator(&d.indicator, org))
                .filter_map(|d| {
                    Some(db::reports::ValueRow {
                        report_id: row.id,
                        indicator_id: d.indicator.id.0,
                        value: Some(demo_value(d, org_id, q)?.normalize().to_string()),
                        comment: String::new(),
                    })
                })
                .collect();
            db::reports::replace_content(conn, row.id, &measures, &spending, &values)?;
            written += 1;
        }
    }
    Ok(written)
}
