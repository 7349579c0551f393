//! The measure form's state: one signal per field and grid cell, and its conversion to `MeasureInput`.

use crate::i18n::K;
use leptos::prelude::*;
use shared::api::measures::{BudgetLine, MeasureDetail, MeasureInput, MeasureStatus};
use shared::{Amount, ErrorCode, FundingSource, Lang, OrgId, TaskId, Text, Year, PROGRAMME_YEARS};

/// Years of the programme term: the grid's possible rows.
const YEAR_COUNT: usize = (*PROGRAMME_YEARS.end() - *PROGRAMME_YEARS.start() + 1) as usize;
/// Every (year, source) pair of the term, row by row.
pub const CELLS: usize = YEAR_COUNT * FundingSource::ALL.len();

/// The position of a (year, source) cell in [`Form::cells`].
pub fn cell_index(year: Year, source: FundingSource) -> usize {
    let row = usize::try_from(year.get() - *PROGRAMME_YEARS.start()).unwrap_or(0);
    let col = FundingSource::ALL
        .iter()
        .position(|s| *s == source)
        .unwrap_or(0);
    row * FundingSource::ALL.len() + col
}

/// The (year, source) of a cell position.
pub fn cell_at(index: usize) -> Option<(Year, FundingSource)> {
    let year = Year::all().nth(index / FundingSource::ALL.len())?;
    let source = *FundingSource::ALL.get(index % FundingSource::ALL.len())?;
    Some((year, source))
}

/// The element id of a grid cell's input, e.g. `cell-2026-local`.
pub fn cell_dom_id(year: Year, source: FundingSource) -> String {
    format!("cell-{year}-{}", source.as_str())
}

/// A form field, also as the target of an error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    NameUk,
    NameEn,
    Description,
    ExpectedResult,
    Task,
    Org,
    Start,
    End,
    Cell(usize),
    /// The form as a whole: the message goes beside the save button.
    Form,
}

impl Field {
    /// The element the field's input has; its error text is at `{id}-error`.
    pub fn dom_id(self) -> String {
        match self {
            Field::NameUk => "measure-name-uk".into(),
            Field::NameEn => "measure-name-en".into(),
            Field::Description => "measure-description".into(),
            Field::ExpectedResult => "measure-result".into(),
            Field::Task => "measure-task".into(),
            Field::Org => "measure-org".into(),
            Field::Start => "measure-start".into(),
            Field::End => "measure-end".into(),
            Field::Cell(i) => match cell_at(i) {
                Some((year, source)) => cell_dom_id(year, source),
                None => "budget-grid".into(),
            },
            Field::Form => "measure-save".into(),
        }
    }

    /// The field's place in the form, so the first error on screen gets the focus.
    pub fn order(self) -> usize {
        match self {
            Field::NameUk => 0,
            Field::NameEn => 1,
            Field::Task => 2,
            Field::Org => 3,
            Field::Start => 4,
            Field::End => 5,
            Field::Description => 6,
            Field::ExpectedResult => 7,
            Field::Cell(i) => 8 + i,
            Field::Form => usize::MAX,
        }
    }

    /// Maps a field path of the API (`name.uk`, `budget_lines[2].amount`) back to the form.
    /// `sent_cells[i]` is the grid cell that became `budget_lines[i]` in the request.
    pub fn from_api(path: &str, sent_cells: &[usize]) -> Field {
        match path {
            "name.uk" | "name" => Field::NameUk,
            "name.en" => Field::NameEn,
            "description" => Field::Description,
            "expected_result" => Field::ExpectedResult,
            "task_id" | "task" => Field::Task,
            "org_id" | "org" => Field::Org,
            "start_year" => Field::Start,
            "end_year" => Field::End,
            _ => path
                .strip_prefix("budget_lines[")
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(index, _)| index.parse::<usize>().ok())
                .and_then(|index| sent_cells.get(index))
                .map_or(Field::Form, |&cell| Field::Cell(cell)),
        }
    }
}

/// An error message from the shared rules, the app's dictionary or the server.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Code(ErrorCode),
    Key(K),
    Server(Text),
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Msg::Code(code) => code.message().get(lang).to_string(),
            Msg::Key(key) => key.text(lang).to_string(),
            Msg::Server(text) => text.get(lang).to_string(),
        }
    }
}

/// Everything the user can type, as plain values: to snapshot, compare, restore and keep as a
/// local draft.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FormValues {
    pub name_uk: String,
    pub name_en: String,
    pub description: String,
    pub expected_result: String,
    /// A task id, or empty while none is chosen.
    pub task: String,
    pub org: String,
    pub start: i32,
    pub end: i32,
    /// Indexed by [`cell_index`]; empty text means no budget line.
    pub cells: Vec<String>,
}

impl FormValues {
    pub fn blank(task: Option<TaskId>, org: Option<OrgId>) -> Self {
        FormValues {
            name_uk: String::new(),
            name_en: String::new(),
            description: String::new(),
            expected_result: String::new(),
            task: task.map(|t| t.to_string()).unwrap_or_default(),
            org: org.map(|o| o.to_string()).unwrap_or_default(),
            start: *PROGRAMME_YEARS.start(),
            end: *PROGRAMME_YEARS.end(),
            cells: vec![String::new(); CELLS],
        }
    }

    /// What the form edits for a saved measure: the measure itself, or for an approved one with
    /// changes in my organisation's draft proposal, the measure as proposed there.
    pub fn editable(detail: &MeasureDetail, lang: Lang) -> Self {
        let proposed = (detail.status == MeasureStatus::Approved)
            .then(|| detail.draft.as_ref().and_then(|d| d.proposed.as_ref()))
            .flatten();
        match proposed {
            Some(input) => FormValues::from_input(input, lang),
            None => FormValues::from_input(&detail.to_input(), lang),
        }
    }

    pub fn from_input(input: &MeasureInput, lang: Lang) -> Self {
        let mut cells = vec![String::new(); CELLS];
        for line in &input.budget_lines {
            if let Some(cell) = cells.get_mut(cell_index(line.year, line.source)) {
                *cell = line.amount.to_input(lang);
            }
        }
        FormValues {
            name_uk: input.name.uk.clone(),
            name_en: input.name.en.clone(),
            description: input.description.clone(),
            expected_result: input.expected_result.clone(),
            task: input.task_id.to_string(),
            org: input.org_id.to_string(),
            start: input.start_year.get(),
            end: input.end_year.get(),
            cells,
        }
    }
}

/// Errors by field, in the order found.
pub type FieldErrors = Vec<(Field, Msg)>;

/// A request ready to send, and which grid cell became each of its budget lines.
pub struct Built {
    pub input: MeasureInput,
    pub sent_cells: Vec<usize>,
}

/// The live form: one signal per field, so typing in one cell re-renders only what depends on it.
#[derive(Clone, Copy)]
pub struct Form {
    pub name_uk: RwSignal<String>,
    pub name_en: RwSignal<String>,
    pub description: RwSignal<String>,
    pub expected_result: RwSignal<String>,
    pub task: RwSignal<String>,
    pub org: RwSignal<String>,
    pub start: RwSignal<i32>,
    pub end: RwSignal<i32>,
    pub cells: [RwSignal<String>; CELLS],
}

impl Form {
    pub fn new(values: &FormValues) -> Self {
        Form {
            name_uk: RwSignal::new(values.name_uk.clone()),
            name_en: RwSignal::new(values.name_en.clone()),
            description: RwSignal::new(values.description.clone()),
            expected_result: RwSignal::new(values.expected_result.clone()),
            task: RwSignal::new(values.task.clone()),
            org: RwSignal::new(values.org.clone()),
            start: RwSignal::new(values.start),
            end: RwSignal::new(values.end),
            cells: std::array::from_fn(|i| {
                RwSignal::new(values.cells.get(i).cloned().unwrap_or_default())
            }),
        }
    }

    pub fn load(self, values: &FormValues) {
        self.name_uk.set(values.name_uk.clone());
        self.name_en.set(values.name_en.clone());
        self.description.set(values.description.clone());
        self.expected_result.set(values.expected_result.clone());
        self.task.set(values.task.clone());
        self.org.set(values.org.clone());
        self.start.set(values.start);
        self.end.set(values.end);
        for (i, cell) in self.cells.iter().enumerate() {
            cell.set(values.cells.get(i).cloned().unwrap_or_default());
        }
    }

    /// Subscribes to every field (for the local draft, kept as the user types).
    pub fn track(self) {
        self.name_uk.track();
        self.name_en.track();
        self.description.track();
        self.expected_result.track();
        self.task.track();
        self.org.track();
        self.start.track();
        self.end.track();
        self.cells.iter().for_each(|c| c.track());
    }

    pub fn snapshot(self) -> FormValues {
        FormValues {
            name_uk: self.name_uk.get_untracked(),
            name_en: self.name_en.get_untracked(),
            description: self.description.get_untracked(),
            expected_result: self.expected_result.get_untracked(),
            task: self.task.get_untracked(),
            org: self.org.get_untracked(),
            start: self.start.get_untracked(),
            end: self.end.get_untracked(),
            cells: self.cells.iter().map(|c| c.get_untracked()).collect(),
        }
    }

    /// Whether the grid row of this year is within the measure's term (tracked).
    pub fn year_visible(self, year: Year) -> bool {
        (self.start.get()..=self.end.get()).contains(&year.get())
    }

    /// The live check of one cell with the server's own rule for a budget line;
    /// blank is no line, not an error.
    pub fn cell_error(self, index: usize) -> Option<ErrorCode> {
        self.cells[index].with(|s| {
            if s.trim().is_empty() {
                None
            } else {
                Amount::parse_line(s).err()
            }
        })
    }

    /// A cell's valid amount (tracked); `None` when blank or invalid.
    pub fn cell_amount(self, index: usize) -> Option<Amount> {
        self.cells[index].with(|s| {
            if s.trim().is_empty() {
                None
            } else {
                Amount::parse_line(s).ok()
            }
        })
    }

    pub fn row_total(self, year: Year) -> Amount {
        FundingSource::ALL
            .into_iter()
            .filter_map(|s| self.cell_amount(cell_index(year, s)))
            .sum()
    }

    pub fn column_total(self, source: FundingSource) -> Amount {
        Year::all()
            .filter(|&y| self.year_visible(y))
            .filter_map(|y| self.cell_amount(cell_index(y, source)))
            .sum()
    }

    pub fn grand_total(self) -> Amount {
        Year::all()
            .filter(|&y| self.year_visible(y))
            .map(|y| self.row_total(y))
            .sum()
    }

    /// Errors that are visible while typing and block saving (tracked).
    pub fn live_error_count(self) -> usize {
        let cells = (0..CELLS)
            .filter(|&i| cell_at(i).is_some_and(|(y, _)| self.year_visible(y)))
            .filter(|&i| self.cell_error(i).is_some())
            .count();
        cells + usize::from(self.end.get() < self.start.get())
    }

    /// Cells with text that are hidden because their year is outside the term (tracked).
    pub fn hidden_filled_cells(self) -> bool {
        (0..CELLS).any(|i| {
            cell_at(i).is_some_and(|(y, _)| !self.year_visible(y))
                && self.cells[i].with(|s| !s.trim().is_empty())
        })
    }

    /// Builds the request with the same rules as the server, or every error found.
    /// On success also returns which cell became each budget line, to map server errors back.
    pub fn build(self) -> Result<Built, FieldErrors> {
        let v = self.snapshot();
        let mut errors = Vec::new();
        let task = v.task.parse::<TaskId>().ok();
        if task.is_none() {
            errors.push((Field::Task, Msg::Key(K::TaskRequired)));
        }
        let org = v.org.parse::<OrgId>().ok();
        if org.is_none() {
            errors.push((Field::Org, Msg::Key(K::OrgRequired)));
        }
        let start = Year::new(v.start).map_err(|c| errors.push((Field::Start, Msg::Code(c))));
        let end = Year::new(v.end).map_err(|c| errors.push((Field::End, Msg::Code(c))));
        let (Ok(start), Ok(end)) = (start, end) else {
            return Err(errors);
        };
        let mut budget_lines = Vec::new();
        let mut sent_cells = Vec::new();
        for (i, text) in v.cells.iter().enumerate() {
            let Some((year, source)) = cell_at(i) else {
                continue;
            };
            if year < start || year > end || text.trim().is_empty() {
                continue;
            }
            match Amount::parse_line(text) {
                Ok(amount) => {
                    budget_lines.push(BudgetLine {
                        year,
                        source,
                        amount,
                    });
                    sent_cells.push(i);
                }
                Err(code) => errors.push((Field::Cell(i), Msg::Code(code))),
            }
        }
        let input = MeasureInput {
            // Placeholders only matter when an error is already recorded for the field.
            task_id: task.unwrap_or(TaskId(0)),
            org_id: org.unwrap_or(OrgId(0)),
            name: Text::new(v.name_uk.trim(), v.name_en.trim()),
            description: v.description.trim().to_string(),
            expected_result: v.expected_result.trim().to_string(),
            start_year: start,
            end_year: end,
            budget_lines,
        };
        for e in input.validate_all() {
            errors.push((Field::from_api(&e.field, &sent_cells), Msg::Code(e.code)));
        }
        if errors.is_empty() {
            Ok(Built { input, sent_cells })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_has_one_place() {
        for (i, (year, source)) in (0..CELLS).filter_map(|i| cell_at(i).map(|c| (i, c))) {
            assert_eq!(cell_index(year, source), i);
        }
        assert_eq!(cell_at(CELLS), None);
        let y2027 = Year::new(2027).expect("year");
        assert_eq!(
            Field::Cell(cell_index(y2027, FundingSource::Local)).dom_id(),
            "cell-2027-local"
        );
    }

    #[test]
    fn api_field_paths_map_back_to_the_form() {
        let sent = [5, 9];
        assert_eq!(Field::from_api("name.uk", &sent), Field::NameUk);
        assert_eq!(Field::from_api("org_id", &sent), Field::Org);
        assert_eq!(Field::from_api("end_year", &sent), Field::End);
        assert_eq!(
            Field::from_api("budget_lines[1].amount", &sent),
            Field::Cell(9)
        );
        assert_eq!(
            Field::from_api("budget_lines[0].year", &sent),
            Field::Cell(5)
        );
        assert_eq!(
            Field::from_api("budget_lines[7].amount", &sent),
            Field::Form
        );
        assert_eq!(Field::from_api("version", &sent), Field::Form);
    }

    fn detail(status: MeasureStatus, proposed: Option<MeasureInput>) -> MeasureDetail {
        use shared::api::auth::OrgRef;
        use shared::api::measures::{DirectionRef, MeasureDraft, TaskRef};
        use shared::api::orgs::OrgKind;
        use shared::api::proposals::ProposalId;
        let y = Year::new(2026).expect("year");
        let line = BudgetLine {
            year: y,
            source: FundingSource::Local,
            amount: Amount::parse("10").expect("amount"),
        };
        MeasureDetail {
            id: shared::MeasureId(5),
            version: 2,
            direction: DirectionRef {
                id: shared::DirectionId(1),
                number: 1,
                name: Text::default(),
            },
            task: TaskRef {
                id: TaskId(3),
                code: shared::TaskCode::parse("1.1").expect("code"),
                name: Text::default(),
            },
            org: OrgRef {
                id: OrgId(4),
                kind: OrgKind::Community,
                name: Text::default(),
                parent: None,
            },
            name: Text::new("Затверджений", ""),
            description: String::new(),
            expected_result: String::new(),
            start_year: y,
            end_year: y,
            budget_lines: vec![line],
            totals: shared::BudgetGrid::new(),
            is_demo: false,
            status,
            approved_in: Some(1),
            draft: Some(MeasureDraft {
                proposal_id: ProposalId(9),
                proposal_version: 3,
                proposed,
                lines: Vec::new(),
            }),
            in_review: Vec::new(),
            updated_at: 0,
            updated_by: None,
            can_edit: true,
        }
    }

    #[test]
    fn an_approved_measure_is_edited_from_the_draft_proposal() {
        let approved = detail(MeasureStatus::Approved, None);
        let mut proposed = approved.to_input();
        proposed.name.uk = "Запропонований".into();
        proposed.budget_lines[0].amount = Amount::parse("12,5").expect("amount");
        let with_draft = detail(MeasureStatus::Approved, Some(proposed));
        let v = FormValues::editable(&with_draft, Lang::Uk);
        assert_eq!(v.name_uk, "Запропонований");
        let cell = cell_index(Year::new(2026).expect("y"), FundingSource::Local);
        assert_eq!(v.cells[cell], "12,5");
        // Proposed for withdrawal, or not approved: the measure's own values.
        assert_eq!(
            FormValues::editable(&approved, Lang::Uk).name_uk,
            "Затверджений"
        );
        let mut draft = with_draft.clone();
        draft.status = MeasureStatus::Draft;
        assert_eq!(FormValues::editable(&draft, Lang::Uk).cells[cell], "10,0");
    }

    #[test]
    fn a_blank_form_spans_the_whole_term() {
        let v = FormValues::blank(None, Some(OrgId(4)));
        assert_eq!((v.start, v.end), (2026, 2028));
        assert_eq!(v.org, "4");
        assert_eq!(v.cells.len(), CELLS);
        assert!(Field::NameUk.order() < Field::Task.order());
        assert!(Field::Cell(0).order() < Field::Form.order());
    }
}
