//! Changes as files: the proposals list, a proposal's lines (approved → proposed, with each line's state) and the comparison of two plan versions — a row per changed line with the measure's code.

use super::{Ask, Export};
use crate::app::documents::model::{Cell, CellKind, Column, Row, RowStyle};
use crate::app::error::{AppError, AppResult};
use crate::app::plan::structure::Structure;
use crate::app::plan::versions::compare;
use crate::app::proposals;
use shared::api::proposals::{Change, FieldValue};
use shared::api::versions::VersionComparison;
use shared::{ErrorCode, Lang};

/// The columns of a changed line, after the measure's; a proposal adds the line's state.
const LINES: [Column; 10] = [
    Column::new("Код заходу", "Measure code", CellKind::Number, 2),
    Column::new("Захід", "Measure", CellKind::Text, 12),
    Column::new("Виконавець", "Executor", CellKind::Text, 7),
    Column::new("Що змінюється", "What changes", CellKind::Text, 5),
    Column::new("Рік", "Year", CellKind::Number, 2),
    Column::new("Джерело фінансування", "Funding source", CellKind::Text, 5),
    Column::new(
        "Затверджено (було)",
        "Approved (before)",
        CellKind::Amount,
        6,
    ),
    Column::new(
        "Запропоновано (стане)",
        "Proposed (after)",
        CellKind::Amount,
        6,
    ),
    Column::new("Стан рядка", "Line state", CellKind::Text, 4),
    Column::new("Причина", "Reason", CellKind::Text, 8),
];

/// A field's value as words.
fn field_text(v: &FieldValue, s: &Structure, lang: Lang) -> String {
    match v {
        FieldValue::Name(t) => t.get(lang).to_string(),
        FieldValue::Task(id) => s.task(*id).map_or(String::new(), |t| {
            format!("{} {}", t.code, t.name.get(lang))
        }),
        FieldValue::Years { start, end } => format!("{start}–{end}"),
        FieldValue::Org(id) => s
            .org(*id)
            .map_or(String::new(), |o| o.name.get(lang).to_string()),
        FieldValue::Description(t) | FieldValue::ExpectedResult(t) => t.clone(),
    }
}

/// What changes, the year and source, before and after.
fn change_cells(c: &Change, s: &Structure, ask: &Ask) -> [Cell; 5] {
    let lang = ask.lang;
    match c {
        Change::Amount {
            year,
            source,
            old,
            new,
        } => [
            Cell::text(ask.t("Сума, тис. грн", "Amount, thousand UAH")),
            Cell::Code(i64::from(year.get())),
            Cell::text(source.label().get(lang)),
            old.map_or(Cell::Empty, Cell::Amount),
            new.map_or(Cell::Empty, Cell::Amount),
        ],
        Change::Field { old, new } => [
            Cell::text(new.label().get(lang)),
            Cell::Empty,
            Cell::Empty,
            Cell::text(field_text(old, s, lang)),
            Cell::text(field_text(new, s, lang)),
        ],
        Change::MeasureAdd { .. } => [
            Cell::text(ask.t("Новий захід", "New measure")),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
        Change::MeasureWithdraw { .. } => [
            Cell::text(ask.t("Вилучення заходу", "Measure withdrawn")),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
    }
}

fn number(ask: &Ask, key: &str) -> AppResult<i32> {
    crate::app::query::url_pairs(ask.query)
        .into_iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.parse().ok())
        .ok_or_else(|| AppError::field(ErrorCode::BadRequest, key))
}

const PROPOSALS: [Column; 11] = [
    Column::new("№ пропозиції", "Proposal no.", CellKind::Number, 2),
    Column::new("Організація", "Organisation", CellKind::Text, 10),
    Column::new("Автор", "Author", CellKind::Text, 6),
    Column::new("Стан", "State", CellKind::Text, 5),
    Column::new("Маршрут", "Route", CellKind::Text, 5),
    Column::new("Подано", "Submitted", CellKind::Date, 3),
    Column::new("Оновлено", "Updated", CellKind::Date, 3),
    Column::new("Рядків", "Lines", CellKind::Number, 2),
    Column::new(
        "Чекають рішення",
        "Awaiting a decision",
        CellKind::Number,
        2,
    ),
    Column::new("Конфліктів", "Conflicts", CellKind::Number, 2),
    Column::new(
        "Зміна бюджету, тис. грн",
        "Budget change, thousand UAH",
        CellKind::Amount,
        4,
    ),
];

/// The proposals the user may see, filtered as the proposals page filters them.
pub fn proposals(ask: &Ask) -> AppResult<Export> {
    let filter = crate::app::query::proposal_filter(ask.query)?;
    let list = proposals::list(ask.app, ask.actor, &filter)?;
    let lang = ask.lang;
    let date = |ms: Option<i64>| {
        ms.and_then(shared::calendar::Date::kyiv_from_unix_ms)
            .map_or(Cell::Empty, Cell::Date)
    };
    let rows = list
        .iter()
        .map(|p| {
            let route = if p.needs_endorsement {
                ask.t("через район", "through the district")
            } else {
                ask.t("до департаменту", "to the department")
            };
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::Code(i64::from(p.id.0)),
                    Cell::text(p.org.name.get(lang)),
                    Cell::text(p.author.clone()),
                    Cell::text(p.state.label().get(lang)),
                    Cell::text(route),
                    date(p.submitted_at),
                    date(Some(p.updated_at)),
                    Cell::Code(p.line_count),
                    Cell::Code(p.pending_count),
                    Cell::Code(p.conflict_count),
                    Cell::Number(p.delta),
                ],
            )
        })
        .collect();
    let mut about = Vec::new();
    if let Some(state) = filter.state {
        about.push((ask.t("Стан", "State"), state.label().get(lang).to_string()));
    }
    if filter.waiting_for_me == Some(true) {
        about.push((
            ask.t("Відбір", "Filter"),
            ask.t("чекають мого рішення", "waiting for my decision"),
        ));
    }
    Ok(Export {
        title: ask.t("Пропозиції змін до плану", "Proposed changes to the plan"),
        sheet: ask.t("Пропозиції", "Proposals"),
        about,
        columns: &PROPOSALS,
        rows,
    })
}

/// `?id=`: a proposal's lines as the proposal page shows them.
pub fn proposal(ask: &Ask) -> AppResult<Export> {
    let id = number(ask, "id")?;
    let p = proposals::get(ask.app, ask.actor, id)?;
    let s = ask.app.read(|conn| ask.app.structure(conn))?;
    let lang = ask.lang;
    let rows = p
        .lines
        .iter()
        .map(|l| {
            let mut cells = vec![
                Cell::Code(i64::from(l.measure_id.0)),
                Cell::text(l.measure_name.get(lang)),
                Cell::text(l.org.name.get(lang)),
            ];
            cells.extend(change_cells(&l.change, &s, ask));
            cells.push(Cell::text(l.state.label().get(lang)));
            cells.push(Cell::text(l.reason.clone().unwrap_or_default()));
            Row::new(RowStyle::Item, cells)
        })
        .collect();
    Ok(Export {
        title: match lang {
            Lang::Uk => format!("Пропозиція № {}: рядки змін", p.summary.id.0),
            Lang::En => format!("Proposal no. {}: its lines", p.summary.id.0),
        },
        sheet: ask.t("Пропозиція", "Proposal"),
        about: vec![
            (
                ask.t("Організація", "Organisation"),
                p.summary.org.name.get(lang).to_string(),
            ),
            (
                ask.t("Стан", "State"),
                p.summary.state.label().get(lang).to_string(),
            ),
            (ask.t("Автор", "Author"), p.summary.author.clone()),
        ],
        columns: &LINES,
        rows,
    })
}

/// `?from=&to=`: the lines that changed between two plan versions.
pub fn versions(ask: &Ask) -> AppResult<Export> {
    let (from, to) = (number(ask, "from")?, number(ask, "to")?);
    let bytes = compare(ask.app, ask.actor, from, to)?;
    let cmp: VersionComparison = serde_json::from_slice(&bytes)
        .map_err(|e| AppError::internal(anyhow::anyhow!("comparison: {e}")))?;
    let s = ask.app.read(|conn| ask.app.structure(conn))?;
    let lang = ask.lang;
    let rows = cmp
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                Cell::Code(i64::from(r.measure_id.0)),
                Cell::text(r.measure_name.get(lang)),
                Cell::text(r.org.name.get(lang)),
            ];
            cells.extend(change_cells(&r.change, &s, ask));
            Row::new(RowStyle::Item, cells)
        })
        .collect();
    Ok(Export {
        title: match lang {
            Lang::Uk => format!(
                "Зміни плану: версія № {} → № {}",
                cmp.from.number, cmp.to.number
            ),
            Lang::En => format!(
                "Plan changes: version {} → {}",
                cmp.from.number, cmp.to.number
            ),
        },
        sheet: ask.t("Зміни", "Changes"),
        about: vec![
            (
                ask.t("Від версії", "From version"),
                format!("{} · {}", cmp.from.number, cmp.from.decision.get(lang)),
            ),
            (
                ask.t("До версії", "To version"),
                format!("{} · {}", cmp.to.number, cmp.to.decision.get(lang)),
            ),
        ],
        columns: &LINES[..8],
        rows,
    })
}
