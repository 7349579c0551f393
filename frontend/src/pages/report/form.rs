//! The report form as typed: its plain values, their conversion into `SaveReport` with every
//! field's error (an overspent line without its comment included), and the way an error the
//! server names (`values[3].comment`) finds its field.

use super::labels::value_input;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::api::reports::{
    ExecutionStatus, MeasureReportInput, Report, SaveReport, SpendingInput, SpendingLine,
    ValueInput, NARRATIVE_MAX,
};
use shared::execution::{overspent, spending_limit};
use shared::indicators::needs_comment;
use shared::{Amount, ErrorCode, FundingSource, IndicatorId, IndicatorUnit, Lang, MeasureId};

/// A field of the form, also as the target of an error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Status(MeasureId),
    Narrative(MeasureId),
    /// Reasons for non-execution (annual reports).
    Reasons(MeasureId),
    Spent(MeasureId, FundingSource),
    /// Why a line's spending goes above its limit.
    SpentComment(MeasureId, FundingSource),
    Value(IndicatorId),
    Comment(IndicatorId),
    Reason,
    /// The report as a whole: the message goes beside the buttons.
    General,
}

impl Target {
    /// The id of the field's element; its error is at `{id}-error`.
    pub fn dom_id(self) -> String {
        match self {
            Target::Status(m) => format!("status-{m}"),
            Target::Narrative(m) => format!("narrative-{m}"),
            Target::Reasons(m) => format!("reasons-{m}"),
            Target::Spent(m, s) => format!("spent-{m}-{}", s.as_str()),
            Target::SpentComment(m, s) => format!("spent-comment-{m}-{}", s.as_str()),
            Target::Value(i) => format!("value-{i}"),
            Target::Comment(i) => format!("comment-{i}"),
            Target::Reason => "reason-input".to_string(),
            Target::General => "report-action-status".to_string(),
        }
    }
}

/// One measure as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureEntry {
    pub measure_id: MeasureId,
    pub status: Option<ExecutionStatus>,
    pub narrative: String,
    /// Reasons for non-execution, as typed (annual reports).
    pub reasons: String,
    /// Spent in the period per source, as typed (quarterly reports).
    pub spent: Vec<(FundingSource, String)>,
    /// Why the spending of a source goes above its limit, as typed.
    pub comments: Vec<(FundingSource, String)>,
}

/// One indicator as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueEntry {
    pub indicator_id: IndicatorId,
    pub value: String,
    pub comment: String,
}

/// The whole form as typed, in the report's order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Entries {
    pub measures: Vec<MeasureEntry>,
    pub values: Vec<ValueEntry>,
}

impl Entries {
    /// The report's saved values as the fields show them (a zero spent is a blank field).
    pub fn of(report: &Report, lang: Lang) -> Entries {
        Entries {
            measures: report
                .measures
                .iter()
                .map(|m| MeasureEntry {
                    measure_id: m.measure_id,
                    status: m.status,
                    narrative: m.narrative.clone(),
                    reasons: m.reasons.clone(),
                    spent: m
                        .lines
                        .iter()
                        .map(|l| {
                            let text = if l.spent.is_zero() {
                                String::new()
                            } else {
                                l.spent.to_input(lang)
                            };
                            (l.source, text)
                        })
                        .collect(),
                    comments: m
                        .lines
                        .iter()
                        .map(|l| (l.source, l.comment.clone()))
                        .collect(),
                })
                .collect(),
            values: report
                .values
                .iter()
                .map(|v| ValueEntry {
                    indicator_id: v.indicator_id,
                    value: v.value.map(|d| value_input(d, lang)).unwrap_or_default(),
                    comment: v.comment.clone(),
                })
                .collect(),
        }
    }
}

/// Whether a value typed for an indicator needs a comment: it parses, and it moved more than
/// the allowed share from the previous period (the server applies the same rule).
pub fn comment_required(
    unit: IndicatorUnit,
    previous: Option<rust_decimal::Decimal>,
    typed: &str,
    max_change_percent: rust_decimal::Decimal,
) -> bool {
    !typed.trim().is_empty()
        && unit
            .parse_value(typed)
            .is_ok_and(|v| needs_comment(previous, v, max_change_percent))
}

/// Why a typed value cannot be sent, if it cannot (a blank value is no value yet).
pub fn value_error(unit: IndicatorUnit, typed: &str) -> Option<ErrorCode> {
    if typed.trim().is_empty() {
        None
    } else {
        unit.parse_value(typed).err()
    }
}

/// Why a typed spent amount cannot be sent, if it cannot (blank is zero).
pub fn spent_error(typed: &str) -> Option<ErrorCode> {
    if typed.trim().is_empty() {
        None
    } else {
        Amount::parse_line(typed).err()
    }
}

/// What a typed spent amount means for its line: `Some(limit)` when the year's spending would go
/// above the limit (the approved amount, else the planned one), so a comment is required. Blank,
/// zero (nothing spent now: the server asks nothing of it) or unreadable amounts are no
/// overspending.
pub fn over_limit(line: &SpendingLine, typed: &str) -> Option<Amount> {
    if typed.trim().is_empty() {
        return None;
    }
    let spent = Amount::parse_line(typed).ok().filter(|a| !a.is_zero())?;
    overspent(line.planned, line.approved, line.executed_before, spent)
        .then(|| spending_limit(line.planned, line.approved))
}

/// The comment typed for a source.
fn comment_of(m: &MeasureEntry, source: FundingSource) -> String {
    m.comments
        .iter()
        .find(|(s, _)| *s == source)
        .map(|(_, c)| c.trim().to_string())
        .unwrap_or_default()
}

/// Turns the form into the request, or says what is wrong with each field. `for_submit` also
/// asks for every measure's status, as submitting does.
pub fn build_save(
    version: i32,
    entries: &Entries,
    report: &Report,
    for_submit: bool,
) -> Result<SaveReport, Vec<(Target, ErrorCode)>> {
    let mut errors = Vec::new();
    let annual = report.period.is_annual();
    let measures = entries
        .measures
        .iter()
        .map(|m| {
            if for_submit && m.status.is_none() {
                errors.push((
                    Target::Status(m.measure_id),
                    ErrorCode::ExecutionStatusRequired,
                ));
            }
            let narrative = m.narrative.trim().to_string();
            if narrative.chars().count() > NARRATIVE_MAX {
                errors.push((Target::Narrative(m.measure_id), ErrorCode::TextTooLong));
            }
            // Only an annual report has reasons for non-execution; a quarterly one sends none.
            let reasons = if annual {
                m.reasons.trim().to_string()
            } else {
                String::new()
            };
            if reasons.chars().count() > NARRATIVE_MAX {
                errors.push((Target::Reasons(m.measure_id), ErrorCode::TextTooLong));
            }
            let lines = report
                .measures
                .iter()
                .find(|r| r.measure_id == m.measure_id)
                .map_or(&[][..], |r| r.lines.as_slice());
            let spending = if annual {
                Vec::new()
            } else {
                m.spent
                    .iter()
                    .filter(|(_, typed)| !typed.trim().is_empty())
                    .filter_map(|(source, typed)| match Amount::parse_line(typed) {
                        Ok(amount) => {
                            let over = lines
                                .iter()
                                .find(|l| l.source == *source)
                                .and_then(|l| over_limit(l, typed));
                            // A comment is kept only while the line is over: a hidden field is
                            // never saved.
                            let comment = over.map(|_| comment_of(m, *source)).unwrap_or_default();
                            let target = Target::SpentComment(m.measure_id, *source);
                            if over.is_some() && comment.is_empty() {
                                errors.push((target, ErrorCode::SpendingAboveApproved));
                            } else if comment.chars().count() > NARRATIVE_MAX {
                                errors.push((target, ErrorCode::TextTooLong));
                            }
                            Some(SpendingInput {
                                source: *source,
                                amount,
                                comment,
                            })
                        }
                        Err(code) => {
                            errors.push((Target::Spent(m.measure_id, *source), code));
                            None
                        }
                    })
                    .collect()
            };
            MeasureReportInput {
                measure_id: m.measure_id,
                status: m.status,
                narrative,
                reasons,
                spending,
            }
        })
        .collect();
    let values = entries
        .values
        .iter()
        .map(|v| {
            let comment = v.comment.trim().to_string();
            let shown = report
                .values
                .iter()
                .find(|r| r.indicator_id == v.indicator_id);
            let value = match (shown, v.value.trim().is_empty()) {
                (_, true) | (None, false) => None,
                (Some(r), false) => match r.unit.parse_value(&v.value) {
                    Ok(value) => {
                        if comment.is_empty()
                            && needs_comment(r.previous, value, report.max_change_percent)
                        {
                            errors.push((
                                Target::Comment(v.indicator_id),
                                ErrorCode::IndicatorChangeNeedsComment,
                            ));
                        }
                        Some(value)
                    }
                    Err(code) => {
                        errors.push((Target::Value(v.indicator_id), code));
                        None
                    }
                },
            };
            if comment.chars().count() > NARRATIVE_MAX {
                errors.push((Target::Comment(v.indicator_id), ErrorCode::TextTooLong));
            }
            ValueInput {
                indicator_id: v.indicator_id,
                value,
                comment,
            }
        })
        .collect();
    if errors.is_empty() {
        Ok(SaveReport {
            version,
            measures,
            values,
        })
    } else {
        Err(errors)
    }
}

/// `measures[2]` → 2, with the rest of the path.
fn indexed<'a>(path: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix(name)?.strip_prefix('[')?;
    let (index, rest) = rest.split_once(']')?;
    Some((index.parse().ok()?, rest))
}

/// The field an error from the server names, read against the request that was sent (or, for
/// a step without one, the report as saved: the same order).
pub fn target_of(path: &str, sent: &SaveReport) -> Target {
    if path == "reason" {
        return Target::Reason;
    }
    if let Some((i, rest)) = indexed(path, "measures") {
        let Some(m) = sent.measures.get(i) else {
            return Target::General;
        };
        if let Some((j, field)) = indexed(rest.trim_start_matches('.'), "spending") {
            return m.spending.get(j).map_or(Target::General, |s| {
                if field == ".comment" {
                    Target::SpentComment(m.measure_id, s.source)
                } else {
                    Target::Spent(m.measure_id, s.source)
                }
            });
        }
        return match rest {
            ".narrative" => Target::Narrative(m.measure_id),
            ".reasons" => Target::Reasons(m.measure_id),
            _ => Target::Status(m.measure_id),
        };
    }
    if let Some((i, rest)) = indexed(path, "values") {
        let Some(v) = sent.values.get(i) else {
            return Target::General;
        };
        return match rest {
            ".comment" => Target::Comment(v.indicator_id),
            _ => Target::Value(v.indicator_id),
        };
    }
    Target::General
}

/// The report's fields as signals, so each input redraws alone.
#[derive(Clone, Copy)]
pub struct MeasureFields {
    pub measure_id: MeasureId,
    pub status: RwSignal<Option<ExecutionStatus>>,
    pub narrative: RwSignal<String>,
    pub reasons: RwSignal<String>,
    pub spent: StoredValue<Vec<(FundingSource, RwSignal<String>)>>,
    pub comments: StoredValue<Vec<(FundingSource, RwSignal<String>)>>,
}

impl MeasureFields {
    /// The typed amount of a source.
    pub fn spent_of(&self, source: FundingSource) -> Option<RwSignal<String>> {
        self.spent
            .with_value(|s| s.iter().find(|(s, _)| *s == source).map(|(_, t)| *t))
    }

    /// The typed overspending comment of a source.
    pub fn comment_of(&self, source: FundingSource) -> Option<RwSignal<String>> {
        self.comments
            .with_value(|s| s.iter().find(|(s, _)| *s == source).map(|(_, t)| *t))
    }
}

#[derive(Clone, Copy)]
pub struct ValueFields {
    pub indicator_id: IndicatorId,
    pub value: RwSignal<String>,
    pub comment: RwSignal<String>,
}

/// The form: the report it was loaded from, the version the next write is based on, and a
/// signal per field.
#[derive(Clone)]
pub struct ReportForm {
    pub base: Report,
    pub version: RwSignal<i32>,
    pub initial: Entries,
    pub measures: Vec<MeasureFields>,
    pub values: Vec<ValueFields>,
}

impl ReportForm {
    pub fn new(report: Report, lang: Lang) -> ReportForm {
        let initial = Entries::of(&report, lang);
        let measures = initial
            .measures
            .iter()
            .map(|m| MeasureFields {
                measure_id: m.measure_id,
                status: RwSignal::new(m.status),
                narrative: RwSignal::new(m.narrative.clone()),
                reasons: RwSignal::new(m.reasons.clone()),
                spent: StoredValue::new(
                    m.spent
                        .iter()
                        .map(|(s, t)| (*s, RwSignal::new(t.clone())))
                        .collect(),
                ),
                comments: StoredValue::new(
                    m.comments
                        .iter()
                        .map(|(s, t)| (*s, RwSignal::new(t.clone())))
                        .collect(),
                ),
            })
            .collect();
        let values = initial
            .values
            .iter()
            .map(|v| ValueFields {
                indicator_id: v.indicator_id,
                value: RwSignal::new(v.value.clone()),
                comment: RwSignal::new(v.comment.clone()),
            })
            .collect();
        ReportForm {
            version: RwSignal::new(report.version),
            base: report,
            initial,
            measures,
            values,
        }
    }

    /// What the fields hold now (untracked: for writes and comparisons).
    pub fn entries(&self) -> Entries {
        Entries {
            measures: self
                .measures
                .iter()
                .map(|m| MeasureEntry {
                    measure_id: m.measure_id,
                    status: m.status.get_untracked(),
                    narrative: m.narrative.get_untracked(),
                    reasons: m.reasons.get_untracked(),
                    spent: m.spent.with_value(|s| {
                        s.iter().map(|(src, t)| (*src, t.get_untracked())).collect()
                    }),
                    comments: m.comments.with_value(|s| {
                        s.iter().map(|(src, t)| (*src, t.get_untracked())).collect()
                    }),
                })
                .collect(),
            values: self
                .values
                .iter()
                .map(|v| ValueEntry {
                    indicator_id: v.indicator_id,
                    value: v.value.get_untracked(),
                    comment: v.comment.get_untracked(),
                })
                .collect(),
        }
    }

    /// Subscribes to every field (for the local draft, kept as the user types).
    pub fn track(&self) {
        self.version.track();
        for m in &self.measures {
            m.status.track();
            m.narrative.track();
            m.reasons.track();
            m.spent
                .with_value(|s| s.iter().for_each(|(_, t)| t.track()));
            m.comments
                .with_value(|s| s.iter().for_each(|(_, t)| t.track()));
        }
        for v in &self.values {
            v.value.track();
            v.comment.track();
        }
    }

    /// Puts values typed earlier (a local draft) into the fields that are still there.
    pub fn load(&self, entries: &Entries) {
        for e in &entries.measures {
            let Some(m) = self.measure(e.measure_id) else {
                continue;
            };
            m.status.set(e.status);
            m.narrative.set(e.narrative.clone());
            m.reasons.set(e.reasons.clone());
            for (source, text) in &e.spent {
                if let Some(field) = m.spent_of(*source) {
                    field.set(text.clone());
                }
            }
            for (source, text) in &e.comments {
                if let Some(field) = m.comment_of(*source) {
                    field.set(text.clone());
                }
            }
        }
        for e in &entries.values {
            if let Some(v) = self.value(e.indicator_id) {
                v.value.set(e.value.clone());
                v.comment.set(e.comment.clone());
            }
        }
    }

    /// Something was typed since the form was loaded.
    pub fn is_dirty(&self) -> bool {
        self.entries() != self.initial
    }

    pub fn measure(&self, id: MeasureId) -> Option<MeasureFields> {
        self.measures.iter().find(|m| m.measure_id == id).copied()
    }

    pub fn value(&self, id: IndicatorId) -> Option<ValueFields> {
        self.values.iter().find(|v| v.indicator_id == id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{a, y};
    use rust_decimal::Decimal;
    use shared::api::auth::OrgRef;
    use shared::api::orgs::OrgKind;
    use shared::api::reports::{ReportMeasure, ReportValue};
    use shared::calendar::{ReportDates, ReportPeriod, ReportStatus};
    use shared::indicators::{IndicatorKind, IndicatorStatus};
    use shared::{Date, OrgId, Text};
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect(s)
    }

    fn report(period: &str) -> Report {
        let period = ReportPeriod::parse(period).expect("period");
        let today = Date::parse("2026-10-03").expect("today");
        let line = |source| SpendingLine {
            year: y(2026),
            source,
            planned: a("100"),
            approved: a("80"),
            executed_before: a("20"),
            spent: Amount::ZERO,
            comment: String::new(),
            over: false,
        };
        let value = |id: i32, unit, previous: Option<&str>| ReportValue {
            indicator_id: IndicatorId(id),
            code: format!("I{id}"),
            name: Text::new("Показник", "Indicator"),
            unit,
            kind: IndicatorKind::PointInTime,
            previous: previous.map(dec),
            expected: None,
            value: None,
            comment: String::new(),
            status: IndicatorStatus::NoData,
        };
        Report {
            org: OrgRef {
                id: OrgId(12),
                kind: OrgKind::Community,
                name: Text::new("Громада", "Community"),
                parent: Some(OrgId(3)),
            },
            period,
            stage: None,
            status: ReportStatus::of(period, ReportDates::default(), today),
            deadlines: Vec::new(),
            version: 0,
            measures: vec![
                ReportMeasure {
                    measure_id: MeasureId(7),
                    task_code: "2.1".into(),
                    name: Text::new("Захід", "Measure"),
                    status: None,
                    narrative: String::new(),
                    reasons: String::new(),
                    lines: vec![line(FundingSource::Oblast), line(FundingSource::Local)],
                },
                ReportMeasure {
                    measure_id: MeasureId(9),
                    task_code: "3.1".into(),
                    name: Text::new("Інший", "Another"),
                    status: Some(ExecutionStatus::Done),
                    narrative: "Зроблено".into(),
                    reasons: String::new(),
                    lines: vec![line(FundingSource::Local)],
                },
            ],
            values: vec![
                value(1, IndicatorUnit::Percent, Some("40")),
                value(2, IndicatorUnit::Count, Some("85")),
            ],
            steps: Vec::new(),
            can_edit: true,
            actions: Vec::new(),
            max_change_percent: dec("50"),
        }
    }

    #[test]
    fn a_blank_report_reads_as_blank_fields() {
        let r = report("2026-Q3");
        let e = Entries::of(&r, Lang::Uk);
        assert_eq!(
            e.measures[0].spent[0],
            (FundingSource::Oblast, String::new())
        );
        assert_eq!(e.measures[1].narrative, "Зроблено");
        assert_eq!(e.values[1].value, "");
        // Saved figures come back in the language's form.
        let mut saved = r.clone();
        saved.measures[0].lines[1].spent = a("1250.5");
        saved.values[0].value = Some(dec("55.6"));
        let e = Entries::of(&saved, Lang::Uk);
        assert_eq!(e.measures[0].spent[1].1, "1250,5");
        assert_eq!(e.values[0].value, "55,6");
    }

    #[test]
    fn the_form_becomes_the_request_with_ukrainian_decimals() {
        let r = report("2026-Q3");
        let mut e = Entries::of(&r, Lang::Uk);
        e.measures[0].status = Some(ExecutionStatus::InProgress);
        e.measures[0].narrative = "  Закуплено обладнання \n".into();
        e.measures[0].spent[1].1 = "1 250,5".into();
        // Far above the 80 approved: sent with its reason.
        e.measures[0].comments[1].1 = "Закупівля обладнання".into();
        e.values[0].value = "45,5".into();
        e.values[1].value = "1 390".into();
        e.values[1].comment = "Нові робочі місця".into();
        let save = build_save(3, &e, &r, true).expect("valid");
        assert_eq!(save.version, 3);
        assert_eq!(save.measures[0].narrative, "Закуплено обладнання");
        // Only the sources typed are sent: blank is zero.
        assert_eq!(
            save.measures[0].spending,
            vec![SpendingInput {
                source: FundingSource::Local,
                amount: a("1250.5"),
                comment: "Закупівля обладнання".into(),
            }]
        );
        assert_eq!(save.values[0].value, Some(dec("45.5")));
        assert_eq!(save.values[1].value, Some(dec("1390")));
        assert_eq!(save.check_shape(), Ok(()));
    }

    #[test]
    fn every_wrong_field_is_named_before_anything_is_sent() {
        let r = report("2026-Q3");
        let mut e = Entries::of(&r, Lang::Uk);
        e.measures[0].spent[0].1 = "12,3456".into();
        e.values[0].value = "150".into();
        // 85 → 200 is more than a 50 % move: a comment is required.
        e.values[1].value = "200".into();
        let errors = build_save(1, &e, &r, true).expect_err("invalid");
        assert_eq!(
            errors,
            vec![
                (
                    Target::Status(MeasureId(7)),
                    ErrorCode::ExecutionStatusRequired
                ),
                (
                    Target::Spent(MeasureId(7), FundingSource::Oblast),
                    ErrorCode::AmountTooPrecise
                ),
                (
                    Target::Value(IndicatorId(1)),
                    ErrorCode::IndicatorValueOutOfRange
                ),
                (
                    Target::Comment(IndicatorId(2)),
                    ErrorCode::IndicatorChangeNeedsComment
                ),
            ]
        );
        // A save (not a submit) lets the status wait.
        e.measures[0].spent[0].1 = "12,345".into();
        e.values[0].value = "55,5".into();
        e.values[1].comment = "Підключено нові ЦНАП".into();
        assert!(build_save(1, &e, &r, false).is_ok());
        assert!(build_save(1, &e, &r, true).is_err());
    }

    #[test]
    fn a_comment_is_required_only_for_a_big_move() {
        let max = dec("50");
        let pct = IndicatorUnit::Percent;
        assert!(!comment_required(pct, Some(dec("40")), "59,9", max));
        assert!(comment_required(pct, Some(dec("40")), "60,1", max));
        assert!(!comment_required(pct, None, "99", max));
        // From zero, any change needs one; an unparsable value is its own error.
        assert!(comment_required(pct, Some(Decimal::ZERO), "1", max));
        assert!(!comment_required(pct, Some(dec("40")), "abc", max));
        assert!(!comment_required(pct, Some(dec("40")), "", max));
        assert_eq!(
            value_error(pct, "150"),
            Some(ErrorCode::IndicatorValueOutOfRange)
        );
        assert_eq!(
            value_error(IndicatorUnit::Count, "1,5"),
            Some(ErrorCode::IndicatorValueNotWhole)
        );
        assert_eq!(value_error(pct, " "), None);
        assert_eq!(spent_error("-5"), Some(ErrorCode::AmountNegative));
        assert_eq!(spent_error(""), None);
    }

    #[test]
    fn annual_reports_send_no_spending() {
        let r = report("2026");
        let mut e = Entries::of(&r, Lang::En);
        e.measures[0].spent[0].1 = "5".into();
        let save = build_save(1, &e, &r, false).expect("valid");
        assert!(save.measures.iter().all(|m| m.spending.is_empty()));
    }

    #[test]
    fn only_annual_reports_send_reasons_for_non_execution() {
        let annual = report("2026");
        let mut e = Entries::of(&annual, Lang::Uk);
        e.measures[0].reasons = "  Тендер не відбувся \n".into();
        let save = build_save(1, &e, &annual, false).expect("valid");
        assert_eq!(save.measures[0].reasons, "Тендер не відбувся");
        e.measures[0].reasons = "я".repeat(NARRATIVE_MAX + 1);
        assert_eq!(
            build_save(1, &e, &annual, false).expect_err("too long"),
            vec![(Target::Reasons(MeasureId(7)), ErrorCode::TextTooLong)]
        );
        let quarterly = report("2026-Q3");
        let mut e = Entries::of(&quarterly, Lang::Uk);
        e.measures[0].reasons = "Тендер не відбувся".into();
        let save = build_save(1, &e, &quarterly, false).expect("valid");
        assert!(save.measures.iter().all(|m| m.reasons.is_empty()));
        assert_eq!(
            target_of("measures[0].reasons", &save),
            Target::Reasons(MeasureId(7))
        );
    }

    #[test]
    fn spending_above_the_limit_needs_its_comment_and_only_then_sends_it() {
        // 100 planned, 80 approved, 20 spent before: up to 60 more stays within the year.
        let r = report("2026-Q3");
        let line = &r.measures[0].lines[0];
        assert_eq!(over_limit(line, "60"), None, "exactly the limit");
        assert_eq!(
            over_limit(line, "60,001"),
            Some(a("80")),
            "the approved amount"
        );
        assert_eq!(over_limit(line, "abc"), None);
        let mut spent_before = line.clone();
        spent_before.executed_before = a("90");
        assert_eq!(over_limit(&spent_before, "0"), None, "nothing spent now");
        let mut nothing_approved = line.clone();
        nothing_approved.approved = Amount::ZERO;
        assert_eq!(
            over_limit(&nothing_approved, "81"),
            Some(a("100")),
            "else the planned one"
        );
        let mut e = Entries::of(&r, Lang::Uk);
        e.measures[0].spent[0].1 = "75".into();
        let errors = build_save(1, &e, &r, false).expect_err("unexplained");
        assert_eq!(
            errors,
            vec![(
                Target::SpentComment(MeasureId(7), FundingSource::Oblast),
                ErrorCode::SpendingAboveApproved
            )]
        );
        e.measures[0].comments[0].1 = " Додаткова закупівля ".into();
        let save = build_save(1, &e, &r, false).expect("explained");
        assert_eq!(save.measures[0].spending[0].comment, "Додаткова закупівля");
        // Back within the limit, the comment (now hidden) is not sent.
        e.measures[0].spent[0].1 = "10".into();
        let save = build_save(1, &e, &r, false).expect("within");
        assert_eq!(save.measures[0].spending[0].comment, "");
    }

    #[test]
    fn server_errors_find_their_field() {
        let r = report("2026-Q3");
        let mut e = Entries::of(&r, Lang::Uk);
        e.measures[1].spent[0].1 = "7".into();
        let sent = build_save(1, &e, &r, false).expect("valid");
        assert_eq!(
            target_of("measures[1].status", &sent),
            Target::Status(MeasureId(9))
        );
        assert_eq!(
            target_of("measures[0].narrative", &sent),
            Target::Narrative(MeasureId(7))
        );
        assert_eq!(
            target_of("measures[1].spending[0].amount", &sent),
            Target::Spent(MeasureId(9), FundingSource::Local)
        );
        assert_eq!(
            target_of("values[1].comment", &sent),
            Target::Comment(IndicatorId(2))
        );
        assert_eq!(
            target_of("values[0].value", &sent),
            Target::Value(IndicatorId(1))
        );
        assert_eq!(
            target_of("measures[1].spending[0].comment", &sent),
            Target::SpentComment(MeasureId(9), FundingSource::Local)
        );
        assert_eq!(target_of("reason", &sent), Target::Reason);
        assert_eq!(target_of("values[9].value", &sent), Target::General);
        assert_eq!(target_of("version", &sent), Target::General);
        assert_eq!(
            Target::Spent(MeasureId(9), FundingSource::Local).dom_id(),
            "spent-9-local"
        );
    }
}
