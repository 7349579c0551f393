//! The plan's tree as a document table: direction and task rows with their subtotals, the measures' lines under them, the total at the end — written once for every document that lists measures.

use super::facts::Facts;
use super::model::{Cell, Row, RowStyle};
use super::present::pick;
use crate::app::plan::snapshot::MeasureEntry;
use shared::{Amount, Lang};

/// One line of a measure: its text cells (code, name, executor, …), the amounts that add up
/// into the subtotals, and the cells after them that don't (status, narrative).
pub struct Line {
    pub lead: Vec<Cell>,
    pub amounts: Vec<Amount>,
    pub tail: Vec<Cell>,
}

fn add(into: &mut Vec<Amount>, amounts: &[Amount]) {
    if into.len() < amounts.len() {
        into.resize(amounts.len(), Amount::ZERO);
    }
    for (a, b) in into.iter_mut().zip(amounts) {
        *a = *a + *b;
    }
}

/// A measure's first cells — its code, name and executor — on its first line; blank on the
/// lines of its other sources, so the table names it once.
pub fn measure_cells(facts: &Facts, m: &MeasureEntry, lang: Lang, first: bool) -> Vec<Cell> {
    if !first {
        return vec![Cell::Empty, Cell::Empty, Cell::Empty];
    }
    vec![
        Cell::Text(format!("#{}", m.id)),
        Cell::text(m.name.get(lang)),
        Cell::Text(facts.org_name(m.org_id, lang)),
    ]
}

/// How many cells a measure's line has: text cells before the amounts, the amounts, cells after.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub lead: usize,
    pub amounts: usize,
    pub tail: usize,
}

/// The rows of the tree in the `shape` of its lines; `derived` makes the cells computed from a row's amounts (percentages),
/// placed right after them, for measure lines and subtotals alike.
pub fn rows(
    facts: &Facts,
    measures: &[&MeasureEntry],
    lang: Lang,
    shape: Shape,
    lines: impl Fn(&MeasureEntry) -> Vec<Line>,
    derived: impl Fn(&[Amount]) -> Vec<Cell>,
) -> Vec<Row> {
    let Shape {
        lead,
        amounts: n,
        tail,
    } = shape;
    let s = facts.structure();
    let group = |style: RowStyle, code: String, name: String, sums: &[Amount]| {
        let mut cells = vec![Cell::Text(code), Cell::Text(name)];
        cells.resize(lead, Cell::Empty);
        let mut sums = sums.to_vec();
        sums.resize(n, Amount::ZERO);
        cells.extend(sums.iter().map(|a| Cell::Amount(*a)));
        cells.extend(derived(&sums));
        cells.resize(cells.len() + tail, Cell::Empty);
        Row::new(style, cells)
    };
    let mut out = Vec::new();
    let mut total: Vec<Amount> = Vec::new();
    let mut i = 0;
    while i < measures.len() {
        let direction = s.task(measures[i].task_id).map(|t| t.direction_id);
        let dir_start = out.len();
        let mut dir_sums: Vec<Amount> = Vec::new();
        out.push(Row::new(RowStyle::Group(1), Vec::new()));
        while i < measures.len() && s.task(measures[i].task_id).map(|t| t.direction_id) == direction
        {
            let task_id = measures[i].task_id;
            let task_start = out.len();
            let mut task_sums: Vec<Amount> = Vec::new();
            out.push(Row::new(RowStyle::Group(2), Vec::new()));
            while i < measures.len() && measures[i].task_id == task_id {
                for line in lines(measures[i]) {
                    add(&mut task_sums, &line.amounts);
                    let mut cells = line.lead;
                    cells.resize(lead, Cell::Empty);
                    cells.extend(line.amounts.iter().map(|a| Cell::Amount(*a)));
                    cells.extend(derived(&line.amounts));
                    cells.extend(line.tail);
                    out.push(Row::new(RowStyle::Item, cells));
                }
                i += 1;
            }
            let task = s.task(task_id);
            out[task_start] = group(
                RowStyle::Group(2),
                task.map(|t| t.code.to_string()).unwrap_or_default(),
                task.map(|t| t.name.get(lang).to_string())
                    .unwrap_or_default(),
                &task_sums,
            );
            add(&mut dir_sums, &task_sums);
        }
        let dir = direction.and_then(|d| s.direction(d));
        out[dir_start] = group(
            RowStyle::Group(1),
            dir.map(|d| d.number.to_string()).unwrap_or_default(),
            dir.map(|d| d.name.get(lang).to_string())
                .unwrap_or_default(),
            &dir_sums,
        );
        add(&mut total, &dir_sums);
    }
    out.push(group(
        RowStyle::Total,
        String::new(),
        pick(lang, "Усього", "Total"),
        &total,
    ));
    out
}
