//! A plan file: measures with budget lines by year × source, read against the approved plan and the uploader's draft into changes, and written as ordinary lines of the draft proposal.
//!
//! The file is the plan export (`Код заходу`, …, `Сума, тис. грн`, `Версія плану`), edited, or
//! a file with the same headings. Rules:
//! - A row with a measure code speaks for that budget line of an approved measure. A line of a
//!   measure in the file that the file no longer has is removed — if the file's plan version
//!   had it (a line approved since was never seen, and stays). Measures absent from the file
//!   are left alone: a filtered export changes only what it holds.
//! - Only amounts of existing measures are read; their names, tasks and years are shown for
//!   reference (change those in the measure's form).
//! - Rows without a code make new measures: rows with the same name and executor are one
//!   measure; the task code, the executor (KATOTTH code or name; a coordinator's own
//!   organisation when empty) and the years come from its rows.
//! - Stale files: where the plan changed a line after the file's plan version, a file value
//!   equal to the old one is not a change (the newer plan stands) and a different one is a
//!   conflict, shown and not written.
//! - A measure is taken whole or not at all: one bad row holds back its measure's other rows.
//! - The same file twice changes nothing the second time: what the draft already holds is
//!   marked `in_draft`, and a new measure already in the draft with the same name and executor
//!   is updated, not added again.

use super::cells::{self, Col, Header};
use super::reader::Book;
use super::{Checked, Progress};
use crate::app::actor::Actor;
use crate::app::error::AppResult;
use crate::app::plan::measures::check_target;
use crate::app::plan::structure::Structure;
use crate::app::plan::versions::History;
use crate::app::proposals::rules as p;
use crate::app::runner::Tx;
use crate::db::{self, DbConn};
use shared::api::imports::{ChangeKind, ImportChange, ImportCounts, ImportIssue};
use shared::api::measures::{BudgetLine, MeasureInput};
use shared::api::proposals::{apply_changes, Change};
use shared::error::FieldError;
use shared::{Amount, ErrorCode, FundingSource, KatottgCode, Lang, OrgId, TaskCode, Text, Year};
use std::collections::{BTreeMap, HashMap};

/// The plan file's columns, as the plan export writes them.
pub const COLUMNS: [Col; 11] = [
    Col::new("measure", "Код заходу", "Measure code"),
    Col::new("task", "Код завдання", "Task code").optional(),
    Col::new("org_code", "КАТОТТГ виконавця", "Executor KATOTTH").optional(),
    Col::new("org", "Виконавець", "Executor").optional(),
    Col::new("name", "Захід", "Measure").optional(),
    Col::new("start", "Рік початку", "Start year").optional(),
    Col::new("end", "Рік завершення", "End year").optional(),
    Col::new("year", "Рік", "Year"),
    Col::new("source", "Джерело фінансування", "Funding source"),
    Col::new("amount", "Сума, тис. грн", "Amount, thousand UAH"),
    Col::new("version", "Версія плану", "Plan version").optional(),
];

/// One budget line as a row says it.
#[derive(Debug, Clone)]
struct Line {
    row: u32,
    year: Year,
    source: FundingSource,
    /// An empty amount cell: the line is not wanted.
    amount: Option<Amount>,
}

/// What a new measure's rows say about it.
#[derive(Debug, Clone, Default)]
struct NewFields {
    name: String,
    task: String,
    org_code: String,
    org_name: String,
    start: Option<Year>,
    end: Option<Year>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Existing(i32),
    New(String),
}

#[derive(Debug, Clone)]
struct Group {
    key: Key,
    rows: Vec<u32>,
    version: Option<i32>,
    fields: NewFields,
    lines: Vec<Line>,
    /// A row of it was refused.
    bad: bool,
}

/// The file read into measures, before anything is compared.
#[derive(Debug, Clone)]
pub struct Parsed {
    sheet: String,
    header: Header,
    groups: Vec<Group>,
    pub issues: Vec<ImportIssue>,
    pub rows: u32,
}

fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A funding source by its code or its label in either language.
pub fn source_of(text: &str) -> Option<FundingSource> {
    let n = normal(text);
    FundingSource::ALL.into_iter().find(|s| {
        let l = s.label();
        n == s.as_str() || n == normal(&l.uk) || n == normal(&l.en)
    })
}

/// Reads the rows into measures; cell-level problems become issues.
pub fn parse(book: &Book, progress: &Progress) -> Result<Parsed, ImportIssue> {
    let (sheet, header) = cells::sheet_with(book, ["План", "Plan"], &COLUMNS)?;
    let mut issues = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut rows = 0u32;
    let issue = |issues: &mut Vec<ImportIssue>, r: usize, key: &str, code: ErrorCode| {
        let col = header.col(key).unwrap_or(0);
        issues.push(ImportIssue::new(
            &sheet.name,
            r as u32 + 1,
            &header.label(col),
            &sheet.cell(r, col).shown(),
            code,
        ));
    };
    for r in header.row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(|v| v.is_empty()) {
            continue;
        }
        rows += 1;
        if rows.is_multiple_of(500) {
            progress.checked(rows);
        }
        let before = issues.len();
        let code = match cells::whole(
            header.value(sheet, r, "measure"),
            ErrorCode::ImportMeasureUnknown,
        ) {
            Ok(Some(c)) => match i32::try_from(c) {
                Ok(c) if c > 0 => Some(c),
                _ => {
                    issue(&mut issues, r, "measure", ErrorCode::ImportMeasureUnknown);
                    None
                }
            },
            Ok(None) => None,
            Err(code) => {
                issue(&mut issues, r, "measure", code);
                None
            }
        };
        let year = cells::year(header.value(sheet, r, "year")).unwrap_or_else(|code| {
            issue(&mut issues, r, "year", code);
            None
        });
        let source_text = cells::text(header.value(sheet, r, "source"));
        let source = if source_text.is_empty() {
            None
        } else {
            let s = source_of(&source_text);
            if s.is_none() {
                issue(&mut issues, r, "source", ErrorCode::ImportSourceUnknown);
            }
            s
        };
        let amount = cells::amount(header.value(sheet, r, "amount")).unwrap_or_else(|code| {
            issue(&mut issues, r, "amount", code);
            None
        });
        let version = cells::whole(
            header.value(sheet, r, "version"),
            ErrorCode::ImportNumberInvalid,
        )
        .ok()
        .flatten()
        .and_then(|v| i32::try_from(v).ok());
        let mut fields = NewFields::default();
        if code.is_none() {
            fields.name = cells::text(header.value(sheet, r, "name"));
            fields.task = cells::text(header.value(sheet, r, "task"));
            fields.org_code = cells::text(header.value(sheet, r, "org_code"));
            fields.org_name = cells::text(header.value(sheet, r, "org"));
            fields.start = cells::year(header.value(sheet, r, "start")).unwrap_or_else(|code| {
                issue(&mut issues, r, "start", code);
                None
            });
            fields.end = cells::year(header.value(sheet, r, "end")).unwrap_or_else(|code| {
                issue(&mut issues, r, "end", code);
                None
            });
        }
        let bad_code = issues[before..]
            .iter()
            .any(|i| i.code == ErrorCode::ImportMeasureUnknown);
        if bad_code {
            continue;
        }
        let key = match code {
            Some(c) => Key::Existing(c),
            None if fields.name.is_empty() => {
                issue(&mut issues, r, "name", ErrorCode::NameRequired);
                continue;
            }
            None => Key::New(format!(
                "{}\u{1f}{}\u{1f}{}",
                normal(&fields.name),
                normal(&fields.org_code),
                normal(&fields.org_name)
            )),
        };
        let at = *index.entry(key.clone()).or_insert_with(|| {
            groups.push(Group {
                key: key.clone(),
                rows: Vec::new(),
                version: None,
                fields: NewFields::default(),
                lines: Vec::new(),
                bad: false,
            });
            groups.len() - 1
        });
        let g = &mut groups[at];
        g.rows.push(r as u32 + 1);
        g.version = match (g.version, version) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for (mine, theirs) in [
            (&mut g.fields.name, fields.name),
            (&mut g.fields.task, fields.task),
            (&mut g.fields.org_code, fields.org_code),
            (&mut g.fields.org_name, fields.org_name),
        ] {
            if mine.is_empty() {
                *mine = theirs;
            }
        }
        g.fields.start = g.fields.start.or(fields.start);
        g.fields.end = g.fields.end.or(fields.end);
        if issues.len() > before {
            g.bad = true;
            continue;
        }
        match (year, source) {
            (Some(year), Some(source)) => {
                if g.lines.iter().any(|l| l.year == year && l.source == source) {
                    issue(&mut issues, r, "year", ErrorCode::ImportRowDuplicate);
                } else {
                    g.lines.push(Line {
                        row: r as u32 + 1,
                        year,
                        source,
                        amount,
                    });
                }
            }
            (None, None) if amount.is_none() => {}
            (None, _) => {
                issue(&mut issues, r, "year", ErrorCode::YearInvalid);
                g.bad = true;
            }
            (_, None) => {
                issue(&mut issues, r, "source", ErrorCode::ImportSourceUnknown);
                g.bad = true;
            }
        }
    }
    progress.total(rows);
    Ok(Parsed {
        sheet: sheet.name.clone(),
        header,
        groups,
        issues,
        rows,
    })
}

/// What confirming does, measure by measure.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The draft's lines for an approved measure: the whole measure as wanted.
    Propose { measure: i32, input: MeasureInput },
    /// A new measure for the draft.
    Create(MeasureInput),
    /// A new measure already in the draft, changed.
    Update {
        measure: i32,
        version: i32,
        input: MeasureInput,
    },
}

/// What a preview was made against: the plan version and the uploader's draft's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    plan: i32,
    draft: Option<i32>,
}

impl Seen {
    fn read(conn: &mut DbConn, structure: &Structure, actor: &Actor) -> AppResult<Seen> {
        let draft = match actor.proposal_org(structure) {
            Some(org) => db::proposals::draft_of(conn, org.0)?.map(|d| d.version),
            None => None,
        };
        Ok(Seen {
            plan: db::versions::current(conn)?,
            draft,
        })
    }

    /// As it is inside the confirm's transaction.
    pub fn now(tx: &mut Tx, actor: &Actor) -> AppResult<Seen> {
        let structure = tx.snapshot.structure.clone();
        Seen::read(tx.conn, &structure, actor)
    }
}

/// What the comparison needs: the approved plan, its history, the uploader's draft.
pub struct Context {
    seen: Seen,
    pub structure: std::sync::Arc<Structure>,
    pub history: std::sync::Arc<History>,
    pub version: i32,
    /// The draft's changes per approved measure.
    draft: HashMap<i32, Vec<Change>>,
    /// New measures in the draft: (id, row version, state).
    added: Vec<(i32, i32, MeasureInput)>,
}

impl Context {
    pub fn load(
        conn: &mut DbConn,
        structure: std::sync::Arc<Structure>,
        history: std::sync::Arc<History>,
        actor: &Actor,
    ) -> AppResult<Context> {
        let seen = Seen::read(conn, &structure, actor)?;
        let version = seen.plan;
        let mut draft: HashMap<i32, Vec<Change>> = HashMap::new();
        let mut added = Vec::new();
        if let Some(org) = actor.proposal_org(&structure) {
            if let Some(d) = db::proposals::draft_of(conn, org.0)? {
                for line in p::parse_lines(db::proposals::lines_of(conn, d.id)?)? {
                    let id = line.row.measure_id;
                    match line.change {
                        Change::MeasureAdd { measure } => {
                            let v = db::measures::find(conn, id)?.map_or(0, |m| m.version);
                            added.push((id, v, measure));
                        }
                        change => draft.entry(id).or_default().push(change),
                    }
                }
            }
        }
        Ok(Context {
            seen,
            structure,
            history,
            version,
            draft,
            added,
        })
    }
}

impl Context {
    pub fn seen(&self) -> Seen {
        self.seen
    }
}

/// A line's amount in a measure's state.
fn amount_at(m: Option<&MeasureInput>, year: Year, source: FundingSource) -> Option<Amount> {
    m?.budget_lines
        .iter()
        .find(|l| l.year == year && l.source == source)
        .map(|l| l.amount)
}

fn shown(a: Option<Amount>) -> String {
    a.map(|a| a.format_table(Lang::Uk)).unwrap_or_default()
}

fn amount_label(year: Year, source: FundingSource) -> Text {
    let s = source.label();
    Text::new(
        format!("{year}, {}, тис. грн", s.uk),
        format!("{year}, {}, thousand UAH", s.en),
    )
}

/// The row a measure's field error points at.
fn field_row(e: &FieldError, lines: &[BudgetLine], g: &Group) -> (u32, &'static str) {
    if let Some(i) = e
        .field
        .strip_prefix("budget_lines[")
        .and_then(|r| r.split(']').next())
        .and_then(|i| i.parse::<usize>().ok())
    {
        if let Some(l) = lines.get(i) {
            if let Some(line) = g
                .lines
                .iter()
                .find(|x| x.year == l.year && x.source == l.source)
            {
                return (line.row, "amount");
            }
        }
    }
    let col = match e.field.as_str() {
        f if f.starts_with("name") => "name",
        "start_year" | "end_year" => "start",
        "task_id" => "task",
        "org_id" => "org_code",
        _ => "amount",
    };
    (g.rows.first().copied().unwrap_or(0), col)
}

/// Compares the parsed file with the plan and the draft.
pub fn check(parsed: &Parsed, ctx: &Context, actor: &Actor, sheet_of: &Book) -> Checked<Action> {
    let sheet = sheet_of
        .sheets
        .iter()
        .find(|s| s.name == parsed.sheet)
        .cloned()
        .unwrap_or_default();
    let mut out = Checked {
        issues: parsed.issues.clone(),
        ..Checked::default()
    };
    let approved: HashMap<i32, &MeasureInput> = ctx
        .history
        .approved()
        .map(|(row, input)| (row.id, input))
        .collect();
    // The states each older file version saw, for the measures changed since.
    let mut seen_at: BTreeMap<i32, HashMap<i32, Option<MeasureInput>>> = BTreeMap::new();
    for g in &parsed.groups {
        if let Some(v) = g.version.filter(|v| *v < ctx.version) {
            seen_at.entry(v).or_insert_with(|| {
                ctx.history
                    .changed_between(v, ctx.version)
                    .into_iter()
                    .map(|(id, old, _)| (id, old.cloned()))
                    .collect()
            });
        }
    }
    let header = &parsed.header;
    let issue_at = |row: u32, key: &str, code: ErrorCode| {
        let col = header.col(key).unwrap_or(0);
        ImportIssue::new(
            &parsed.sheet,
            row,
            &header.label(col),
            &sheet.cell(row.saturating_sub(1) as usize, col).shown(),
            code,
        )
    };
    let mut counts = ImportCounts::default();
    for g in &parsed.groups {
        let mut group_issues: Vec<ImportIssue> = Vec::new();
        let mut changes: Vec<ImportChange> = Vec::new();
        let mut action = None;
        let mut unchanged = 0u32;
        match &g.key {
            Key::Existing(id) => {
                let Some(&now) = approved.get(id) else {
                    for &r in &g.rows {
                        group_issues.push(issue_at(r, "measure", ErrorCode::ImportMeasureUnknown));
                    }
                    out.absorb(&parsed.sheet, group_issues, &g.rows);
                    continue;
                };
                if !actor.can_read_org(&ctx.structure, now.org_id)
                    || !actor.can_plan_for(now.org_id)
                {
                    for &r in &g.rows {
                        group_issues.push(issue_at(
                            r,
                            "measure",
                            ErrorCode::ImportMeasureForbidden,
                        ));
                    }
                    out.absorb(&parsed.sheet, group_issues, &g.rows);
                    continue;
                }
                if g.bad {
                    out.absorb(&parsed.sheet, Vec::new(), &g.rows);
                    continue;
                }
                let seen: Option<&MeasureInput> = match g.version {
                    Some(v) if v < ctx.version => match seen_at.get(&v).and_then(|m| m.get(id)) {
                        Some(old) => old.as_ref(),
                        None => Some(now),
                    },
                    _ => Some(now),
                };
                let draft_state = match ctx.draft.get(id) {
                    Some(ch) => apply_changes(Some(now), ch),
                    None => Some(now.clone()),
                };
                let mut proposed = draft_state.clone().unwrap_or_else(|| now.clone());
                let mut cells: Vec<(Year, FundingSource)> = g
                    .lines
                    .iter()
                    .map(|l| (l.year, l.source))
                    .chain(now.budget_lines.iter().map(|l| (l.year, l.source)))
                    .collect();
                cells.sort();
                cells.dedup();
                let name = now.name.uk.clone();
                let mut writes = false;
                for (year, source) in cells {
                    let line = g
                        .lines
                        .iter()
                        .find(|l| l.year == year && l.source == source);
                    let (c, v0) = (
                        amount_at(Some(now), year, source),
                        amount_at(seen, year, source),
                    );
                    let f = match line {
                        Some(l) => l.amount,
                        // Not in the file: removed if the file's version had it.
                        None if v0.is_some() => None,
                        None => continue,
                    };
                    let row = line.map_or_else(|| g.rows.first().copied().unwrap_or(0), |l| l.row);
                    if f == c || f == v0 {
                        if line.is_some() {
                            unchanged += 1;
                        }
                        continue;
                    }
                    let in_draft = amount_at(draft_state.as_ref(), year, source) == f;
                    let kind = if v0 != c {
                        ChangeKind::Conflict
                    } else if c.is_none() {
                        ChangeKind::Added
                    } else if f.is_none() {
                        ChangeKind::Removed
                    } else {
                        ChangeKind::Changed
                    };
                    changes.push(ImportChange {
                        sheet: parsed.sheet.clone(),
                        row,
                        kind,
                        subject: format!("measure:{id}"),
                        name: name.clone(),
                        field: format!("amount:{year}:{}", source.as_str()),
                        label: amount_label(year, source),
                        old: shown(c),
                        new: shown(f),
                        in_draft,
                    });
                    if kind == ChangeKind::Conflict {
                        continue;
                    }
                    proposed
                        .budget_lines
                        .retain(|l| !(l.year == year && l.source == source));
                    if let Some(amount) = f {
                        proposed.budget_lines.push(BudgetLine {
                            year,
                            source,
                            amount,
                        });
                    }
                    writes |= !in_draft;
                }
                proposed.budget_lines.sort_by_key(|l| (l.year, l.source));
                let errors = proposed.validate_all();
                if !errors.is_empty() {
                    for e in &errors {
                        let (row, col) = field_row(e, &proposed.budget_lines, g);
                        group_issues.push(issue_at(row, col, e.code));
                    }
                    out.absorb(&parsed.sheet, group_issues, &g.rows);
                    continue;
                }
                if writes && Some(&proposed) != draft_state.as_ref() {
                    action = Some(Action::Propose {
                        measure: *id,
                        input: proposed,
                    });
                }
            }
            Key::New(_) => {
                if g.bad {
                    out.absorb(&parsed.sheet, Vec::new(), &g.rows);
                    continue;
                }
                let first = g.rows.first().copied().unwrap_or(0);
                let f = &g.fields;
                let task = TaskCode::parse(&f.task).ok().and_then(|code| {
                    ctx.structure
                        .tasks
                        .iter()
                        .find(|t| t.code == code)
                        .map(|t| t.id)
                });
                let org = org_of(&ctx.structure, actor, f);
                let (Some(task), Some(org)) = (task, org) else {
                    if task.is_none() {
                        group_issues.push(issue_at(first, "task", ErrorCode::TaskUnknown));
                    }
                    if org.is_none() {
                        group_issues.push(issue_at(first, "org_code", ErrorCode::OrgUnknown));
                    }
                    out.absorb(&parsed.sheet, group_issues, &g.rows);
                    continue;
                };
                let years: Vec<Year> = g.lines.iter().map(|l| l.year).collect();
                let start = f
                    .start
                    .or_else(|| years.iter().min().copied())
                    .unwrap_or(Year::FIRST);
                let end = f
                    .end
                    .or_else(|| years.iter().max().copied())
                    .unwrap_or(start);
                let mut input = MeasureInput {
                    task_id: task,
                    org_id: org,
                    name: Text::new(f.name.clone(), String::new()),
                    description: String::new(),
                    expected_result: String::new(),
                    start_year: start,
                    end_year: end,
                    budget_lines: g
                        .lines
                        .iter()
                        .filter_map(|l| {
                            l.amount.map(|amount| BudgetLine {
                                year: l.year,
                                source: l.source,
                                amount,
                            })
                        })
                        .collect(),
                };
                input.budget_lines.sort_by_key(|l| (l.year, l.source));
                if let Err(e) = check_target(&ctx.structure, actor, &input) {
                    let code = if e.code() == ErrorCode::OrgNotAllowed {
                        ErrorCode::ImportMeasureForbidden
                    } else {
                        e.code()
                    };
                    group_issues.push(issue_at(first, "org_code", code));
                }
                for e in input.validate_all() {
                    let (row, col) = field_row(&e, &input.budget_lines, g);
                    group_issues.push(issue_at(row, col, e.code));
                }
                if !group_issues.is_empty() {
                    out.absorb(&parsed.sheet, group_issues, &g.rows);
                    continue;
                }
                let existing = ctx.added.iter().find(|(_, _, m)| {
                    m.org_id == input.org_id && normal(&m.name.uk) == normal(&input.name.uk)
                });
                let total = |m: &MeasureInput| {
                    format!(
                        "{} · {}",
                        m.budget_lines.len(),
                        Amount::sum(m.budget_lines.iter().map(|l| l.amount)).format_table(Lang::Uk)
                    )
                };
                let (in_draft, old) = match existing {
                    Some((id, version, m)) => {
                        // Keep what only the form sets (English name, texts).
                        input.name.en = m.name.en.clone();
                        input.description = m.description.clone();
                        input.expected_result = m.expected_result.clone();
                        let same = *m == input;
                        if !same {
                            action = Some(Action::Update {
                                measure: *id,
                                version: *version,
                                input: input.clone(),
                            });
                        }
                        (same, total(m))
                    }
                    None => {
                        action = Some(Action::Create(input.clone()));
                        (false, String::new())
                    }
                };
                changes.push(ImportChange {
                    sheet: parsed.sheet.clone(),
                    row: first,
                    kind: ChangeKind::Added,
                    subject: "measure:new".to_string(),
                    name: input.name.uk.clone(),
                    field: "measure_add".to_string(),
                    label: Text::new(
                        "Новий захід: рядків бюджету · сума, тис. грн",
                        "New measure: budget lines · total, thousand UAH",
                    ),
                    old,
                    new: total(&input),
                    in_draft,
                });
            }
        }
        counts.unchanged += unchanged;
        for c in &changes {
            match c.kind {
                ChangeKind::Added => counts.added += 1,
                ChangeKind::Changed => counts.changed += 1,
                ChangeKind::Removed => counts.removed += 1,
                ChangeKind::Conflict => counts.conflicts += 1,
            }
        }
        out.changes.extend(changes);
        out.actions.extend(action);
    }
    counts.refused = {
        let mut rows: Vec<u32> = out.issues.iter().map(|i| i.row).collect();
        rows.sort_unstable();
        rows.dedup();
        rows.len() as u32
    };
    out.counts = counts;
    out.issues.sort_by_key(|i| i.row);
    out
}

/// A new measure's executor: by KATOTTH code, else by name, else the coordinator's own.
fn org_of(structure: &Structure, actor: &Actor, f: &NewFields) -> Option<OrgId> {
    if !f.org_code.is_empty() {
        let code = KatottgCode::parse(&f.org_code).ok()?;
        return structure
            .orgs
            .iter()
            .find(|o| o.code.as_ref() == Some(&code))
            .map(|o| o.id);
    }
    if !f.org_name.is_empty() {
        let n = normal(&f.org_name);
        return structure
            .orgs
            .iter()
            .find(|o| normal(&o.name.uk) == n || normal(&o.name.en) == n)
            .map(|o| o.id);
    }
    actor.org.filter(|o| actor.can_plan_for(*o))
}

/// Writes the actions into the draft, inside the confirm's transaction.
pub fn apply(tx: &mut Tx, actor: &Actor, actions: &[Action]) -> AppResult<Option<i32>> {
    use crate::app::plan::measures::{create_in, update_in};
    use crate::app::proposals::steps;
    for action in actions {
        match action {
            Action::Propose { measure, input } => {
                let org = actor
                    .proposal_org(tx.structure())
                    .ok_or(ErrorCode::Forbidden)?;
                let seen = db::proposals::draft_of(tx.conn, org.0)?.map(|d| d.version);
                steps::write_measure(tx, actor, *measure, seen, Some(input), false)?;
            }
            Action::Create(input) => {
                create_in(tx, actor, input)?;
            }
            Action::Update {
                measure,
                version,
                input,
            } => update_in(tx, actor, *measure, *version, input)?,
        }
    }
    let org = actor.proposal_org(tx.structure());
    Ok(match org {
        Some(o) => db::proposals::draft_of(tx.conn, o.0)?.map(|d| d.id),
        None => None,
    })
}
