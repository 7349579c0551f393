//! A report as a workbook to fill in offline (its measures, spending lines and indicators, prefilled with what is saved), and such a workbook read back into the report's draft.
//!
//! The workbook has four sheets: "Про файл" (whose report, which period, its version), "Заходи"
//! (status, what was done, reasons for non-execution in an annual report), "Витрати" (quarterly:
//! spent in the quarter per source, the comment an overspent line needs) and "Показники"
//! (value and comment). Codes identify every row; the white columns are the ones to fill.
//!
//! Reading it back builds the whole draft as the form would send it — the saved report with
//! the file's values over it — and checks it with the save's own rules in a transaction that
//! is rolled back: a refused value is reported at its row and cell and left as saved, the rest
//! still counts. Confirming saves that draft like the form's Save button.

use super::cells::{self, Col, Header};
use super::reader::{Book, Sheet, Value};
use super::Checked;
use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::reports::{view, Ctx};
use crate::app::App;
use crate::db::DbConn;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use shared::api::imports::{ChangeKind, ImportChange, ImportIssue};
use shared::api::reports::{
    ExecutionStatus, MeasureReportInput, Report, SaveReport, SpendingInput, ValueInput,
};
use shared::calendar::ReportPeriod;
use shared::execution::overspent;
use shared::{Amount, ErrorCode, FundingSource, Lang, OrgId, Text};

/// The measures sheet.
pub const MEASURES: [Col; 6] = [
    Col::new("measure", "Код заходу", "Measure code"),
    Col::new("task", "Код завдання", "Task code").optional(),
    Col::new("name", "Захід", "Measure").optional(),
    Col::new("status", "Стан виконання", "Execution status"),
    Col::new("narrative", "Що зроблено", "What was done"),
    Col::new(
        "reasons",
        "Причини невиконання",
        "Reasons for non-execution",
    )
    .optional(),
];

/// The spending sheet (quarterly reports).
pub const SPENDING: [Col; 8] = [
    Col::new("measure", "Код заходу", "Measure code"),
    Col::new("name", "Захід", "Measure").optional(),
    Col::new("source", "Джерело фінансування", "Funding source"),
    Col::new(
        "planned",
        "Заплановано на рік, тис. грн",
        "Planned for the year, thousand UAH",
    )
    .optional(),
    Col::new(
        "approved",
        "Затверджено на рік, тис. грн",
        "Approved for the year, thousand UAH",
    )
    .optional(),
    Col::new(
        "before",
        "Виконано раніше, тис. грн",
        "Executed before, thousand UAH",
    )
    .optional(),
    Col::new(
        "spent",
        "Витрачено за квартал, тис. грн",
        "Spent in the quarter, thousand UAH",
    ),
    Col::new(
        "comment",
        "Коментар до перевищення",
        "Comment on overspending",
    ),
];

/// The indicators sheet.
pub const VALUES: [Col; 7] = [
    Col::new("indicator", "Код показника", "Indicator code"),
    Col::new("name", "Показник", "Indicator").optional(),
    Col::new("unit", "Одиниця", "Unit").optional(),
    Col::new("previous", "Попереднє значення", "Previous value").optional(),
    Col::new("expected", "Очікуване значення", "Expected value").optional(),
    Col::new("value", "Значення", "Value"),
    Col::new("comment", "Коментар", "Comment"),
];

const SHEET_ABOUT: Pair = ("Про файл", "About");
const SHEET_MEASURES: Pair = ("Заходи", "Measures");
const SHEET_SPENDING: Pair = ("Витрати", "Spending");
const SHEET_VALUES: Pair = ("Показники", "Indicators");
const ABOUT_ORG: Pair = ("Код організації в Обрії", "Organisation's code in Obriy");
const ABOUT_PERIOD: Pair = ("Період", "Period");

/// A name in both languages.
type Pair = (&'static str, &'static str);

fn pick(t: &Pair, lang: Lang) -> String {
    match lang {
        Lang::Uk => t.0,
        Lang::En => t.1,
    }
    .to_string()
}

/// The report as the user may see it, with what the workbook leaves out (computed indicators).
fn report_and_ctx(
    conn: &mut DbConn,
    app: &App,
    actor: &Actor,
    org: OrgId,
    period: ReportPeriod,
) -> AppResult<(Report, Ctx)> {
    let ctx = Ctx::load(conn, app)?;
    let mut report = view::view(conn, &ctx, actor, org, period)?;
    report.values.retain(|v| {
        ctx.defs
            .iter()
            .find(|d| d.indicator.id == v.indicator_id)
            .is_none_or(|d| d.indicator.formula.is_none())
    });
    Ok((report, ctx))
}

fn xerr(e: XlsxError) -> AppError {
    AppError::internal(anyhow::anyhow!("workbook: {e}"))
}

/// The prefilled workbook of a report and its file name.
pub fn workbook(
    app: &App,
    actor: &Actor,
    org: OrgId,
    period: ReportPeriod,
    lang: Lang,
) -> AppResult<(Vec<u8>, String)> {
    let report = app.read(|conn| Ok(report_and_ctx(conn, app, actor, org, period)?.0))?;
    let bytes = write(&report, actor, lang).map_err(xerr)?;
    let name = format!(
        "{} {} {}.xlsx",
        pick(&("звіт", "report"), lang),
        report.org.name.get(lang),
        period
    );
    Ok((bytes, name))
}

struct Styles {
    head: Format,
    fixed: Format,
    fixed_amount: Format,
    fill: Format,
    fill_amount: Format,
    bold: Format,
    wrap: Format,
}

fn styles() -> Styles {
    let bordered = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let grey = bordered.clone().set_background_color(0xF2F2F2);
    Styles {
        head: bordered
            .clone()
            .set_bold()
            .set_background_color(0xD0D0D0)
            .set_align(FormatAlign::Center),
        fixed_amount: grey.clone().set_num_format("#,##0.0##"),
        fixed: grey,
        fill_amount: bordered.clone().set_num_format("#,##0.0##"),
        fill: bordered,
        bold: Format::new().set_bold(),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
    }
}

fn heads(
    sheet: &mut Worksheet,
    cols: &[Col],
    widths: &[f64],
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    for (c, col) in cols.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, col.title(lang), &s.head)?;
        sheet.set_column_width(c as u16, widths.get(c).copied().unwrap_or(14.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_row_height(0, 32)?;
    Ok(())
}

fn amount_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    a: Amount,
    f: &Format,
) -> Result<(), XlsxError> {
    use rust_decimal::prelude::ToPrimitive;
    sheet.write_number_with_format(r, c, a.decimal().to_f64().unwrap_or(0.0), f)?;
    Ok(())
}

fn write(report: &Report, actor: &Actor, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let s = styles();
    let annual = matches!(report.period, ReportPeriod::Annual { .. });
    let mut book = Workbook::new();
    {
        let about = book.add_worksheet();
        about.set_name(pick(&SHEET_ABOUT, lang))?;
        about.set_column_width(0, 34)?;
        about.set_column_width(1, 80)?;
        let title = match lang {
            Lang::Uk => format!(
                "Звіт для заповнення: {}, {}",
                report.org.name.uk, report.period
            ),
            Lang::En => format!(
                "Report to fill in: {}, {}",
                report.org.name.get(lang),
                report.period
            ),
        };
        about.write_string_with_format(0, 0, &title, &s.bold)?;
        let made = crate::db::now_ms();
        let lines: Vec<(String, String)> = vec![
            (pick(&ABOUT_ORG, lang), report.org.id.0.to_string()),
            (pick(&("Організація", "Organisation"), lang), report.org.name.get(lang).to_string()),
            (pick(&ABOUT_PERIOD, lang), report.period.to_string()),
            (pick(&("Версія звіту", "Report version"), lang), report.version.to_string()),
            (
                pick(&("Сформовано", "Made"), lang),
                format!(
                    "{} · {}",
                    shared::calendar::Date::kyiv_from_unix_ms(made).map(|d| d.format(lang)).unwrap_or_default(),
                    actor.name
                ),
            ),
            (
                pick(&("Як заповнювати", "How to fill it in"), lang),
                pick(&(
                    "Заповніть білі клітинки на аркушах «Заходи», «Витрати» і «Показники»; сірі — довідкові. Не змінюйте коди й заголовки. Суми — в тис. грн (1234,5). Завантажте файл у Обрії: «Імпорт з Excel» → «Звіт»; перед збереженням ви побачите всі зміни й помилки.",
                    "Fill in the white cells on the sheets \"Measures\", \"Spending\" and \"Indicators\"; grey ones are for reference. Keep the codes and headings. Amounts in thousand UAH (1234.5). Upload the file in Obriy: \"Import from Excel\" → \"Report\"; you will see every change and error before anything is saved.",
                ), lang),
            ),
        ];
        for (i, (k, v)) in lines.iter().enumerate() {
            about.write_string_with_format(i as u32 + 1, 0, k, &s.bold)?;
            about.write_string_with_format(i as u32 + 1, 1, v, &s.wrap)?;
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(pick(&SHEET_MEASURES, lang))?;
        let cols: &[Col] = if annual { &MEASURES } else { &MEASURES[..5] };
        let mut cols = cols.to_vec();
        if annual {
            cols[4] = Col::new("narrative", "Досягнуті результати", "Results achieved");
        }
        heads(
            sheet,
            &cols,
            &[10.0, 10.0, 50.0, 18.0, 60.0, 50.0],
            lang,
            &s,
        )?;
        let labels: Vec<String> = ExecutionStatus::ALL
            .iter()
            .map(|st| st.label().get(lang).to_string())
            .collect();
        for (i, m) in report.measures.iter().enumerate() {
            let r = i as u32 + 1;
            sheet.write_number_with_format(r, 0, f64::from(m.measure_id.0), &s.fixed)?;
            sheet.write_string_with_format(r, 1, &m.task_code, &s.fixed)?;
            sheet.write_string_with_format(r, 2, m.name.get(lang), &s.fixed)?;
            let status = m
                .status
                .map(|st| st.label().get(lang).to_string())
                .unwrap_or_default();
            sheet.write_string_with_format(r, 3, &status, &s.fill)?;
            sheet.write_string_with_format(r, 4, &m.narrative, &s.fill)?;
            if annual {
                sheet.write_string_with_format(r, 5, &m.reasons, &s.fill)?;
            }
        }
        if !report.measures.is_empty() {
            let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
            let dv = DataValidation::new().allow_list_strings(&refs)?;
            sheet.add_data_validation(1, 3, report.measures.len() as u32, 3, &dv)?;
        }
    }
    if !annual {
        let sheet = book.add_worksheet();
        sheet.set_name(pick(&SHEET_SPENDING, lang))?;
        heads(
            sheet,
            &SPENDING,
            &[10.0, 44.0, 20.0, 14.0, 14.0, 14.0, 16.0, 40.0],
            lang,
            &s,
        )?;
        let mut r = 1;
        for m in &report.measures {
            for l in &m.lines {
                sheet.write_number_with_format(r, 0, f64::from(m.measure_id.0), &s.fixed)?;
                sheet.write_string_with_format(r, 1, m.name.get(lang), &s.fixed)?;
                sheet.write_string_with_format(r, 2, l.source.label().get(lang), &s.fixed)?;
                amount_cell(sheet, r, 3, l.planned, &s.fixed_amount)?;
                amount_cell(sheet, r, 4, l.approved, &s.fixed_amount)?;
                amount_cell(sheet, r, 5, l.executed_before, &s.fixed_amount)?;
                if l.spent.is_zero() && report.version == 0 {
                    sheet.write_blank(r, 6, &s.fill_amount)?;
                } else {
                    amount_cell(sheet, r, 6, l.spent, &s.fill_amount)?;
                }
                sheet.write_string_with_format(r, 7, &l.comment, &s.fill)?;
                r += 1;
            }
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(pick(&SHEET_VALUES, lang))?;
        heads(
            sheet,
            &VALUES,
            &[12.0, 50.0, 12.0, 14.0, 14.0, 14.0, 40.0],
            lang,
            &s,
        )?;
        for (i, v) in report.values.iter().enumerate() {
            let r = i as u32 + 1;
            sheet.write_string_with_format(r, 0, &v.code, &s.fixed)?;
            sheet.write_string_with_format(r, 1, v.name.get(lang), &s.fixed)?;
            sheet.write_string_with_format(r, 2, v.unit.label().get(lang), &s.fixed)?;
            write_decimal(sheet, r, 3, v.previous, &s.fixed)?;
            write_decimal(sheet, r, 4, v.expected, &s.fixed)?;
            write_decimal(sheet, r, 5, v.value, &s.fill)?;
            sheet.write_string_with_format(r, 6, &v.comment, &s.fill)?;
        }
    }
    book.save_to_buffer()
}

fn write_decimal(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    d: Option<Decimal>,
    f: &Format,
) -> Result<(), XlsxError> {
    use rust_decimal::prelude::ToPrimitive;
    match d {
        Some(d) => sheet.write_number_with_format(r, c, d.to_f64().unwrap_or(0.0), f)?,
        None => sheet.write_blank(r, c, f)?,
    };
    Ok(())
}

/// What a checked report workbook would save.
pub struct ReportChecked {
    pub checked: Checked<()>,
    /// The draft to save (`None`: nothing to change).
    pub save: Option<SaveReport>,
    pub plan_version: i32,
}

/// Where each part of a save came from in the file, to put a refusal back at its cell.
#[derive(Default)]
struct Origins {
    /// Per `measures[i]`: (sheet, row) of its measures row.
    measures: Vec<Option<(String, u32, Header)>>,
    /// Per `measures[i].spending[j]`.
    spending: Vec<Vec<(String, u32, Header)>>,
    /// Per `values[i]`.
    values: Vec<Option<(String, u32, Header)>>,
}

fn find_sheet<'a>(book: &'a Book, name: &Pair, cols: &[Col]) -> Option<(&'a Sheet, Header)> {
    let wanted = [name.0.to_lowercase(), name.1.to_lowercase()];
    book.sheets
        .iter()
        .filter(|s| wanted.contains(&s.name.trim().to_lowercase()))
        .chain(book.sheets.iter())
        .find_map(|s| cells::find_header(s, cols).ok().map(|h| (s, h)))
}

fn about_value(book: &Book, key: &Pair) -> Option<String> {
    let sheet = book.sheets.iter().find(|s| {
        let n = s.name.trim().to_lowercase();
        n == SHEET_ABOUT.0.to_lowercase() || n == SHEET_ABOUT.1.to_lowercase()
    })?;
    sheet.rows.iter().find_map(|row| {
        let k = cells::text(row.first()?);
        (k == key.0 || k == key.1).then(|| cells::text(row.get(1).unwrap_or(&Value::Empty)))
    })
}

fn status_of(text: &str) -> Option<ExecutionStatus> {
    let n = text.trim().to_lowercase();
    ExecutionStatus::ALL.into_iter().find(|s| {
        let l = s.label();
        n == s.as_str() || n == l.uk.to_lowercase() || n == l.en.to_lowercase()
    })
}

/// Reads a report workbook against the report as saved; `Err` for a file that is not this
/// report's at all.
pub fn check(
    app: &App,
    conn: &mut DbConn,
    actor: &Actor,
    org: OrgId,
    period: ReportPeriod,
    book: &Book,
) -> AppResult<Result<ReportChecked, ImportIssue>> {
    let (report, _ctx) = report_and_ctx(conn, app, actor, org, period)?;
    let plan_version = crate::db::versions::current(conn)?;
    let whole = |code: ErrorCode, value: &str| Ok(Err(ImportIssue::new("", 0, "", value, code)));
    // The file's identity first: the wrong file is the more useful answer than a locked report.
    if let Some(o) = about_value(book, &ABOUT_ORG) {
        if o != org.0.to_string() {
            return whole(ErrorCode::ImportWrongReport, &o);
        }
    }
    if let Some(p) = about_value(book, &ABOUT_PERIOD) {
        if p != period.to_string() {
            return whole(ErrorCode::ImportWrongReport, &p);
        }
    }
    if !report.can_edit {
        let code = match report.stage {
            Some(shared::api::reports::ReportStage::Approved) => ErrorCode::ReportLocked,
            _ => ErrorCode::ReportWrongState,
        };
        return whole(code, "");
    }
    let annual = matches!(period, ReportPeriod::Annual { .. });
    let mut out: Checked<()> = Checked::default();
    let mut save = SaveReport {
        version: report.version,
        measures: report
            .measures
            .iter()
            .map(|m| MeasureReportInput {
                measure_id: m.measure_id,
                status: m.status,
                narrative: m.narrative.clone(),
                reasons: m.reasons.clone(),
                spending: if annual {
                    Vec::new()
                } else {
                    m.lines
                        .iter()
                        .filter(|l| !l.spent.is_zero() || !l.comment.is_empty())
                        .map(|l| SpendingInput {
                            source: l.source,
                            amount: l.spent,
                            comment: l.comment.clone(),
                        })
                        .collect()
                },
            })
            .collect(),
        values: report
            .values
            .iter()
            .map(|v| ValueInput {
                indicator_id: v.indicator_id,
                value: v.value,
                comment: v.comment.clone(),
            })
            .collect(),
    };
    let original = save.clone();
    let mut origins = Origins {
        measures: vec![None; save.measures.len()],
        spending: vec![Vec::new(); save.measures.len()],
        values: vec![None; save.values.len()],
    };
    let mut found_any = false;
    let issue = |sheet: &Sheet, h: &Header, r: usize, key: &str, code: ErrorCode| {
        let col = h.col(key).unwrap_or(0);
        ImportIssue::new(
            &sheet.name,
            r as u32 + 1,
            &h.label(col),
            &sheet.cell(r, col).shown(),
            code,
        )
    };
    let measure_index = |cell: &Value| -> Result<usize, ErrorCode> {
        let id = cells::whole(cell, ErrorCode::ImportMeasureUnknown)?
            .ok_or(ErrorCode::ImportMeasureUnknown)?;
        report
            .measures
            .iter()
            .position(|m| i64::from(m.measure_id.0) == id)
            .ok_or(ErrorCode::ImportMeasureUnknown)
    };
    // Measures.
    let mut measures_cols = MEASURES.to_vec();
    if annual {
        measures_cols[4] = Col::new("narrative", "Досягнуті результати", "Results achieved");
    }
    if let Some((sheet, h)) = find_sheet(book, &SHEET_MEASURES, &measures_cols) {
        found_any = true;
        let mut seen = std::collections::HashSet::new();
        for r in h.row + 1..sheet.rows.len() {
            if sheet.rows[r].iter().all(Value::is_empty) {
                continue;
            }
            let i = match measure_index(h.value(sheet, r, "measure")) {
                Ok(i) => i,
                Err(code) => {
                    out.issues.push(issue(sheet, &h, r, "measure", code));
                    continue;
                }
            };
            if !seen.insert(i) {
                out.issues.push(issue(
                    sheet,
                    &h,
                    r,
                    "measure",
                    ErrorCode::ImportRowDuplicate,
                ));
                continue;
            }
            let m = &mut save.measures[i];
            let status_text = cells::text(h.value(sheet, r, "status"));
            if status_text.is_empty() {
                m.status = None;
            } else if let Some(st) = status_of(&status_text) {
                m.status = Some(st);
            } else {
                out.issues.push(issue(
                    sheet,
                    &h,
                    r,
                    "status",
                    ErrorCode::ImportStatusUnknown,
                ));
            }
            m.narrative = cells::text(h.value(sheet, r, "narrative"));
            if annual && h.col("reasons").is_some() {
                m.reasons = cells::text(h.value(sheet, r, "reasons"));
            }
            origins.measures[i] = Some((sheet.name.clone(), r as u32 + 1, h.clone()));
        }
    }
    // Spending.
    if !annual {
        if let Some((sheet, h)) = find_sheet(book, &SHEET_SPENDING, &SPENDING) {
            found_any = true;
            let mut seen = std::collections::HashSet::new();
            for r in h.row + 1..sheet.rows.len() {
                if sheet.rows[r].iter().all(Value::is_empty) {
                    continue;
                }
                let i = match measure_index(h.value(sheet, r, "measure")) {
                    Ok(i) => i,
                    Err(code) => {
                        out.issues.push(issue(sheet, &h, r, "measure", code));
                        continue;
                    }
                };
                let Some(source) =
                    super::plan::source_of(&cells::text(h.value(sheet, r, "source")))
                else {
                    out.issues.push(issue(
                        sheet,
                        &h,
                        r,
                        "source",
                        ErrorCode::ImportSourceUnknown,
                    ));
                    continue;
                };
                let Some(line) = report.measures[i].lines.iter().find(|l| l.source == source)
                else {
                    out.issues.push(issue(
                        sheet,
                        &h,
                        r,
                        "source",
                        ErrorCode::ImportSourceUnknown,
                    ));
                    continue;
                };
                if !seen.insert((i, source)) {
                    out.issues
                        .push(issue(sheet, &h, r, "source", ErrorCode::ImportRowDuplicate));
                    continue;
                }
                let spent = match cells::amount(h.value(sheet, r, "spent")) {
                    Ok(a) => a,
                    Err(code) => {
                        out.issues.push(issue(sheet, &h, r, "spent", code));
                        continue;
                    }
                };
                let comment = cells::text(h.value(sheet, r, "comment"));
                let m = &mut save.measures[i];
                m.spending.retain(|s| s.source != source);
                if let Some(amount) = spent {
                    let over = !amount.is_zero()
                        && overspent(line.planned, line.approved, line.executed_before, amount);
                    m.spending.push(SpendingInput {
                        source,
                        amount,
                        // As in the form: a comment counts only while the line is over.
                        comment: if over { comment } else { String::new() },
                    });
                    m.spending.sort_by_key(|s| s.source);
                    let j = m
                        .spending
                        .iter()
                        .position(|s| s.source == source)
                        .unwrap_or(0);
                    let list = &mut origins.spending[i];
                    list.retain(|(_, row, _)| *row != r as u32 + 1);
                    list.insert(
                        j.min(list.len()),
                        (sheet.name.clone(), r as u32 + 1, h.clone()),
                    );
                }
            }
        }
    }
    // Indicator values.
    if let Some((sheet, h)) = find_sheet(book, &SHEET_VALUES, &VALUES) {
        found_any = true;
        let mut seen = std::collections::HashSet::new();
        for r in h.row + 1..sheet.rows.len() {
            if sheet.rows[r].iter().all(Value::is_empty) {
                continue;
            }
            let code = cells::text(h.value(sheet, r, "indicator"));
            let Some(i) = report
                .values
                .iter()
                .position(|v| v.code.eq_ignore_ascii_case(&code))
            else {
                out.issues.push(issue(
                    sheet,
                    &h,
                    r,
                    "indicator",
                    ErrorCode::ReportIndicatorUnknown,
                ));
                continue;
            };
            if !seen.insert(i) {
                out.issues.push(issue(
                    sheet,
                    &h,
                    r,
                    "indicator",
                    ErrorCode::ImportRowDuplicate,
                ));
                continue;
            }
            let cell = h.value(sheet, r, "value");
            let value = match cells::indicator_value(cell, report.values[i].unit) {
                Ok(v) => v,
                Err(code) => {
                    out.issues.push(issue(sheet, &h, r, "value", code));
                    continue;
                }
            };
            save.values[i].value = value;
            save.values[i].comment = cells::text(h.value(sheet, r, "comment"));
            origins.values[i] = Some((sheet.name.clone(), r as u32 + 1, h.clone()));
        }
    }
    if !found_any {
        let expected = [&SHEET_MEASURES, &SHEET_SPENDING, &SHEET_VALUES]
            .iter()
            .map(|t| format!("«{}» / \"{}\"", t.0, t.1))
            .collect::<Vec<_>>()
            .join("; ");
        return whole(ErrorCode::ImportColumnsMissing, &expected);
    }
    // The save's own rules, in a transaction that is rolled back; each refusal goes back to
    // its cell and the value to what was saved, until the rest passes.
    for _ in 0..200 {
        match dry_run(app, actor, org, period, &save) {
            Ok(()) => break,
            Err(e) => {
                let Some(field) = e.body.field.clone() else {
                    return Ok(Err(ImportIssue::new("", 0, "", "", e.code())));
                };
                let Some(issue) = revert(&mut save, &original, &origins, &field, e.code(), book)
                else {
                    return Ok(Err(ImportIssue::new("", 0, &field, "", e.code())));
                };
                out.issues.push(issue);
            }
        }
    }
    out.changes = changes(&report, &original, &save, &origins);
    let mut rows: Vec<(String, u32)> = out
        .issues
        .iter()
        .map(|i| (i.sheet.clone(), i.row))
        .collect();
    rows.sort();
    rows.dedup();
    out.counts.refused = rows.len() as u32;
    out.counts.changed = out.changes.len() as u32;
    let touched = origins.measures.iter().flatten().count()
        + origins.spending.iter().map(Vec::len).sum::<usize>()
        + origins.values.iter().flatten().count();
    out.counts.unchanged = (touched as u32).saturating_sub(out.counts.changed);
    out.issues
        .sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));
    let writes = save != original || report.version == 0 && !out.changes.is_empty();
    Ok(Ok(ReportChecked {
        checked: out,
        save: writes.then_some(save),
        plan_version,
    }))
}

/// A sentinel: the dry run passed (its transaction must still be rolled back).
const PASSED: ErrorCode = ErrorCode::ImportNothingToApply;

fn dry_run(
    app: &App,
    actor: &Actor,
    org: OrgId,
    period: ReportPeriod,
    save: &SaveReport,
) -> Result<(), AppError> {
    let result: AppResult<()> = app.write(&actor.into(), |tx| {
        crate::app::reports::save::save(tx, actor, org, period, save)?;
        Err(AppError::new(PASSED))
    });
    match result {
        Err(e) if e.code() == PASSED && e.body.field.is_none() => Ok(()),
        Err(e) => Err(e),
        Ok(()) => Ok(()),
    }
}

/// `measures[2].spending[0].amount` → 2, the rest.
fn indexed<'a>(path: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix(name)?.strip_prefix('[')?;
    let (index, rest) = rest.split_once(']')?;
    Some((index.parse().ok()?, rest.trim_start_matches('.')))
}

/// Puts the refused part of the save back as saved and says where it was in the file.
fn revert(
    save: &mut SaveReport,
    original: &SaveReport,
    origins: &Origins,
    field: &str,
    code: ErrorCode,
    book: &Book,
) -> Option<ImportIssue> {
    let at = |origin: &(String, u32, Header), key: &str| {
        let (sheet, row, h) = origin;
        let col = h.col(key).unwrap_or(0);
        let value = book
            .sheets
            .iter()
            .find(|s| &s.name == sheet)
            .map(|s| s.cell(*row as usize - 1, col).shown())
            .unwrap_or_default();
        ImportIssue::new(sheet, *row, &h.label(col), &value, code)
    };
    if let Some((i, rest)) = indexed(field, "measures") {
        if let Some((j, sub)) = indexed(rest, "spending") {
            let origin = origins.spending.get(i)?.get(j)?.clone();
            let source = save.measures.get(i)?.spending.get(j)?.source;
            let m = save.measures.get_mut(i)?;
            m.spending.retain(|s| s.source != source);
            if let Some(o) = original
                .measures
                .get(i)?
                .spending
                .iter()
                .find(|s| s.source == source)
            {
                m.spending.push(o.clone());
                m.spending.sort_by_key(|s| s.source);
            }
            let key = if sub == "comment" { "comment" } else { "spent" };
            return Some(at(&origin, key));
        }
        let origin = origins.measures.get(i)?.clone()?;
        let m = save.measures.get_mut(i)?;
        let o = original.measures.get(i)?;
        let key = match rest {
            "narrative" => {
                m.narrative = o.narrative.clone();
                "narrative"
            }
            "reasons" => {
                m.reasons = o.reasons.clone();
                "reasons"
            }
            _ => {
                m.status = o.status;
                "status"
            }
        };
        return Some(at(&origin, key));
    }
    if let Some((i, rest)) = indexed(field, "values") {
        let origin = origins.values.get(i)?.clone()?;
        let v = save.values.get_mut(i)?;
        *v = original.values.get(i)?.clone();
        let key = if rest == "comment" {
            "comment"
        } else {
            "value"
        };
        return Some(at(&origin, key));
    }
    None
}

fn change(
    origin: Option<&(String, u32, Header)>,
    subject: String,
    name: &Text,
    field: String,
    label: Text,
    old: String,
    new: String,
) -> Option<ImportChange> {
    (old != new).then(|| ImportChange {
        sheet: origin.map(|o| o.0.clone()).unwrap_or_default(),
        row: origin.map_or(0, |o| o.1),
        kind: if old.is_empty() {
            ChangeKind::Added
        } else if new.is_empty() {
            ChangeKind::Removed
        } else {
            ChangeKind::Changed
        },
        subject,
        name: name.uk.clone(),
        field,
        label,
        old,
        new,
        in_draft: false,
    })
}

/// What the save changes against the report as saved.
fn changes(
    report: &Report,
    before: &SaveReport,
    after: &SaveReport,
    origins: &Origins,
) -> Vec<ImportChange> {
    let mut out = Vec::new();
    let status = |s: Option<ExecutionStatus>| s.map(|s| s.label().uk).unwrap_or_default();
    for (i, (b, a)) in before.measures.iter().zip(&after.measures).enumerate() {
        let name = &report.measures[i].name;
        let subject = format!("measure:{}", b.measure_id.0);
        let origin = origins.measures[i].as_ref();
        out.extend(change(
            origin,
            subject.clone(),
            name,
            "status".into(),
            Text::new("Стан виконання", "Execution status"),
            status(b.status),
            status(a.status),
        ));
        out.extend(change(
            origin,
            subject.clone(),
            name,
            "narrative".into(),
            Text::new("Що зроблено", "What was done"),
            b.narrative.clone(),
            a.narrative.clone(),
        ));
        out.extend(change(
            origin,
            subject.clone(),
            name,
            "reasons".into(),
            Text::new("Причини невиконання", "Reasons for non-execution"),
            b.reasons.clone(),
            a.reasons.clone(),
        ));
        for source in FundingSource::ALL {
            let get =
                |m: &MeasureReportInput| m.spending.iter().find(|s| s.source == source).cloned();
            let (sb, sa) = (get(b), get(a));
            let amount = |s: &Option<SpendingInput>| {
                s.as_ref()
                    .map(|s| s.amount.format_table(Lang::Uk))
                    .unwrap_or_default()
            };
            let comment = |s: &Option<SpendingInput>| {
                s.as_ref().map(|s| s.comment.clone()).unwrap_or_default()
            };
            let j = a.spending.iter().position(|s| s.source == source);
            let origin = j.and_then(|j| origins.spending[i].get(j));
            let l = source.label();
            out.extend(change(
                origin,
                subject.clone(),
                name,
                format!("spending:{}", source.as_str()),
                Text::new(
                    format!("Витрачено, {}, тис. грн", l.uk),
                    format!("Spent, {}, thousand UAH", l.en),
                ),
                amount(&sb),
                amount(&sa),
            ));
            out.extend(change(
                origin,
                subject.clone(),
                name,
                format!("spending_comment:{}", source.as_str()),
                Text::new(
                    format!("Коментар до перевищення, {}", l.uk),
                    format!("Comment on overspending, {}", l.en),
                ),
                comment(&sb),
                comment(&sa),
            ));
        }
    }
    for (i, (b, a)) in before.values.iter().zip(&after.values).enumerate() {
        let v = &report.values[i];
        let subject = format!("indicator:{}", v.code);
        let origin = origins.values[i].as_ref();
        let shown = |d: Option<Decimal>| {
            d.map(|d| shared::amount::format_number(d, Lang::Uk))
                .unwrap_or_default()
        };
        out.extend(change(
            origin,
            subject.clone(),
            &v.name,
            "value".into(),
            Text::new("Значення", "Value"),
            shown(b.value),
            shown(a.value),
        ));
        out.extend(change(
            origin,
            subject.clone(),
            &v.name,
            "comment".into(),
            Text::new("Коментар", "Comment"),
            b.comment.clone(),
            a.comment.clone(),
        ));
    }
    out
}
