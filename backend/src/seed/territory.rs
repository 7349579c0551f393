//! The oblast, its 7 districts and 86 communities (KATOTTH codifier), and the oblast executors.

use crate::db::{self, DbConn};
use anyhow::{anyhow, Context, Result};
use std::collections::HashMap;

const UNITS_CSV: &str = include_str!("../../data/units.csv");

/// Oblast-level executors that can be responsible for measures: (slug, name uk, name en).
pub const EXECUTORS: [(&str, &str, &str); 7] = [
    (
        "exec-department",
        "Департамент цифрової трансформації, ІТ та електронного урядування ОДА",
        "Department of Digital Transformation, IT and E-Government of the OSA",
    ),
    (
        "exec-gikncv",
        "КП «ГІКНВЦ» ДОР (ЕКЦ, СІАЗ)",
        "Communal enterprise GIKNVC of the oblast council (data centre, SIAZ)",
    ),
    (
        "exec-oda-units",
        "Структурні підрозділи облдержадміністрації",
        "Structural units of the oblast state administration",
    ),
    (
        "exec-contact-centre",
        "Регіональний контактний центр",
        "Regional contact centre",
    ),
    (
        "exec-cyberpolice",
        "Управління кіберполіції в Дніпропетровській області",
        "Cyber police office in Dnipropetrovsk oblast",
    ),
    (
        "exec-polytechnic",
        "НТУ «Дніпровська політехніка»",
        "Dnipro University of Technology",
    ),
    (
        "exec-operators",
        "Оператори електронних комунікацій",
        "Electronic communications operators",
    ),
];

#[derive(Debug)]
pub struct Unit {
    pub level: String,
    pub code: String,
    pub name_uk: String,
    pub name_en: String,
    pub kind: Option<String>,
    pub parent_code: Option<String>,
    pub population: Option<i64>,
}

pub fn units() -> Result<Vec<Unit>> {
    let mut reader = csv::Reader::from_reader(UNITS_CSV.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let r = record.context("units.csv")?;
        let field = |i: usize| {
            r.get(i)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        out.push(Unit {
            level: field(0).ok_or_else(|| anyhow!("units.csv: level"))?,
            code: field(1).ok_or_else(|| anyhow!("units.csv: code"))?,
            name_uk: field(2).ok_or_else(|| anyhow!("units.csv: name"))?,
            name_en: field(3).unwrap_or_default(),
            kind: field(4),
            parent_code: field(5),
            population: field(6).and_then(|p| p.parse().ok()),
        });
    }
    Ok(out)
}

pub fn seed(conn: &mut DbConn) -> Result<()> {
    let mut ids: HashMap<String, i32> = HashMap::new();
    let units = units()?;
    // Parents come first in the file (oblast, districts, communities); sort to be sure.
    let rank = |level: &str| match level {
        "oblast" => 0,
        "district" => 1,
        _ => 2,
    };
    let mut ordered: Vec<&Unit> = units.iter().collect();
    ordered.sort_by_key(|u| (rank(&u.level), u.code.clone()));
    for (i, u) in ordered.iter().enumerate() {
        let parent_id = match &u.parent_code {
            Some(code) => Some(
                *ids.get(code)
                    .ok_or_else(|| anyhow!("{}: parent {code} not seen yet", u.code))?,
            ),
            None => None,
        };
        let id = db::orgs::insert(
            conn,
            &db::orgs::NewOrg {
                slug: &u.code,
                code: Some(&u.code),
                kind: &u.level,
                name_uk: &u.name_uk,
                name_en: &u.name_en,
                parent_id,
                settlement_kind: u.kind.as_deref(),
                population: u.population,
                sort_order: i32::try_from(i)? + 100,
            },
        )?;
        ids.insert(u.code.clone(), id);
    }
    let oblast = ids
        .get("UA12000000000090473")
        .copied()
        .ok_or_else(|| anyhow!("units.csv has no oblast"))?;
    for (i, (slug, uk, en)) in EXECUTORS.iter().enumerate() {
        db::orgs::insert(
            conn,
            &db::orgs::NewOrg {
                slug,
                code: None,
                kind: "executor",
                name_uk: uk,
                name_en: en,
                parent_id: Some(oblast),
                settlement_kind: None,
                population: None,
                sort_order: i32::try_from(i)? + 1,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_codifier_extract_is_complete() {
        let units = super::units().expect("parse");
        let count = |l: &str| units.iter().filter(|u| u.level == l).count();
        assert_eq!(
            (count("oblast"), count("district"), count("community")),
            (1, 7, 86)
        );
        let communities: i64 = units
            .iter()
            .filter(|u| u.level == "community")
            .filter_map(|u| u.population)
            .sum();
        assert_eq!(communities, 3_096_485);
        assert!(units
            .iter()
            .all(|u| shared::KatottgCode::parse(&u.code).is_ok()));
    }
}
