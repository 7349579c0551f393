//! The annual results report (the monitoring and evaluation procedure of CMU resolution No. 119): each indicator against the year's target, then the four lines of evaluation with their ratios and the facts behind them — no invented rating.

use super::annual::{source_rows, SOURCE_COLUMNS};
use super::facts::{period_label, Facts};
use super::model::{Cell, CellKind, Column, Document, Part, Row, RowStyle, Table};
use super::present::{self, pick};
use super::quarterly::pending_part;
use crate::app::error::AppResult;
use crate::db::DbConn;
use rust_decimal::Decimal;
use shared::api::documents::DocumentKind;
use shared::api::reports::ExecutionStatus;
use shared::calendar::ReportPeriod;
use shared::execution::{percent, Execution};
use shared::indicators::IndicatorStatus;
use shared::{Amount, Lang, Quarter, TaskId, Year};
use std::collections::BTreeMap;

pub const INDICATOR_COLUMNS: [Column; 10] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Показник", "Indicator", CellKind::Text, 9),
    Column::new("Одиниця", "Unit", CellKind::Text, 2),
    Column::new("Базове значення", "Baseline", CellKind::Number, 3),
    Column::new("Ціль на рік", "Target for the year", CellKind::Number, 3),
    Column::new("Фактично", "Actual", CellKind::Number, 3),
    Column::new("Відхилення", "Deviation", CellKind::Number, 3),
    Column::new("% досягнення", "% achieved", CellKind::Percent, 3),
    Column::new("Статус", "Status", CellKind::Text, 3),
    Column::new(
        "Пояснення виконавців",
        "The executors' explanation",
        CellKind::Text,
        9,
    ),
];

pub const TASK_COLUMNS: [Column; 10] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Завдання", "Task", CellKind::Text, 10),
    Column::new("Заходів", "Measures", CellKind::Number, 2),
    Column::new("Виконано", "Done", CellKind::Number, 2),
    Column::new("Виконується", "In progress", CellKind::Number, 2),
    Column::new(
        "Під загрозою, не розпочато, скасовано",
        "At risk, not started, cancelled",
        CellKind::Number,
        3,
    ),
    Column::new(
        "Без затвердженого звіту",
        "No approved report",
        CellKind::Number,
        3,
    ),
    Column::new(
        "Затверджено, тис. грн",
        "Approved, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new("Виконано, тис. грн", "Executed, k UAH", CellKind::Amount, 4),
    Column::new("% виконання", "% executed", CellKind::Percent, 3),
];

pub const PROGRAMME_COLUMNS: [Column; 6] = [
    Column::new("Громада", "Community", CellKind::Text, 7),
    Column::new("Рішення про затвердження", "Decision", CellKind::Text, 8),
    Column::new("Строк", "Term", CellKind::Text, 3),
    Column::new("Чинна в році", "In force in the year", CellKind::Text, 3),
    Column::new(
        "Обсяг на рік, тис. грн",
        "Envelope for the year, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new(
        "Узгоджені завдання регіональної Програми",
        "Regional tasks aligned to",
        CellKind::Text,
        5,
    ),
];

pub const COUNT_COLUMNS: [Column; 3] = [
    Column::new(
        "Показник оцінювання",
        "Measure of evaluation",
        CellKind::Text,
        10,
    ),
    Column::new("Кількість", "Count", CellKind::Number, 3),
    Column::new("Частка, %", "Share, %", CellKind::Percent, 3),
];

fn count_row(label: String, n: usize, of: usize) -> Row {
    let n_dec = Decimal::from(n as u64);
    Row::new(
        RowStyle::Item,
        vec![
            Cell::Text(label),
            Cell::Number(n_dec),
            Cell::Percent(percent(
                Amount::from_uah(n as i64),
                Amount::from_uah(of as i64),
            )),
        ],
    )
}

pub fn build(conn: &mut DbConn, facts: &Facts, year: Year, lang: Lang) -> AppResult<Document> {
    let period = ReportPeriod::Annual { year };
    let state = facts.data_state(DocumentKind::Results, period)?;
    let q4 = Quarter { year, quarter: 4 };
    let dashboard = facts.dashboard(q4)?;
    let mut comments = facts.value_comments(conn, period)?;
    for (id, list) in facts.value_comments(conn, ReportPeriod::Quarter(q4))? {
        comments.entry(id).or_default().extend(list);
    }
    let baselines: BTreeMap<i32, Decimal> = facts
        .ctx
        .defs
        .iter()
        .map(|d| (d.indicator.id.0, d.indicator.baseline.value))
        .collect();
    let indicator_rows: Vec<Row> = dashboard
        .indicators
        .iter()
        .map(|t| {
            let actual = t.actual.as_ref().map(|a| a.value);
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(&t.code),
                    Cell::text(t.name.get(lang)),
                    Cell::text(t.unit.label().get(lang)),
                    Cell::opt_number(baselines.get(&t.indicator_id.0).copied()),
                    Cell::opt_number(t.target),
                    Cell::opt_number(actual),
                    Cell::opt_number(actual.zip(t.target).map(|(a, g)| a - g)),
                    Cell::Percent(t.achievement),
                    Cell::text(t.status.label().get(lang)),
                    Cell::Text(
                        comments
                            .get(&t.indicator_id)
                            .map(|c| c.join("; "))
                            .unwrap_or_default(),
                    ),
                ],
            )
        })
        .collect();

    // (a) The communities' local programmes, and their reports' timeliness and completeness.
    let register =
        crate::app::local_programmes::summary_in(conn, facts.structure(), facts.actor, year)?;
    let communities: Vec<_> = register
        .rows
        .iter()
        .filter(|r| {
            r.org.kind == shared::api::orgs::OrgKind::Community && facts.scope.covers(r.org.id)
        })
        .collect();
    let in_force = communities.iter().filter(|r| r.in_force).count();
    let s = facts.structure();
    let yes = pick(lang, "так", "yes");
    let no = pick(lang, "ні", "no");
    let programme_rows: Vec<Row> = communities
        .iter()
        .map(|r| {
            let p = r.programme.as_ref();
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(r.org.name.get(lang)),
                    Cell::Text(p.map_or_else(
                        || pick(lang, "програму не внесено", "no programme recorded"),
                        |p| match p.decision_date {
                            Some(d) => format!(
                                "{} {} {}",
                                p.decision,
                                pick(lang, "від", "of"),
                                present::date(d, lang)
                            ),
                            None => p.decision.clone(),
                        },
                    )),
                    Cell::Text(
                        p.map(|p| format!("{}–{}", p.first_year, p.last_year))
                            .unwrap_or_default(),
                    ),
                    Cell::Text(if r.in_force { yes.clone() } else { no.clone() }),
                    Cell::Amount(r.year_total),
                    Cell::Text(
                        p.map(|p| {
                            p.tasks
                                .iter()
                                .filter_map(|t| s.task(*t).map(|t| t.code.to_string()))
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                    ),
                ],
            )
        })
        .collect();
    // The communities' reports: timeliness so far (as the dashboard counts it), completeness of
    // the year's reports.
    let community_rows: Vec<_> = dashboard
        .map
        .iter()
        .filter(|r| facts.scope.covers(shared::OrgId(r.id)))
        .collect();
    let c_on_time: u32 = community_rows.iter().map(|r| r.compliance.on_time).sum();
    let c_late: u32 = community_rows.iter().map(|r| r.compliance.late).sum();
    let c_missing: u32 = community_rows.iter().map(|r| r.compliance.missing).sum();
    let c_due = c_on_time + c_late + c_missing;
    let is_community = |p: &&shared::api::documents::PendingReport| {
        p.org.kind == shared::api::orgs::OrgKind::Community
    };
    let c_unapproved = state.unapproved.iter().filter(is_community).count();
    let c_absent = state.missing.iter().filter(is_community).count();

    // Timeliness and completeness of all the reports of the year.
    let year_periods: Vec<_> = dashboard
        .compliance
        .iter()
        .filter(|c| c.period.year() == year)
        .collect();
    let due: u32 = year_periods
        .iter()
        .map(|c| c.counts.on_time + c.counts.late + c.counts.missing)
        .sum();
    let on_time: u32 = year_periods.iter().map(|c| c.counts.on_time).sum();
    let late: u32 = year_periods.iter().map(|c| c.counts.late).sum();
    let missing: u32 = year_periods.iter().map(|c| c.counts.missing).sum();
    let timeliness = vec![
        count_row(
            pick(
                lang,
                "Звітів, строк подання яких настав",
                "Reports due so far",
            ),
            due as usize,
            due as usize,
        ),
        count_row(
            pick(lang, "Подано вчасно", "Submitted on time"),
            on_time as usize,
            due as usize,
        ),
        count_row(
            pick(lang, "Подано із запізненням", "Submitted late"),
            late as usize,
            due as usize,
        ),
        count_row(
            pick(lang, "Не подано", "Not submitted"),
            missing as usize,
            due as usize,
        ),
        count_row(
            pick(
                lang,
                "Затверджено департаментом (з усіх потрібних документу)",
                "Approved by the department (of all the document needs)",
            ),
            state.approved as usize,
            state.expected as usize,
        ),
    ];

    // (c) Effectiveness of tasks and measures.
    let texts = facts.texts(conn, period)?;
    let measures = facts.measures(&[year]);
    let mut by_task: BTreeMap<(i32, String), (TaskId, [usize; 5], Execution)> = BTreeMap::new();
    for m in &measures {
        let Some(task) = s.task(m.task_id) else {
            continue;
        };
        let dir = s.direction(task.direction_id).map_or(0, |d| d.number);
        let entry = by_task.entry((dir, task.code.to_string())).or_insert((
            task.id,
            [0; 5],
            Execution::default(),
        ));
        entry.1[0] += 1;
        let status = texts
            .get(&m.id)
            .and_then(|t| t.status)
            .or_else(|| facts.board.measure_status(m.id));
        match status {
            Some(ExecutionStatus::Done) => entry.1[1] += 1,
            Some(ExecutionStatus::InProgress) => entry.1[2] += 1,
            Some(_) => entry.1[3] += 1,
            None => entry.1[4] += 1,
        }
        entry.2 += facts.year_execution(m, year);
    }
    let mut total_counts = [0usize; 5];
    let mut total_exec = Execution::default();
    let mut task_rows: Vec<Row> = by_task
        .into_iter()
        .map(|((_, code), (task, counts, e))| {
            for (t, c) in total_counts.iter_mut().zip(counts) {
                *t += c;
            }
            total_exec += e;
            task_row(
                RowStyle::Item,
                code,
                s.task(task)
                    .map(|t| t.name.get(lang).to_string())
                    .unwrap_or_default(),
                counts,
                &e,
            )
        })
        .collect();
    task_rows.push(task_row(
        RowStyle::Total,
        String::new(),
        pick(lang, "Усього", "Total"),
        total_counts,
        &total_exec,
    ));

    // (d) Achievement of the indicator targets.
    let tiles = &dashboard.indicators;
    let with_target = tiles
        .iter()
        .filter(|t| t.status != IndicatorStatus::NoTarget)
        .count();
    let achievement: Vec<Row> = IndicatorStatus::ALL
        .into_iter()
        .filter(|s| *s != IndicatorStatus::NoTarget)
        .map(|status| {
            count_row(
                status.label().get(lang).to_string(),
                tiles.iter().filter(|t| t.status == status).count(),
                with_target,
            )
        })
        .collect();

    let label = period_label(period).get(lang).to_string();
    let exec = total_exec;
    let ratio = |p: Option<Decimal>| p.map_or("—".to_string(), |p| present::percent(p, lang));
    let parts = vec![
        Part {
            title: pick(lang, "1. Досягнення показників виконання Програми", "1. Performance indicators"),
            sheet: pick(lang, "Показники", "Indicators"),
            paragraphs: vec![pick(
                lang,
                "Фактичне значення — за затвердженими звітами виконавців на кінець року; відхилення — фактичне мінус ціль; статус — за правилами показника (як на панелі керівника).",
                "Actual: by the executors' approved reports at the year's end; deviation: actual minus target; status: by the indicator's rule (as on the head's dashboard).",
            )],
            table: Some(Table { columns: &INDICATOR_COLUMNS, rows: indicator_rows }),
        },
        Part {
            title: pick(
                lang,
                "2. Оцінювання (а): стан реалізації проєктів інформатизації громад — місцеві програми, своєчасність і повнота звітування",
                "2. Evaluation (a): community informatization projects — local programmes, timeliness and completeness of reporting",
            ),
            sheet: pick(lang, "Оцінка а", "Evaluation a"),
            paragraphs: vec![
                match lang {
                    Lang::Uk => format!(
                        "Громади із затвердженою місцевою програмою інформатизації, чинною в {year} році: {in_force} з {} ({}).",
                        communities.len(),
                        ratio(percent(Amount::from_uah(in_force as i64), Amount::from_uah(communities.len() as i64)))
                    ),
                    Lang::En => format!(
                        "Communities with an approved local informatization programme in force in {year}: {in_force} of {} ({}).",
                        communities.len(),
                        ratio(percent(Amount::from_uah(in_force as i64), Amount::from_uah(communities.len() as i64)))
                    ),
                },
                match lang {
                    Lang::Uk => format!(
                        "Звіти громад на дату формування: строк настав — {c_due}, подано вчасно — {c_on_time}, із запізненням — {c_late}, не подано — {c_missing}; за {label} не затверджено — {c_unapproved}, не подано — {c_absent}."
                    ),
                    Lang::En => format!(
                        "The communities' reports as of today: due {c_due}, on time {c_on_time}, late {c_late}, not submitted {c_missing}; for {label} not approved {c_unapproved}, not submitted {c_absent}."
                    ),
                },
            ],
            table: Some(Table { columns: &PROGRAMME_COLUMNS, rows: programme_rows }),
        },
        Part {
            title: pick(
                lang,
                "2.1. Своєчасність і повнота звітування виконавців",
                "2.1. Timeliness and completeness of the executors' reports",
            ),
            sheet: pick(lang, "Звітування", "Reporting timeliness"),
            paragraphs: vec![match lang {
                Lang::Uk => format!(
                    "Звітів за {label}, строк подання яких настав: {due}; подано вчасно — {on_time}, із запізненням — {late}, не подано — {missing}."
                ),
                Lang::En => format!(
                    "Reports for {label} due so far: {due}; on time {on_time}, late {late}, not submitted {missing}."
                ),
            }],
            table: Some(Table { columns: &COUNT_COLUMNS, rows: timeliness }),
        },
        Part {
            title: pick(
                lang,
                "3. Оцінювання (б): заплановані й фактичні обсяги та джерела фінансування",
                "3. Evaluation (b): planned and actual funding by source",
            ),
            sheet: pick(lang, "Оцінка б", "Evaluation b"),
            paragraphs: vec![match lang {
                Lang::Uk => format!(
                    "Затверджено від запланованого — {}; виконано від затвердженого — {}.",
                    ratio(exec.approved_percent()),
                    ratio(exec.executed_percent())
                ),
                Lang::En => format!(
                    "Approved of planned: {}; executed of approved: {}.",
                    ratio(exec.approved_percent()),
                    ratio(exec.executed_percent())
                ),
            }],
            table: Some(Table { columns: &SOURCE_COLUMNS, rows: source_rows(facts, &[year], lang) }),
        },
        Part {
            title: pick(
                lang,
                "4. Оцінювання (в): результативність завдань і заходів",
                "4. Evaluation (c): effectiveness of the tasks and measures",
            ),
            sheet: pick(lang, "Оцінка в", "Evaluation c"),
            paragraphs: vec![pick(
                lang,
                "Стан заходу — за затвердженим річним звітом виконавця, а без нього — за останнім затвердженим квартальним.",
                "A measure's state: by the executor's approved annual report, or else its latest approved quarterly one.",
            )],
            table: Some(Table { columns: &TASK_COLUMNS, rows: task_rows }),
        },
        Part {
            title: pick(
                lang,
                "5. Оцінювання (г): досягнення цільових значень показників",
                "5. Evaluation (d): achievement of the indicator targets",
            ),
            sheet: pick(lang, "Оцінка г", "Evaluation d"),
            paragraphs: vec![match lang {
                Lang::Uk => format!("Показників із ціллю на рік: {with_target} з {}.", tiles.len()),
                Lang::En => format!("Indicators with a target for the year: {with_target} of {}.", tiles.len()),
            }],
            table: Some(Table { columns: &COUNT_COLUMNS, rows: achievement }),
        },
        pending_part(facts, &state, lang, "6"),
    ];
    Ok(Document {
        lang,
        title: DocumentKind::Results.title().get(lang).to_string(),
        subtitle: format!(
            "{label} · {} · {}",
            facts.scope_name(lang),
            facts.source_note(lang)
        ),
        header: format!("{} · {label}", facts.structure().passport.name.get(lang)),
        draft: facts.draft_mark(&state, lang),
        basis: facts.basis(&state, lang),
        passport: super::annual::passport(facts, year, lang),
        parts,
        signature: facts.signature(lang),
        landscape: true,
    })
}

fn task_row(style: RowStyle, code: String, name: String, counts: [usize; 5], e: &Execution) -> Row {
    let mut cells = vec![Cell::Text(code), Cell::Text(name)];
    cells.extend(
        counts
            .iter()
            .map(|c| Cell::Number(Decimal::from(*c as u64))),
    );
    cells.extend([
        Cell::Amount(e.approved),
        Cell::Amount(e.executed),
        Cell::Percent(e.executed_percent()),
    ]);
    Row::new(style, cells)
}
