//! Demo indicators: the baselines of 1 January 2026 from the 2023–2025 final report (docs/programme.md),
//! with plausible 2026–2028 targets (the texts set none), marked demo; and one share reported by
//! every community (a demo figure, baseline 35 %), so the map has a status per community.

use crate::app::plan::structure::Structure;
use crate::db::{self, DbConn};
use anyhow::{anyhow, Result};
use rust_decimal::Decimal;
use shared::calendar::Date;
use shared::indicators::{
    Aggregate, Baseline, Direction, Formula, Indicator, IndicatorKind, IndicatorScope,
    IndicatorUnit, Reporters, YearTarget,
};
use shared::{IndicatorId, Text, Year};

/// (code, direction number or 0 for the programme, uk, en, unit, baseline, targets 2026–2028).
/// All are oblast-level figures, reported by the department's executor, except IND-01, counted
/// from the local programmes' register (`Reporters::LocalProgrammes`).
type Row = (
    &'static str,
    i32,
    &'static str,
    &'static str,
    IndicatorUnit,
    &'static str,
    [&'static str; 3],
);

const ROWS: [Row; 8] = [
    (
        "IND-01",
        0,
        "Громади із затвердженими місцевими програмами інформатизації",
        "Communities with an approved local informatization programme",
        IndicatorUnit::Count,
        "85",
        ["86", "86", "86"],
    ),
    (
        "IND-02",
        2,
        "Робочі місця користувачів СЕДО",
        "User seats of the document management system (SEDO)",
        IndicatorUnit::Count,
        "1390",
        ["1450", "1500", "1550"],
    ),
    (
        "IND-03",
        2,
        "Громади, підключені до регіональних електронних сервісів ЕКЦ",
        "Communities connected to the regional e-services of the EKTs",
        IndicatorUnit::Count,
        "82",
        ["84", "85", "86"],
    ),
    (
        "IND-04",
        2,
        "ЦНАП (з філіями), усього",
        "Administrative service centres (with branches), total",
        IndicatorUnit::Count,
        "90",
        ["90", "90", "90"],
    ),
    (
        "IND-05",
        2,
        "ЦНАП, підключені до ДРАЦС",
        "Service centres connected to the civil status registry (DRATsS)",
        IndicatorUnit::Count,
        "50",
        ["60", "72", "85"],
    ),
    (
        "IND-07",
        2,
        "Точки доступу з електронною чергою",
        "Access points with an electronic queue",
        IndicatorUnit::Count,
        "117",
        ["125", "135", "145"],
    ),
    (
        "IND-08",
        4,
        "Точки безоплатного Wi-Fi",
        "Free Wi-Fi access points",
        IndicatorUnit::Count,
        "2700",
        ["2800", "2900", "3000"],
    ),
    (
        "IND-09",
        0,
        "Індекс цифрової трансформації області",
        "Digital transformation index of the oblast",
        IndicatorUnit::Points,
        "52",
        ["55", "58", "60"],
    ),
];

fn dec(s: &str) -> Result<Decimal> {
    s.parse().map_err(|e| anyhow!("{s}: {e}"))
}

/// Targets for 2026, 2027 and 2028, in that order.
fn year_targets(values: &[&str; 3]) -> Result<Vec<YearTarget>> {
    values
        .iter()
        .zip(Year::all())
        .map(|(v, year)| {
            Ok(YearTarget {
                year,
                value: dec(v)?,
            })
        })
        .collect()
}

pub fn seed(conn: &mut DbConn) -> Result<()> {
    let structure = Structure::load(conn)?;
    let executor = db::orgs::find_by_slug(conn, "exec-department")?
        .ok_or_else(|| anyhow!("the department's executor is missing"))?;
    let baseline_date = Date::new(2026, 1, 1).map_err(|e| anyhow!("{e}"))?;
    let now = db::now_ms();
    let mut ids = std::collections::HashMap::new();
    let existing: std::collections::HashMap<String, i32> = db::indicators::all(conn)?
        .into_iter()
        .map(|r| (r.code, r.id))
        .collect();
    let write = |conn: &mut DbConn,
                 code: &str,
                 order: i32,
                 make: &dyn Fn(IndicatorId) -> Result<Indicator>|
     -> Result<IndicatorId> {
        if let Some(id) = existing.get(code) {
            return Ok(IndicatorId(*id));
        }
        let id = IndicatorId(db::indicators::insert(conn, code, order, true, now)?);
        let indicator = make(id)?;
        if let Some(e) = indicator.validate("indicator").into_iter().next() {
            return Err(anyhow!("demo indicator {code}: {} {}", e.field, e.code));
        }
        db::indicators::set_definition(conn, id.0, &serde_json::to_string(&indicator)?)?;
        Ok(id)
    };
    for (order, (code, direction, uk, en, unit, baseline, targets)) in ROWS.iter().enumerate() {
        let scope = if *direction == 0 {
            IndicatorScope::Programme
        } else {
            let d = structure
                .directions
                .iter()
                .find(|d| d.number == *direction)
                .ok_or_else(|| anyhow!("direction {direction}"))?;
            IndicatorScope::Direction { id: d.id }
        };
        // IND-01 is computed from the register of local programmes, never typed.
        let reporters = if *code == "IND-01" {
            Reporters::LocalProgrammes
        } else {
            Reporters::Orgs {
                ids: vec![shared::OrgId(executor.id)],
            }
        };
        let id = write(conn, code, i32::try_from(order)? * 10, &|id| {
            Ok(Indicator {
                id,
                scope,
                name: Text::new(*uk, *en),
                unit: *unit,
                kind: IndicatorKind::PointInTime,
                direction: Direction::HigherIsBetter,
                baseline: Baseline {
                    value: dec(baseline)?,
                    date: baseline_date,
                },
                targets: year_targets(targets)?,
                formula: None,
                org_targets: Vec::new(),
                status_rule: None,
                reporters: reporters.clone(),
                aggregate: Aggregate::Sum,
            })
        })?;
        ids.insert(*code, id);
    }
    // The share of service centres connected to DRATsS: computed, never typed.
    let (connected, total) = (ids["IND-05"], ids["IND-04"]);
    let direction = structure
        .directions
        .iter()
        .find(|d| d.number == 2)
        .ok_or_else(|| anyhow!("direction 2"))?
        .id;
    write(conn, "IND-06", 45, &|id| {
        Ok(Indicator {
            id,
            scope: IndicatorScope::Direction { id: direction },
            name: Text::new(
                "Частка ЦНАП, підключених до ДРАЦС",
                "Share of service centres connected to DRATsS",
            ),
            unit: IndicatorUnit::Percent,
            kind: IndicatorKind::PointInTime,
            direction: Direction::HigherIsBetter,
            baseline: Baseline {
                value: dec("55.6")?,
                date: baseline_date,
            },
            targets: year_targets(&["66.7", "80", "94.4"])?,
            formula: Some(Formula::Ratio {
                numerator: connected,
                denominator: total,
                scale: Decimal::ONE_HUNDRED,
            }),
            org_targets: Vec::new(),
            status_rule: None,
            reporters: Reporters::Computed,
            aggregate: Aggregate::Sum,
        })
    })?;
    // Reported by every community, each held to the same targets: the oblast figure is the mean.
    write(conn, "IND-10", 90, &|id| {
        Ok(Indicator {
            id,
            scope: IndicatorScope::Programme,
            name: Text::new(
                "Частка адміністративних послуг, наданих громадою в електронній формі",
                "Share of a community's administrative services provided online",
            ),
            unit: IndicatorUnit::Percent,
            kind: IndicatorKind::PointInTime,
            direction: Direction::HigherIsBetter,
            baseline: Baseline {
                value: dec("35")?,
                date: baseline_date,
            },
            targets: year_targets(&["45", "55", "65"])?,
            formula: None,
            org_targets: Vec::new(),
            status_rule: None,
            reporters: Reporters::AllCommunities,
            aggregate: Aggregate::Mean,
        })
    })?;
    Ok(())
}

/// How many demo indicators there are (the seed adds whichever are missing).
pub const DEMO_COUNT: i64 = 10;

/// IND-01 was typed by the department's executor before the register of local programmes
/// existed: a database seeded then is given the computed reporters (values reported for it
/// before stay in their reports and are no longer read). Whether it changed anything.
pub fn compute_ind01(conn: &mut DbConn) -> Result<bool> {
    let Some(row) = db::indicators::all(conn)?
        .into_iter()
        .find(|r| r.code == "IND-01")
    else {
        return Ok(false);
    };
    let mut indicator: Indicator = serde_json::from_str(&row.definition)?;
    if indicator.reporters == Reporters::LocalProgrammes {
        return Ok(false);
    }
    indicator.reporters = Reporters::LocalProgrammes;
    db::indicators::set_definition(conn, row.id, &serde_json::to_string(&indicator)?)?;
    Ok(true)
}
