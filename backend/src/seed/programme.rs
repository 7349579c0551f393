//! The programme as approved: passport, funding envelope, 5 priority directions and 6 tasks.

use crate::db::{self, DbConn};
use anyhow::Result;
use shared::{Amount, FundingSource};

/// The envelope, thousand UAH, from the passport: (year, source, amount).
pub const ENVELOPE: [(i32, FundingSource, &str); 6] = [
    (2026, FundingSource::Oblast, "225760.0"),
    (2027, FundingSource::Oblast, "242260.0"),
    (2028, FundingSource::Oblast, "255740.0"),
    (2026, FundingSource::Other, "21900.0"),
    (2027, FundingSource::Other, "21900.0"),
    (2028, FundingSource::Other, "21900.0"),
];

/// A name in Ukrainian and English.
type Names = (&'static str, &'static str);

/// (number, name uk, name en, tasks)
pub const DIRECTIONS: [(i32, &str, &str, &[Names]); 5] = [
    (
        1,
        "Підвищення ефективності організації роботи у сфері цифровізації",
        "Increasing the efficiency of organising work in digitalisation",
        &[(
            "Організаційне та методичне забезпечення Програми",
            "Organisational and methodological support of the Programme",
        )],
    ),
    (
        2,
        "Розвиток електронного урядування та електронної демократії",
        "Development of e-government and e-democracy",
        &[
            (
                "Упровадження технологій е-урядування в органах виконавчої влади та місцевого самоврядування області",
                "Introduction of e-government technologies in executive bodies and local self-government of the oblast",
            ),
            (
                "Формування системи регіональних електронних інформаційних ресурсів",
                "Building the system of regional electronic information resources",
            ),
        ],
    ),
    (
        3,
        "Розбудова інфраструктури інформатизації регіону",
        "Building the region's informatization infrastructure",
        &[(
            "Розвиток електронного комунікаційного середовища в регіоні, організація захисту інформації та реалізація заходів з кібербезпеки",
            "Development of the electronic communication environment in the region, information protection and cybersecurity measures",
        )],
    ),
    (
        4,
        "Забезпечення технологічної стійкості ІТ-інфраструктури області",
        "Technological resilience of the oblast's IT infrastructure",
        &[(
            "Підтримка працездатності та забезпечення функціонування наявних систем",
            "Keeping existing systems working and operational",
        )],
    ),
    (
        5,
        "Розвиток регіональної екосистеми цифрових інновацій",
        "Development of the regional digital-innovation ecosystem",
        &[(
            "Інформатизація стратегічних напрямів розвитку регіону, безпеки та оборони",
            "Informatization of strategic directions of regional development, security and defence",
        )],
    ),
];

pub fn seed(conn: &mut DbConn) -> Result<()> {
    db::programme::insert(
        conn,
        &db::programme::ProgrammeRow {
            id: 1,
            name_uk: "Регіональна програма інформатизації «Дніпропетровщина: цифрова трансформація» на 2026–2028 роки".into(),
            name_en: "Regional programme of informatization \"Dnipropetrovsk region: digital transformation\" for 2026–2028".into(),
            region_uk: "Дніпропетровська область".into(),
            region_en: "Dnipropetrovsk oblast".into(),
            region_code: crate::app::plan::structure::OBLAST_CODE.into(),
            decision_uk: "Рішення обласної ради від 18 грудня 2025 року № 549-27/VIII".into(),
            decision_en: "Oblast council decision of 18 December 2025 No. 549-27/VIII".into(),
            developer_uk: "Департамент цифрової трансформації, ІТ та електронного урядування облдержадміністрації".into(),
            developer_en: "Department of Digital Transformation, IT and E-Government of the Oblast State Administration".into(),
            head_uk: "Заступник голови облдержадміністрації з питань цифрового розвитку (CDTO)".into(),
            head_en: "Deputy head of the oblast state administration for digital development (CDTO)".into(),
            start_year: 2026,
            end_year: 2028,
        },
    )?;
    for (year, source, amount) in ENVELOPE {
        db::programme::insert_envelope(
            conn,
            &db::programme::NewEnvelope {
                year,
                source: source.as_str(),
                amount_uah: Amount::parse(amount)?.to_uah(),
            },
        )?;
    }
    for (number, uk, en, tasks) in DIRECTIONS {
        let direction_id = db::programme::insert_direction(
            conn,
            &db::programme::NewDirection {
                number,
                name_uk: uk,
                name_en: en,
            },
        )?;
        for (i, (task_uk, task_en)) in tasks.iter().enumerate() {
            db::programme::insert_task(
                conn,
                &db::programme::NewTask {
                    direction_id,
                    number: i32::try_from(i + 1)?,
                    name_uk: task_uk,
                    name_en: task_en,
                },
            )?;
        }
    }
    Ok(())
}
