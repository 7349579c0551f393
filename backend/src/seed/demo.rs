//! Demo data, marked as demo: the oblast executors' measures carried forward from the 2023–2025
//! report, local-budget measures in a spread of communities of every district, and one account
//! per role. Loaded only in demo mode.

use crate::app::accounts::create_in;
use crate::app::runner::Tx;
use crate::db::{self, DbConn};
use anyhow::{anyhow, Result};
use shared::api::users::CreateUser;
use shared::{Amount, FundingSource, OrgId, Role};

/// The password of every demo account (printed at start and in the README).
pub const DEMO_PASSWORD: &str = "obriy-demo-2026";
pub const DEMO_CHECK_LOGIN: &str = "department";

/// (login, display name, role, org slug)
pub const ACCOUNTS: [(&str, &str, Role, Option<&str>); 9] = [
    ("department", "Олена Савченко", Role::Department, None),
    ("head", "Андрій Мельник", Role::ProgrammeHead, None),
    ("admin", "Адміністратор системи", Role::Admin, None),
    (
        "district.dnipro",
        "Ігор Бондар",
        Role::DistrictCoordinator,
        Some("UA12020000000052809"),
    ),
    (
        "district.kryvyi-rih",
        "Наталія Кравець",
        Role::DistrictCoordinator,
        Some("UA12060000000022633"),
    ),
    (
        "community.pidhorodne",
        "Оксана Шевчук",
        Role::CommunityCoordinator,
        Some("UA12020210000032285"),
    ),
    (
        "community.petrykivka",
        "Василь Ткаченко",
        Role::CommunityCoordinator,
        Some("UA12020190000075117"),
    ),
    (
        "community.apostolove",
        "Марина Поліщук",
        Role::CommunityCoordinator,
        Some("UA12060010000090992"),
    ),
    (
        "community.pavlohrad",
        "Дмитро Лисенко",
        Role::CommunityCoordinator,
        Some("UA12120070000057518"),
    ),
];

struct Plan<'a> {
    task: &'a str,
    org: &'a str,
    uk: &'a str,
    en: &'a str,
    result: &'a str,
    source: FundingSource,
    /// Thousand UAH for 2026, 2027, 2028.
    amounts: [&'a str; 3],
}

/// The oblast executors' measures: the eight executed in 2023–2025, carried forward, and a few
/// new ones so that the envelope is partly allocated.
const OBLAST_MEASURES: [Plan<'static>; 12] = [
    Plan {
        task: "1.1",
        org: "exec-department",
        uk: "Оцінювання цифрового розвитку районів, міст та територіальних громад",
        en: "Assessment of the digital development of districts, cities and communities",
        result: "Щорічний рейтинг цифрового розвитку громад",
        source: FundingSource::Oblast,
        amounts: ["75.0", "80.0", "85.0"],
    },
    Plan {
        task: "2.1",
        org: "exec-gikncv",
        uk: "Забезпечення функціонування системи електронного документообігу (СЕДО)",
        en: "Operation of the electronic document management system (SEDO)",
        result: "СЕДО у всіх громадах; 1 600 робочих місць",
        source: FundingSource::Oblast,
        amounts: ["420.0", "440.0", "460.0"],
    },
    Plan {
        task: "2.2",
        org: "exec-gikncv",
        uk: "Забезпечення функціонування інтегрованої платформи вебпорталів органів влади",
        en: "Operation of the integrated platform of government web portals",
        result: "Офіційні сайти всіх 86 громад на єдиній платформі",
        source: FundingSource::Oblast,
        amounts: ["520.0", "545.0", "570.0"],
    },
    Plan {
        task: "3.1",
        org: "exec-gikncv",
        uk: "Створення та супровід комплексних систем захисту інформації",
        en: "Creation and support of complex information protection systems",
        result: "Атестовані КСЗІ в ЕКЦ та СІАЗ",
        source: FundingSource::Oblast,
        amounts: ["2600.0", "1400.0", "1450.0"],
    },
    Plan {
        task: "4.1",
        org: "exec-gikncv",
        uk: "Безперебійне функціонування СІАЗ, ЕКЦ та наявних систем",
        en: "Uninterrupted operation of SIAZ, the data centre and existing systems",
        result: "Доступність сервісів ЕКЦ не нижче 99,5 %",
        source: FundingSource::Oblast,
        amounts: ["38500.0", "40400.0", "42400.0"],
    },
    Plan {
        task: "4.1",
        org: "exec-gikncv",
        uk: "Електронні комунікаційні послуги та захищені широкосмугові канали",
        en: "E-communication services and secure broadband channels",
        result: "Захищені канали до всіх РДА та громад",
        source: FundingSource::Oblast,
        amounts: ["1650.0", "1700.0", "1750.0"],
    },
    Plan {
        task: "4.1",
        org: "exec-gikncv",
        uk: "Обладнання, ліцензійне програмне забезпечення та комплектувальні для ЕКЦ",
        en: "Equipment, licensed software and parts for the data centre",
        result: "Оновлено серверне обладнання ЕКЦ",
        source: FundingSource::Oblast,
        amounts: ["2800.0", "3000.0", "3200.0"],
    },
    Plan {
        task: "4.1",
        org: "exec-department",
        uk: "Оновлення ліцензій програмного забезпечення",
        en: "Renewal of software licences",
        result: "Чинні ліцензії на все програмне забезпечення ОДА",
        source: FundingSource::Oblast,
        amounts: ["5400.0", "5700.0", "6000.0"],
    },
    Plan {
        task: "3.1",
        org: "exec-gikncv",
        uk: "Регіональний центр моніторингу кібербезпеки (SOC)",
        en: "Regional cybersecurity monitoring centre (SOC)",
        result: "Цілодобовий моніторинг інцидентів разом із CERT-UA",
        source: FundingSource::Oblast,
        amounts: ["24000.0", "26000.0", "27000.0"],
    },
    Plan {
        task: "2.2",
        org: "exec-oda-units",
        uk: "Розвиток СІАЗ: аналітика даних для управлінських рішень",
        en: "SIAZ development: data analytics for management decisions",
        result: "Дашборди для структурних підрозділів ОДА",
        source: FundingSource::Oblast,
        amounts: ["12000.0", "13500.0", "14000.0"],
    },
    Plan {
        task: "5.1",
        org: "exec-department",
        uk: "Цифрові рішення для безпеки та оборони регіону",
        en: "Digital solutions for the region's security and defence",
        result: "Системи оповіщення та ситуаційний центр",
        source: FundingSource::Oblast,
        amounts: ["18000.0", "20000.0", "22000.0"],
    },
    Plan {
        task: "3.1",
        org: "exec-operators",
        uk: "Розбудова широкосмугового доступу до Інтернету в громадах (кошти операторів)",
        en: "Broadband Internet in communities (operators' funds)",
        result: "PON-підключення соціальних закладів і пунктів незламності",
        source: FundingSource::Other,
        amounts: ["21900.0", "21900.0", "21900.0"],
    },
];

/// Local-budget measures a community plans: (task, uk, en, expected result, base amount).
const LOCAL_TEMPLATES: [(&str, &str, &str, &str, i64); 6] = [
    (
        "2.1",
        "Модернізація ЦНАП: електронна черга та підключення до реєстрів",
        "ASC modernisation: electronic queue and registry connections",
        "ЦНАП підключено до всіх базових реєстрів",
        180,
    ),
    (
        "2.2",
        "Оновлення офіційного вебсайту громади на єдиній платформі",
        "New official community website on the common platform",
        "Сайт відповідає стандарту доступності",
        60,
    ),
    (
        "3.1",
        "Захист інформації та кібергігієна в органах місцевого самоврядування",
        "Information protection and cyber hygiene in local government",
        "Навчено всіх працівників ради; оновлено засоби захисту",
        90,
    ),
    (
        "3.1",
        "Безкоштовний Wi-Fi у публічних просторах громади",
        "Free Wi-Fi in the community's public spaces",
        "Нові точки доступу на дашборді Wi-Fi зон",
        120,
    ),
    (
        "4.1",
        "Резервне живлення та стійкість ІТ-інфраструктури ради",
        "Backup power and resilience of the council's IT",
        "Автономна робота серверної не менше 72 годин",
        150,
    ),
    (
        "1.1",
        "Цифрова грамотність: навчання працівників і мешканців",
        "Digital literacy training for staff and residents",
        "Навчено 300 осіб за курсами «Дія. Цифрова освіта»",
        40,
    ),
];

pub fn seed(tx: &mut Tx) -> Result<()> {
    let orgs = db::orgs::all(tx.conn)?;
    let slug_id = |slug: &str| {
        orgs.iter()
            .find(|o| o.slug == slug)
            .map(|o| o.id)
            .ok_or_else(|| anyhow!("no organisation {slug}"))
    };
    for (login, name, role, org) in ACCOUNTS {
        let org_id = org.map(slug_id).transpose()?.map(OrgId);
        create_in(
            tx,
            &CreateUser {
                login: login.into(),
                display_name: name.into(),
                password: DEMO_PASSWORD.into(),
                role,
                org_id,
            },
            true,
        )
        .map_err(|e| anyhow!("demo account {login}: {e}"))?;
    }
    let conn = &mut *tx.conn;
    let tasks = task_ids(conn)?;
    let task = |code: &str| {
        tasks
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, id)| *id)
            .ok_or_else(|| anyhow!("task {code}"))
    };

    for p in &OBLAST_MEASURES {
        let amounts = p.amounts.map(|a| Amount::parse(a).map(Amount::to_uah));
        let lines: Vec<(i32, FundingSource, i64)> = (2026..=2028)
            .zip(amounts)
            .map(|(y, a)| a.map(|a| (y, p.source, a)))
            .collect::<Result<_, _>>()?;
        insert(
            conn,
            task(p.task)?,
            slug_id(p.org)?,
            p.uk,
            p.en,
            p.result,
            &lines,
        )?;
    }

    // A spread of communities in every district: the demo accounts' own, and every third one.
    let account_orgs: Vec<&str> = ACCOUNTS.iter().filter_map(|a| a.3).collect();
    let communities: Vec<&db::orgs::OrgRow> =
        orgs.iter().filter(|o| o.kind == "community").collect();
    for (i, c) in communities.iter().enumerate() {
        let chosen = account_orgs.contains(&c.slug.as_str()) || i % 3 == 0;
        if !chosen {
            continue;
        }
        let population = c.population.unwrap_or(5_000);
        // Bigger communities plan more; a deterministic spread so every view has something.
        let scale = 1 + population / 40_000;
        let how_many = 2 + (i % 3);
        for k in 0..how_many {
            let (code, uk, en, result, base) = LOCAL_TEMPLATES[(i + k * 2) % LOCAL_TEMPLATES.len()];
            let first = 2026 + i32::try_from((i + k) % 2)?;
            let mut lines = Vec::new();
            for (n, year) in (first..=2028).enumerate() {
                let n = i64::try_from(n)?;
                // whole hundreds of hryvnias: base × scale, growing 10 % a year, with a small wobble
                let uah = (base * scale * 1000) * (10 + n) / 10
                    + i64::try_from((i * 37 + k * 11) % 50)? * 100;
                lines.push((year, FundingSource::Local, uah));
            }
            insert(conn, task(code)?, c.id, uk, en, result, &lines)?;
        }
    }

    // Each district administration's own measure.
    for d in orgs.iter().filter(|o| o.kind == "district") {
        let lines = [
            (2026, FundingSource::Local, 150_000),
            (2027, FundingSource::Local, 160_000),
            (2028, FundingSource::Local, 170_000),
        ];
        insert(
            conn,
            task("1.1")?,
            d.id,
            "Методичний супровід цифрового розвитку громад району",
            "Methodological support of the district's communities in digital development",
            "Дорожні карти цифрової трансформації для всіх громад району",
            &lines,
        )?;
    }
    Ok(())
}

fn task_ids(conn: &mut DbConn) -> Result<Vec<(String, i32)>> {
    let directions = db::programme::directions(conn)?;
    Ok(db::programme::tasks(conn)?
        .into_iter()
        .filter_map(|t| {
            let d = directions.iter().find(|d| d.id == t.direction_id)?;
            Some((format!("{}.{}", d.number, t.number), t.id))
        })
        .collect())
}

fn insert(
    conn: &mut DbConn,
    task_id: i32,
    org_id: i32,
    uk: &str,
    en: &str,
    result: &str,
    lines: &[(i32, FundingSource, i64)],
) -> Result<()> {
    let now = db::now_ms();
    let start = lines.iter().map(|l| l.0).min().unwrap_or(2026);
    let end = lines.iter().map(|l| l.0).max().unwrap_or(2028);
    let id = db::measures::insert(
        conn,
        &db::measures::NewMeasure {
            fields: db::measures::MeasureFields {
                task_id,
                org_id,
                name_uk: uk,
                name_en: en,
                description: "",
                expected_result: result,
                start_year: start,
                end_year: end,
            },
            is_demo: true,
            version: 1,
            created_at: now,
            updated_at: now,
            updated_by: None,
            // The demo plan is the plan the council approved: version 1.
            status: "approved",
            approved_in: Some(1),
        },
    )?;
    let rows: Vec<db::budget_lines::NewBudgetLine> = lines
        .iter()
        .map(|(year, source, uah)| db::budget_lines::NewBudgetLine {
            measure_id: id,
            year: *year,
            source: source.as_str(),
            amount_uah: *uah,
        })
        .collect();
    db::budget_lines::replace_for_measure(conn, id, &rows)?;
    Ok(())
}
