//! Open data: the public figures as a Frictionless (tabular) data package, each data set as CSV
//! (UTF-8) and JSON with its table schema, from the same rows the public API answers with.
//!
//! Amounts are thousand UAH written exactly (`1250.5`); each budget amount carries its phase in
//! the Fiscal Data Package sense (`planned`, `approved`, `executed`). The JSON files hold the same
//! cells as the CSV files (numbers as exact decimal strings, as everywhere in the API), keyed by
//! the field names. Paths are relative to the package's own URL, so a copy validates offline.

use super::{board, measures, orgs_of, publish, versions_now, Published};
use crate::app::error::{AppError, AppResult};
use crate::app::App;
use bytes::Bytes;
use serde::Serialize;
use serde_json::{json, Value};
use shared::api::orgs::OrgKind;
use shared::api::reports::ExecutionStatus;
use shared::calendar::Compliance;
use shared::execution::Execution;
use shared::indicators::{Direction, IndicatorKind};
use shared::{FundingSource, IndicatorStatus, Year};

/// The data sets, in the package's order: (name, title, description), in Ukrainian.
pub const DATA_SETS: [(&str, &str, &str); 7] = [
    (
        "measures",
        "Заходи затвердженого плану",
        "Заходи чинної версії плану з виконавцем, роками та трьома шарами бюджету (тис. грн).",
    ),
    (
        "budget-lines",
        "Бюджет заходів за роками, джерелами та фазами",
        "Суми за роком × джерелом фінансування × фазою бюджету (planned — план, approved — \
         затверджено бюджетом, executed — виконано за затвердженими звітами), тис. грн.",
    ),
    (
        "indicators",
        "Показники програми: базові значення та цілі",
        "Показники результативності з базовим значенням і цільовими значеннями за роками.",
    ),
    (
        "indicator-actuals",
        "Фактичні значення показників",
        "Фактичні значення показників по області за кварталами (лише затверджені звіти).",
    ),
    (
        "organisations",
        "Громади, райони та виконавці",
        "Організації з кодами КАТОТТГ, виконанням їхніх заходів і дотриманням строків звітування.",
    ),
    (
        "reporting-compliance",
        "Дотримання строків звітування",
        "Кожен звіт, що мав бути поданий: строк і чи подано його вчасно.",
    ),
    (
        "plan-versions",
        "Версії плану",
        "Затверджені версії плану: рішення, кількість змінених заходів, загальна сума.",
    ),
];

/// One column of a table: its name, Frictionless type and Ukrainian title.
struct Field {
    name: &'static str,
    kind: &'static str,
    title: &'static str,
    /// Allowed values, when the column is a code.
    codes: Vec<String>,
}

fn field(name: &'static str, kind: &'static str, title: &'static str) -> Field {
    Field {
        name,
        kind,
        title,
        codes: Vec::new(),
    }
}

/// A column of codes, each as the API writes it.
fn coded<T: Serialize>(name: &'static str, title: &'static str, all: &[T]) -> Field {
    Field {
        name,
        kind: "string",
        title,
        codes: all.iter().filter_map(code).collect(),
    }
}

const THOUSAND_UAH: &str = "тис. грн";
/// The budget phases in the Fiscal Data Package's sense.
const PHASES: [&str; 3] = ["planned", "approved", "executed"];

/// The columns of a data set.
fn fields(name: &str) -> Vec<Field> {
    let amounts = [
        field("planned", "number", "Заплановано, тис. грн"),
        field("approved", "number", "Затверджено бюджетом, тис. грн"),
        field("executed", "number", "Виконано, тис. грн"),
    ];
    match name {
        "measures" => {
            let mut f = vec![
                field("id", "integer", "Ідентифікатор заходу"),
                field("direction", "integer", "Номер пріоритетного напряму"),
                field("task", "string", "Код завдання"),
                field("name_uk", "string", "Назва"),
                field("name_en", "string", "Назва англійською"),
                field("executor_id", "integer", "Ідентифікатор виконавця"),
                field("executor", "string", "Виконавець"),
                field("executor_katotth", "string", "Код КАТОТТГ виконавця"),
                field("start_year", "integer", "Рік початку"),
                field("end_year", "integer", "Рік завершення"),
            ];
            f.extend(amounts);
            f.extend([
                field(
                    "approved_percent",
                    "number",
                    "Затверджено від запланованого, %",
                ),
                field(
                    "executed_percent",
                    "number",
                    "Виконано від затвердженого, %",
                ),
                coded(
                    "status",
                    "Стан виконання за останнім затвердженим звітом",
                    &ExecutionStatus::ALL,
                ),
            ]);
            f
        }
        "budget-lines" => vec![
            field("measure_id", "integer", "Ідентифікатор заходу"),
            field("year", "integer", "Рік"),
            coded("source", "Джерело фінансування", &FundingSource::ALL),
            coded("phase", "Фаза бюджету (Fiscal Data Package)", &PHASES),
            field("amount", "number", "Сума, тис. грн"),
        ],
        "indicators" => vec![
            field("id", "integer", "Ідентифікатор показника"),
            field("code", "string", "Код показника"),
            field("name_uk", "string", "Назва"),
            field("name_en", "string", "Назва англійською"),
            field("unit", "string", "Одиниця виміру"),
            coded(
                "kind",
                "Спосіб обліку",
                &[IndicatorKind::Cumulative, IndicatorKind::PointInTime],
            ),
            coded(
                "direction",
                "Напрям",
                &[Direction::HigherIsBetter, Direction::LowerIsBetter],
            ),
            field("baseline", "number", "Базове значення"),
            field("baseline_date", "date", "Дата базового значення"),
            field("target_2026", "number", "Ціль на 2026 рік"),
            field("target_2027", "number", "Ціль на 2027 рік"),
            field("target_2028", "number", "Ціль на 2028 рік"),
        ],
        "indicator-actuals" => vec![
            field("indicator_id", "integer", "Ідентифікатор показника"),
            field("code", "string", "Код показника"),
            field("quarter", "string", "Квартал"),
            field("actual", "number", "Фактичне значення по області"),
            field("expected", "number", "Очікуване значення"),
            coded("status", "Стан", &IndicatorStatus::ALL),
        ],
        "organisations" => {
            let mut f = vec![
                field("id", "integer", "Ідентифікатор"),
                coded(
                    "kind",
                    "Вид",
                    &[
                        OrgKind::Oblast,
                        OrgKind::District,
                        OrgKind::Community,
                        OrgKind::Executor,
                    ],
                ),
                field("name_uk", "string", "Назва"),
                field("name_en", "string", "Назва англійською"),
                field("katotth", "string", "Код КАТОТТГ"),
                field("parent_id", "integer", "Район (ідентифікатор)"),
                field("population", "integer", "Населення"),
                field("measure_count", "integer", "Заходів у плані"),
            ];
            f.extend(amounts);
            f.extend([
                field("reports_on_time", "integer", "Звітів подано вчасно"),
                field("reports_late", "integer", "Звітів подано із запізненням"),
                field("reports_missing", "integer", "Звітів не подано"),
            ]);
            f
        }
        "reporting-compliance" => vec![
            field("org_id", "integer", "Ідентифікатор організації"),
            field("katotth", "string", "Код КАТОТТГ"),
            field("org", "string", "Організація"),
            field("period", "string", "Звітний період"),
            field("due", "date", "Строк подання"),
            coded(
                "compliance",
                "Дотримання строку",
                &[
                    Compliance::OnTime,
                    Compliance::Late,
                    Compliance::Missing,
                    Compliance::NotDue,
                ],
            ),
        ],
        "plan-versions" => vec![
            field("number", "integer", "Номер версії"),
            field("approved_on", "date", "Дата затвердження"),
            field("decision_uk", "string", "Рішення"),
            field("decision_en", "string", "Рішення англійською"),
            field("measures_changed", "integer", "Змінено заходів"),
            field("changed_lines", "integer", "Змінено рядків"),
            field("total", "number", "Загальна сума плану, тис. грн"),
        ],
        _ => Vec::new(),
    }
}

/// A cell: text, or nothing (an empty CSV cell, `null` in JSON).
type Row = Vec<Option<String>>;

fn some(v: impl ToString) -> Option<String> {
    Some(v.to_string())
}

/// An enum's code as the API writes it (`on_time`).
fn code<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

fn layers(e: Execution) -> [Option<String>; 3] {
    [some(e.planned), some(e.approved), some(e.executed)]
}

/// The rows of a data set (`None`: no such data set).
fn rows(app: &App, name: &str) -> AppResult<Option<Vec<Row>>> {
    let board = board(app)?;
    let structure = board.snapshot().structure.clone();
    let rows = match name {
        "measures" => measures(&board)
            .into_iter()
            .map(|m| {
                let task = structure.task(m.task_id);
                let direction = structure.directions.iter().find(|d| d.id == m.direction_id);
                let mut row = vec![
                    some(m.id.0),
                    direction.and_then(|d| some(d.number)),
                    task.and_then(|t| some(t.code)),
                    some(&m.name.uk),
                    some(&m.name.en),
                    some(m.executor.id.0),
                    some(&m.executor.name.uk),
                    m.executor.code.clone(),
                    some(m.start_year),
                    some(m.end_year),
                ];
                row.extend(layers(m.total.layers()));
                row.extend([
                    m.total.approved_percent.map(shared::amount::percent_plain),
                    m.total.executed_percent.map(shared::amount::percent_plain),
                    m.status.as_ref().and_then(code),
                ]);
                row
            })
            .collect(),
        "budget-lines" => measures(&board)
            .into_iter()
            .flat_map(|m| {
                m.budget.into_iter().flat_map(move |c| {
                    PHASES
                        .iter()
                        .zip(layers(c.execution.layers()))
                        .map(move |(phase, amount)| {
                            vec![
                                some(m.id.0),
                                some(c.year),
                                some(c.source.as_str()),
                                some(phase),
                                amount,
                            ]
                        })
                })
            })
            .collect(),
        "indicators" => super::indicators_of(app, &board)?
            .into_iter()
            .map(|i| {
                let ind = &i.indicator;
                let mut row = vec![
                    some(ind.id.0),
                    some(&i.code),
                    some(&ind.name.uk),
                    some(&ind.name.en),
                    some(&ind.unit.label().uk),
                    code(&ind.kind),
                    code(&ind.direction),
                    some(ind.baseline.value),
                    some(ind.baseline.date),
                ];
                row.extend(Year::all().map(|y| ind.target(y).map(|v| v.to_string())));
                row
            })
            .collect(),
        "indicator-actuals" => super::indicators_of(app, &board)?
            .into_iter()
            .flat_map(|i| {
                let id = i.indicator.id.0;
                let code_ = i.code.clone();
                i.oblast.into_iter().flat_map(|t| t.trend).map(move |p| {
                    vec![
                        some(id),
                        some(&code_),
                        some(p.quarter),
                        p.actual.map(|a| a.value.to_string()),
                        p.expected.map(|v| v.to_string()),
                        code(&p.status),
                    ]
                })
            })
            .collect(),
        "organisations" => orgs_of(&board)
            .into_iter()
            .map(|o| {
                let mut row = vec![
                    some(o.org.id.0),
                    code(&o.org.kind),
                    some(&o.org.name.uk),
                    some(&o.org.name.en),
                    o.org.code.clone(),
                    o.parent.map(|p| p.0.to_string()),
                    o.population.map(|p| p.to_string()),
                    some(o.measure_count),
                ];
                row.extend(layers(o.execution.layers()));
                row.extend([
                    some(o.compliance.on_time),
                    some(o.compliance.late),
                    some(o.compliance.missing),
                ]);
                row
            })
            .collect(),
        "reporting-compliance" => orgs_of(&board)
            .into_iter()
            .flat_map(|o| {
                let org = o.org;
                o.reports.into_iter().map(move |r| {
                    vec![
                        some(org.id.0),
                        org.code.clone(),
                        some(&org.name.uk),
                        some(r.period),
                        some(r.due),
                        code(&r.compliance),
                    ]
                })
            })
            .collect(),
        "plan-versions" => versions_now(app)?
            .versions
            .into_iter()
            .map(|v| {
                vec![
                    some(v.number),
                    shared::Date::kyiv_from_unix_ms(v.approved_at).map(|d| d.to_string()),
                    some(&v.decision.uk),
                    some(&v.decision.en),
                    some(v.measure_count),
                    some(v.changes.len()),
                    some(v.totals.total()),
                ]
            })
            .collect(),
        _ => return Ok(None),
    };
    Ok(Some(rows))
}

fn csv(name: &str, rows: &[Row]) -> AppResult<Bytes> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(fields(name).iter().map(|f| f.name))
        .map_err(AppError::internal)?;
    for row in rows {
        out.write_record(row.iter().map(|c| c.as_deref().unwrap_or("")))
            .map_err(AppError::internal)?;
    }
    Ok(Bytes::from(out.into_inner().map_err(AppError::internal)?))
}

/// One row as a JSON object whose keys keep the columns' order (a validator checks the labels
/// against the schema in order).
struct JsonRow<'a>(&'a [Field], &'a Row);

impl Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (f, cell) in self.0.iter().zip(self.1) {
            map.serialize_entry(f.name, cell)?;
        }
        map.end()
    }
}

fn json_rows(name: &str, rows: &[Row]) -> AppResult<Bytes> {
    let fields = fields(name);
    let rows: Vec<JsonRow> = rows.iter().map(|r| JsonRow(&fields, r)).collect();
    Ok(Bytes::from(
        serde_json::to_vec(&rows).map_err(AppError::internal)?,
    ))
}

/// `GET /api/public/data/{file}`: `measures.csv`, `measures.json`, … (404 for anything else).
pub fn file(app: &App, file: &str) -> AppResult<(Published, &'static str)> {
    let (name, ext) = file.rsplit_once('.').ok_or(shared::ErrorCode::NotFound)?;
    let (content_type, as_csv) = match ext {
        "csv" => ("text/csv; charset=utf-8", true),
        "json" => ("application/json", false),
        _ => return Err(shared::ErrorCode::NotFound.into()),
    };
    if !DATA_SETS.iter().any(|(n, _, _)| *n == name) {
        return Err(shared::ErrorCode::NotFound.into());
    }
    let published = super::publish_bytes(app, &format!("public/data/{file}"), |app| {
        let rows = rows(app, name)?.ok_or(shared::ErrorCode::NotFound)?;
        if as_csv {
            csv(name, &rows)
        } else {
            json_rows(name, &rows)
        }
    })?;
    Ok((published, content_type))
}

fn schema(name: &str) -> Value {
    let fields: Vec<Value> = fields(name)
        .iter()
        .map(|f| {
            let mut v = json!({ "name": f.name, "type": f.kind, "title": f.title });
            if !f.codes.is_empty() {
                v["constraints"] = json!({ "enum": f.codes });
            }
            if f.title.contains(THOUSAND_UAH) || f.name == "amount" {
                v["unit"] = json!(THOUSAND_UAH);
                v["description"] =
                    json!("Тисячі гривень, точно до гривні (три знаки після крапки).");
            }
            v
        })
        .collect();
    let mut s = json!({ "fields": fields, "missingValues": [""] });
    let key = match name {
        "measures" | "indicators" | "organisations" => Some(json!(["id"])),
        "plan-versions" => Some(json!(["number"])),
        "reporting-compliance" => Some(json!(["org_id", "period"])),
        "budget-lines" => Some(json!(["measure_id", "year", "source", "phase"])),
        "indicator-actuals" => Some(json!(["indicator_id", "quarter"])),
        _ => None,
    };
    if let Some(key) = key {
        s["primaryKey"] = key;
    }
    s
}

/// `GET /api/public/datapackage.json`
pub fn package(app: &App) -> AppResult<Published> {
    publish(app, "public/datapackage", |app| {
        let board = board(app)?;
        let modified = super::last_modified(app, &board)?.to_string();
        let mut resources = Vec::new();
        for (name, title, description) in DATA_SETS {
            for (ext, format, media) in [
                ("csv", "csv", "text/csv"),
                ("json", "json", "application/json"),
            ] {
                let mut r = json!({
                    "name": if ext == "csv" { name.to_string() } else { format!("{name}-json") },
                    "path": format!("data/{name}.{ext}"),
                    "profile": "tabular-data-resource",
                    "title": title,
                    "description": description,
                    "format": format,
                    "mediatype": media,
                    "encoding": "utf-8",
                    "schema": schema(name),
                    "last_modified": modified,
                });
                if ext == "csv" {
                    r["dialect"] = json!({ "delimiter": ",", "header": true });
                }
                resources.push(r);
            }
        }
        let passport = &board.snapshot().structure.passport;
        Ok(json!({
            "profile": "tabular-data-package",
            "name": "obriy-dnipropetrovsk-informatization-2026-2028",
            "title": format!("{}: відкриті дані", passport.name.uk),
            "description": format!(
                "Затверджений план регіональної програми інформатизації «{}» ({}) на {}–{} роки: \
                 заходи та їхні виконавці, бюджет за роками, джерелами та фазами (план, \
                 затверджено, виконано), показники з цілями та фактичними значеннями, громади з \
                 кодами КАТОТТГ і дотриманням строків звітування, версії плану. Суми в тисячах \
                 гривень. Лише затверджені дані.",
                passport.name.uk, passport.region.uk, passport.start_year, passport.end_year
            ),
            "keywords": [
                "інформатизація", "цифрова трансформація", "регіональна програма",
                "Дніпропетровська область", "бюджет", "показники", "громади", "відкриті дані"
            ],
            "language": "uk",
            "licenses": [{
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/"
            }],
            "publisher": passport.developer.uk,
            "contributors": [{ "title": passport.developer.uk, "role": "publisher" }],
            "update_frequency": "щоквартально та після кожного затвердження змін до плану",
            "last_modified": modified,
            "resources": resources,
        }))
    })
}
