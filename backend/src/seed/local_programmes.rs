//! Demo local informatization programmes: invented, deterministic records for 85 of the 86
//! communities, marked demo (the real councils' decisions are not in our sources).
//!
//! The smallest community by population (Ляшківська сільська громада) has none, as one community
//! had none on 1 January 2026. The others were adopted by their councils in 2021–2025 with
//! decisions numbered like "№ 1234-45/VIII"; most terms run to 2028 or 2029, so 85 are in force in
//! 2026 (the baseline of IND-01), and every 31st runs to 2026 only (a new one is due after it).
//! Envelopes are modest local-budget amounts scaled by population, with oblast co-funding for
//! every fourth community; each programme aligns to two or three of the regional tasks.

use crate::app::plan::structure::Structure;
use crate::db::{self, DbConn};
use anyhow::{anyhow, Result};
use shared::api::local_programmes::LocalProgrammeStatus;
use shared::{Date, FundingSource};

/// "Підгородненська міська громада" → ("Підгородненської міської", "Підгородненської міської ради").
fn genitive(name: &str) -> String {
    name.split_whitespace()
        .take(2)
        .map(|w| match w.strip_suffix('а') {
            Some(stem) => format!("{stem}ої"),
            None => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn seed(conn: &mut DbConn, now: i64) -> Result<usize> {
    let structure = Structure::load(conn)?;
    let tasks: Vec<i32> = structure.tasks.iter().map(|t| t.id.0).collect();
    if tasks.is_empty() {
        return Err(anyhow!("the programme has no tasks"));
    }
    let mut communities: Vec<db::orgs::OrgRow> = db::orgs::all(conn)?
        .into_iter()
        .filter(|o| o.kind == "community")
        .collect();
    communities.sort_by_key(|o| o.sort_order);
    let without = communities
        .iter()
        .min_by_key(|o| (o.population.unwrap_or(0), o.slug.clone()))
        .map(|o| o.id)
        .ok_or_else(|| anyhow!("no communities"))?;
    let mut written = 0;
    for (i, c) in communities.iter().enumerate() {
        if c.id == without {
            continue;
        }
        let n = i32::try_from(i)?;
        let (first, last, status) = if i % 31 == 11 {
            (2022, 2026, LocalProgrammeStatus::Approved)
        } else {
            (2024 + n % 3, 2028 + n % 2, LocalProgrammeStatus::Approved)
        };
        // Adopted the year before the term starts, in the autumn or winter session.
        let month = u8::try_from(9 + i % 4)?;
        let day = u8::try_from(1 + (i * 7) % 28)?;
        let date = Date::new(first - 1, month, day).map_err(|e| anyhow!("{e:?}"))?;
        let title = format!(
            "Програма інформатизації {} територіальної громади на {first}–{last} роки",
            genitive(&c.name_uk)
        );
        let council = genitive(&c.name_uk);
        let decision = format!(
            "рішення {council} ради № {}-{}/VIII",
            1000 + (i * 53) % 900,
            20 + i % 40
        );
        let fields = db::local_programmes::Fields {
            org_id: c.id,
            title,
            decision,
            decision_date: Some(date.to_string()),
            first_year: first,
            last_year: last,
            status: status.as_str().to_string(),
            is_demo: true,
            updated_at: now,
            updated_by: None,
        };
        let population = c.population.unwrap_or(5_000);
        let mut funds = Vec::new();
        for year in first.max(2026)..=last.min(2028) {
            let k = i64::from(year - 2026);
            // whole hundreds of hryvnias: 150 thousand + 4 per thousand residents, +5 % a year
            let local = (150_000 + population * 4) * (20 + k) / 20 / 100 * 100
                + i64::try_from((i * 37) % 50)? * 100;
            funds.push(db::local_programmes::FundRow {
                org_id: c.id,
                year,
                source: FundingSource::Local.as_str().to_string(),
                amount_uah: local,
            });
            if i % 4 == 0 {
                funds.push(db::local_programmes::FundRow {
                    org_id: c.id,
                    year,
                    source: FundingSource::Oblast.as_str().to_string(),
                    amount_uah: local / 2 / 100 * 100,
                });
            }
        }
        let mut aligned: Vec<i32> = [i, i + 2, i + 4]
            .iter()
            .take(2 + i % 2)
            .map(|k| tasks[k % tasks.len()])
            .collect();
        aligned.sort_unstable();
        aligned.dedup();
        let aligned: Vec<_> = aligned
            .into_iter()
            .map(|task_id| db::local_programmes::TaskRow {
                org_id: c.id,
                task_id,
            })
            .collect();
        if !db::local_programmes::save(conn, &fields, 0, &funds, &aligned)? {
            return Err(anyhow!("{}: a local programme is already recorded", c.slug));
        }
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    #[test]
    fn council_names_take_the_genitive() {
        assert_eq!(
            super::genitive("Підгородненська міська громада"),
            "Підгородненської міської"
        );
        assert_eq!(
            super::genitive("Китайгородська сільська громада"),
            "Китайгородської сільської"
        );
    }
}
