//! The reporting calendar: real dates, the due dates of every reporting period and a report's state.
//!
//! # Rules (docs/programme.md, "Monitoring and reporting calendar"; section VI of the programme)
//! For a quarter, in the month after the quarter (January of the next year for Q4):
//! - by the 5th the responsible executors inform the programme head ([`Step::ExecutorsToHead`]);
//! - by the 10th the executors send execution information to the department
//!   ([`Step::ExecutorsToDepartment`]);
//! - by the 15th the department sends the consolidated report ([`Step::Consolidated`]).
//!
//! For a year (the annual report), in the next year:
//! - by 15 January the department's consolidated yearly report ("quarterly and yearly, by the 15th
//!   of the month after the period"; the year's period ends on 31 December, so January);
//! - by 31 January the executors report the year's results and indicator achievement to the head
//!   ([`Step::ExecutorsToHead`]);
//! - by 1 March the head submits the two reports to the ministry ([`Step::HeadToMinistry`]).
//!
//! Choices where the programme is silent:
//! - "до 05 числа" is read as docs/programme.md translates it, *by* the 5th: a report submitted on the due
//!   date is on time, the day after it is late.
//! - No shift for weekends or public holidays: the programme names calendar days, and the
//!   department can always accept a report that is late by a day.
//! - An organisation's own report is due at its first step ([`submission_due`]): the 5th after a
//!   quarter, 31 January for the year. In Obriy the head reads a submitted report directly, so
//!   submitting it is informing the head; the district's endorsement must then bring it to the
//!   department by the 10th, and the department consolidates by the 15th.
//! - Reminders ([`reminder_on`], issue 4): one a set number of days before the due date, one on
//!   it, and one the day after, which escalates to the district and the department; each falls on
//!   one day only, so a daily task sends it once.
//! - Dates are a small proleptic Gregorian [`Date`] of our own (no time zone: the server passes
//!   today's date in Kyiv), which keeps the wasm bundle free of a date library.

use crate::error::ErrorCode;
use crate::period::{Quarter, Year};
use crate::text::Text;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian), written `2026-04-05` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Whether February of `year` has 29 days.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month (1–12) of a year; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date that exists: 1–12 for the month, 1 to the month's length for the day.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, ErrorCode> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return Err(ErrorCode::DateInvalid);
        }
        Ok(Date { year, month, day })
    }

    /// Parses `2026-04-05` (ISO 8601 calendar date, as `<input type="date">` gives it).
    pub fn parse(input: &str) -> Result<Date, ErrorCode> {
        let mut parts = input.trim().split('-');
        let mut next = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<i32>().ok())
                .ok_or(ErrorCode::DateInvalid)
        };
        let (y, m, d) = (next(4)?, next(2)?, next(2)?);
        if parts.next().is_some() {
            return Err(ErrorCode::DateInvalid);
        }
        let small = |v: i32| u8::try_from(v).map_err(|_| ErrorCode::DateInvalid);
        Date::new(y, small(m)?, small(d)?)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The last day of a month (1–12).
    pub fn end_of_month(year: i32, month: u8) -> Result<Date, ErrorCode> {
        Date::new(year, month, days_in_month(year, month))
    }

    /// Days since 1970-01-01 (negative before it); Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`]; `None` outside the years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
        .ok()
    }

    /// The date `days` later (earlier when negative); `None` outside the years 1–9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// Whole days from `self` to `other`: positive when `other` is later.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// As a reader writes it: `05.10.2026`; `5 Oct 2026` in English.
    pub fn format(self, lang: crate::text::Lang) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match lang {
            crate::text::Lang::Uk => {
                format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
            }
            crate::text::Lang::En => {
                let month = MONTHS[usize::from(self.month.clamp(1, 12) - 1)];
                format!("{} {month} {}", self.day, self.year)
            }
        }
    }

    /// 0 for Sunday … 6 for Saturday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        u8::try_from((self.days_since_epoch() + 4).rem_euclid(7)).unwrap_or(0)
    }

    /// The last Sunday of a month (where the EU's summer time starts and ends).
    fn last_sunday(year: i32, month: u8) -> Option<Date> {
        let end = Date::end_of_month(year, month).ok()?;
        end.add_days(-i64::from(end.weekday()))
    }

    /// The date in Kyiv at an instant (milliseconds since the epoch): UTC+2, and UTC+3 from
    /// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the
    /// EU rule Ukraine follows).
    pub fn kyiv_from_unix_ms(ms: i64) -> Option<Date> {
        Date::from_days_since_epoch(kyiv_local_ms(ms)?.div_euclid(DAY_MS))
    }
}

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// An instant (milliseconds since the epoch) as Kyiv's wall clock reads it, in milliseconds.
fn kyiv_local_ms(ms: i64) -> Option<i64> {
    let utc = Date::from_days_since_epoch(ms.div_euclid(DAY_MS))?;
    let switch =
        |month| Date::last_sunday(utc.year, month).map(|d| d.days_since_epoch() * DAY_MS + HOUR_MS);
    let summer = ms >= switch(3)? && ms < switch(10)?;
    let offset = if summer { 3 * HOUR_MS } else { 2 * HOUR_MS };
    Some(ms + offset)
}

/// A server timestamp as the date and time in Kyiv: "05.10.2026, 14:32" / "5 Oct 2026, 14:32"
/// (the interface's users are in Ukraine; the same text on every device).
pub fn format_instant(ms: i64, lang: crate::text::Lang) -> String {
    let Some(local) = kyiv_local_ms(ms) else {
        return String::new();
    };
    let Some(date) = Date::from_days_since_epoch(local.div_euclid(DAY_MS)) else {
        return String::new();
    };
    let minutes = local.rem_euclid(DAY_MS) / 60_000;
    format!(
        "{}, {:02}:{:02}",
        date.format(lang),
        minutes / 60,
        minutes % 60
    )
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let raw = String::deserialize(d)?;
        Date::parse(&raw).map_err(|code| serde::de::Error::custom(code.as_str()))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, SchemaFormat, Type};
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .description(Some("Calendar date, YYYY-MM-DD"))
            .examples([serde_json::json!("2026-04-05")])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Date {}

/// 1 January 2026: the programme's first day.
pub const PROGRAMME_START: Date = Date {
    year: 2026,
    month: 1,
    day: 1,
};

/// The first day after a month: the 1st of the next month (January of the next year after December).
fn month_after(year: i32, month: u8) -> (i32, u8) {
    if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

/// A reporting period: a quarter of a programme year, or the whole year (the annual report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportPeriod {
    Quarter(Quarter),
    Annual { year: Year },
}

/// A reporting period as a URL writes it (`2026-Q3`, or `2026` for the year), read with
/// [`ReportPeriod::parse`]: the server's typed path parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct PeriodKey(pub ReportPeriod);

impl TryFrom<String> for PeriodKey {
    type Error = ErrorCode;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        ReportPeriod::parse(&s).map(PeriodKey)
    }
}

impl ReportPeriod {
    pub fn year(self) -> Year {
        match self {
            ReportPeriod::Quarter(q) => q.year,
            ReportPeriod::Annual { year } => year,
        }
    }

    /// The last day of the period: 31 March, 30 June, 30 September or 31 December.
    pub fn end(self) -> Date {
        match self {
            ReportPeriod::Quarter(q) => quarter_end(q),
            ReportPeriod::Annual { year } => year_end(year),
        }
    }

    /// The month after the period, where the quarterly due dates fall.
    fn month_after(self) -> (i32, u8) {
        let end = self.end();
        month_after(end.year, end.month)
    }

    /// Every period of the programme in the order they fall due: Q1–Q4 then the year, per year.
    pub fn all() -> Vec<ReportPeriod> {
        Year::all()
            .flat_map(|year| {
                (1..=4)
                    .filter_map(move |q| Quarter::new(year, q).ok().map(ReportPeriod::Quarter))
                    .chain(std::iter::once(ReportPeriod::Annual { year }))
            })
            .collect()
    }

    /// Parses `2026-Q1` (a quarter, as [`Quarter::parse`]) or `2026` (the year's annual report),
    /// as the period is written in URLs.
    pub fn parse(input: &str) -> Result<ReportPeriod, ErrorCode> {
        let s = input.trim();
        if s.to_ascii_uppercase().contains('Q') {
            Quarter::parse(s).map(ReportPeriod::Quarter)
        } else {
            Year::parse(s).map(|year| ReportPeriod::Annual { year })
        }
    }

    /// The first day of the period.
    pub fn start(self) -> Date {
        let (year, month) = match self {
            ReportPeriod::Quarter(q) => (q.year.get(), q.quarter * 3 - 2),
            ReportPeriod::Annual { year } => (year.get(), 1),
        };
        Date {
            year,
            month,
            day: 1,
        }
    }

    /// The quarter whose figures the period closes with: itself, or Q4 for the year.
    pub fn last_quarter(self) -> Quarter {
        match self {
            ReportPeriod::Quarter(q) => q,
            ReportPeriod::Annual { year } => Quarter { year, quarter: 4 },
        }
    }

    pub fn is_annual(self) -> bool {
        matches!(self, ReportPeriod::Annual { .. })
    }

    /// As a reader writes it: "III квартал 2026" / "Q3 2026"; "2026 рік (річний звіт)" /
    /// "2026 (annual report)". URLs and JSON keep `2026-Q3` ([`fmt::Display`]).
    pub fn format(self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        match (self, lang) {
            (ReportPeriod::Quarter(q), Lang::Uk) => {
                let roman = ["I", "II", "III", "IV"][usize::from(q.quarter.clamp(1, 4) - 1)];
                format!("{roman} квартал {}", q.year)
            }
            (ReportPeriod::Quarter(q), Lang::En) => format!("Q{} {}", q.quarter, q.year),
            (ReportPeriod::Annual { year }, Lang::Uk) => format!("{year} рік (річний звіт)"),
            (ReportPeriod::Annual { year }, Lang::En) => format!("{year} (annual report)"),
        }
    }

    /// The latest quarter that has ended by `today`, if any has.
    pub fn latest_ended_quarter(today: Date) -> Option<Quarter> {
        ReportPeriod::all()
            .into_iter()
            .filter_map(|p| match p {
                ReportPeriod::Quarter(q) if p.has_ended(today) => Some(q),
                _ => None,
            })
            .next_back()
    }

    /// Whether the period is over on `today` (reports are about finished periods).
    pub fn has_ended(self, today: Date) -> bool {
        today > self.end()
    }
}

impl fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportPeriod::Quarter(q) => q.fmt(f),
            ReportPeriod::Annual { year } => year.fmt(f),
        }
    }
}

/// The last day of a quarter.
pub fn quarter_end(q: Quarter) -> Date {
    let (year, month) = (q.year.get(), q.quarter * 3);
    // A programme year and a quarter 1–4 always make a real month end.
    Date::end_of_month(year, month).unwrap_or(Date {
        year,
        month,
        day: 30,
    })
}

/// 31 December of a year.
pub fn year_end(year: Year) -> Date {
    Date {
        year: year.get(),
        month: 12,
        day: 31,
    }
}

/// A step of the reporting chain that has a due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Executors inform the programme head: the 5th after a quarter, 31 January after a year.
    ExecutorsToHead,
    /// Executors send execution information to the department: the 10th after a quarter.
    ExecutorsToDepartment,
    /// The department's consolidated report to the ministry, the ОДА and the oblast council:
    /// the 15th of the month after the quarter or the year.
    Consolidated,
    /// The head's two reports on the previous year to the ministry: 1 March.
    HeadToMinistry,
}

impl Step {
    pub const ALL: [Step; 4] = [
        Step::ExecutorsToHead,
        Step::ExecutorsToDepartment,
        Step::Consolidated,
        Step::HeadToMinistry,
    ];

    pub fn label(self) -> Text {
        match self {
            Step::ExecutorsToHead => Text::new(
                "Виконавці інформують керівника програми",
                "Executors inform the programme head",
            ),
            Step::ExecutorsToDepartment => Text::new(
                "Виконавці надають інформацію департаменту",
                "Executors report to the department",
            ),
            Step::Consolidated => Text::new(
                "Зведений звіт департаменту (Мінцифри, ОДА, обласна рада)",
                "The department's consolidated report (ministry, ОДА, oblast council)",
            ),
            Step::HeadToMinistry => Text::new(
                "Керівник програми подає звіти до Мінцифри",
                "The programme head submits the reports to the ministry",
            ),
        }
    }
}

/// The due date of a step for a period, or `None` when the step does not apply to it
/// (the head's submission is yearly only; the 10th-of-the-month step is quarterly only).
pub fn due_date(period: ReportPeriod, step: Step) -> Option<Date> {
    let (y, m) = period.month_after();
    let day = |d: u8| Date::new(y, m, d).ok();
    match (period, step) {
        (ReportPeriod::Quarter(_), Step::ExecutorsToHead) => day(5),
        (ReportPeriod::Quarter(_), Step::ExecutorsToDepartment) => day(10),
        (ReportPeriod::Quarter(_), Step::Consolidated) => day(15),
        (ReportPeriod::Quarter(_), Step::HeadToMinistry) => None,
        (ReportPeriod::Annual { .. }, Step::ExecutorsToHead) => day(31),
        (ReportPeriod::Annual { .. }, Step::ExecutorsToDepartment) => None,
        (ReportPeriod::Annual { .. }, Step::Consolidated) => day(15),
        (ReportPeriod::Annual { .. }, Step::HeadToMinistry) => Date::new(y, 3, 1).ok(),
    }
}

/// One due date of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deadline {
    pub step: Step,
    pub due: Date,
}

/// Every due date of a period, earliest first.
pub fn deadlines(period: ReportPeriod) -> Vec<Deadline> {
    let mut all: Vec<Deadline> = Step::ALL
        .into_iter()
        .filter_map(|step| due_date(period, step).map(|due| Deadline { step, due }))
        .collect();
    all.sort_by_key(|d| (d.due, d.step));
    all
}

/// When an organisation's own report for a period is due: its first step (see the module note).
pub fn submission_due(period: ReportPeriod) -> Date {
    // Every period has an ExecutorsToHead date; the fallback is never reached.
    due_date(period, Step::ExecutorsToHead).unwrap_or_else(|| period.end())
}

/// Where an organisation's report for a period stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    /// Nothing entered yet, and not yet due.
    NotStarted,
    /// Something entered, not submitted, not yet due.
    Draft,
    /// Submitted and on its way up the chain.
    Submitted,
    /// Approved by the department (the period is locked for it).
    Approved,
    /// Not submitted, and the due date has passed (with or without a draft).
    Overdue,
}

impl ReportState {
    pub fn label(self) -> Text {
        match self {
            ReportState::NotStarted => Text::new("Не розпочато", "Not started"),
            ReportState::Draft => Text::new("Чернетка", "Draft"),
            ReportState::Submitted => Text::new("Подано", "Submitted"),
            ReportState::Approved => Text::new("Затверджено", "Approved"),
            ReportState::Overdue => Text::new("Прострочено", "Overdue"),
        }
    }
}

/// What is known of one organisation's report for one period. A returned report goes back to
/// draft: the caller clears `submitted_on` (the record keeps the history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportDates {
    /// Whether anything has been entered.
    pub started: bool,
    /// When it was (last) submitted.
    pub submitted_on: Option<Date>,
    pub approved_on: Option<Date>,
}

/// The state of a report on `today`, against the date it is due.
pub fn report_state(dates: ReportDates, due: Date, today: Date) -> ReportState {
    if dates.approved_on.is_some() {
        ReportState::Approved
    } else if dates.submitted_on.is_some() {
        ReportState::Submitted
    } else if today > due {
        ReportState::Overdue
    } else if dates.started {
        ReportState::Draft
    } else {
        ReportState::NotStarted
    }
}

/// Whether a submission came after its due date (submitted on the due date is on time).
pub fn is_late(submitted_on: Date, due: Date) -> bool {
    submitted_on > due
}

/// Days left until a due date: 0 on the day, negative once overdue.
pub fn days_until_due(today: Date, due: Date) -> i64 {
    today.days_until(due)
}

/// Which reminder a due date calls for on a given day (the inbox dedupes them by organisation,
/// period, step and kind, so a restart never repeats one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// The set number of days before the due date.
    Upcoming,
    /// On the due date.
    DueToday,
    /// The first day after it: escalated to the district and the department.
    Overdue,
}

/// The reminder due on `today` for an unsubmitted report, if any. Only the one day of each kind
/// counts, so a periodic task that runs daily sends each once; with `days_before` 0 there is no
/// early reminder.
pub fn reminder_on(today: Date, due: Date, days_before: u32) -> Option<ReminderKind> {
    match days_until_due(today, due) {
        0 => Some(ReminderKind::DueToday),
        -1 => Some(ReminderKind::Overdue),
        left if days_before > 0 && left == i64::from(days_before) => Some(ReminderKind::Upcoming),
        _ => None,
    }
}

/// The reminder that applies on `today` to a report not yet submitted, catching up on days a
/// daily task did not run (a restart, an outage): overdue on any day after the due date, due
/// today on the day, upcoming within `days_before` days before it. Sent with a dedupe key per
/// kind, each reaches an inbox once; a late start sends only the latest that applies.
pub fn reminder_due(today: Date, due: Date, days_before: u32) -> Option<ReminderKind> {
    match days_until_due(today, due) {
        left if left < 0 => Some(ReminderKind::Overdue),
        0 => Some(ReminderKind::DueToday),
        left if left <= i64::from(days_before) => Some(ReminderKind::Upcoming),
        _ => None,
    }
}

impl ReminderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::Upcoming => "upcoming",
            ReminderKind::DueToday => "due_today",
            ReminderKind::Overdue => "overdue",
        }
    }
}

/// Reporting compliance as the head's dashboard counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Compliance {
    /// Submitted by the due date.
    OnTime,
    /// Submitted after the due date.
    Late,
    /// Not submitted, and the due date has passed.
    Missing,
    /// Not submitted, and not yet due: nothing to count against anyone.
    NotDue,
}

impl Compliance {
    pub fn label(self) -> Text {
        match self {
            Compliance::OnTime => Text::new("Вчасно", "On time"),
            Compliance::Late => Text::new("Із запізненням", "Late"),
            Compliance::Missing => Text::new("Не подано", "Missing"),
            Compliance::NotDue => Text::new("Строк не настав", "Not due yet"),
        }
    }
}

/// Compliance of one report: by its (first) submission date against the due date.
pub fn compliance(submitted_on: Option<Date>, due: Date, today: Date) -> Compliance {
    match submitted_on {
        Some(on) if is_late(on, due) => Compliance::Late,
        Some(_) => Compliance::OnTime,
        None if today > due => Compliance::Missing,
        None => Compliance::NotDue,
    }
}

/// Which of an organisation's reports is to be handed in next: among those not submitted whose
/// period has begun, the one due first (an overdue one before the current period's).
pub fn next_due(statuses: &[ReportStatus], today: Date) -> Option<usize> {
    statuses
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            matches!(
                s.state,
                ReportState::NotStarted | ReportState::Draft | ReportState::Overdue
            ) && s.period.start() <= today
        })
        .min_by_key(|(_, s)| s.due)
        .map(|(i, _)| i)
}

/// A report's state with what a reminder or a dashboard row needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportStatus {
    pub period: ReportPeriod,
    pub due: Date,
    pub state: ReportState,
    pub days_until_due: i64,
    /// Submitted (or approved) after the due date.
    pub late: bool,
}

impl ReportStatus {
    /// The status of an organisation's report for a period (due at [`submission_due`]).
    pub fn of(period: ReportPeriod, dates: ReportDates, today: Date) -> ReportStatus {
        let due = submission_due(period);
        ReportStatus {
            period,
            due,
            state: report_state(dates, due, today),
            days_until_due: days_until_due(today, due),
            late: dates.submitted_on.is_some_and(|on| is_late(on, due)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect(s)
    }

    fn q(year: i32, quarter: u8) -> ReportPeriod {
        let year = Year::new(year).expect("year");
        ReportPeriod::Quarter(Quarter::new(year, quarter).expect("quarter"))
    }

    fn annual(year: i32) -> ReportPeriod {
        ReportPeriod::Annual {
            year: Year::new(year).expect("year"),
        }
    }

    #[test]
    fn the_next_report_is_the_first_due_of_those_not_handed_in() {
        let today = d("2026-11-24");
        let status = |period, submitted: Option<&str>| {
            let dates = ReportDates {
                started: submitted.is_some(),
                submitted_on: submitted.map(d),
                approved_on: None,
            };
            ReportStatus::of(period, dates, today)
        };
        let all = |q3: Option<&str>| {
            vec![
                status(q(2026, 2), Some("2026-07-03")),
                status(q(2026, 3), q3),
                status(q(2026, 4), None),
                status(annual(2026), None),
                status(q(2027, 1), None),
            ]
        };
        // Q3 was never handed in: overdue, it comes first.
        let missing = all(None);
        assert_eq!(next_due(&missing, today), Some(1));
        assert_eq!(missing[1].state, ReportState::Overdue);
        // Handed in: the running quarter, due in January, before the year's report.
        let handed = all(Some("2026-10-02"));
        assert_eq!(next_due(&handed, today), Some(2));
        assert_eq!(handed[2].due, d("2027-01-05"));
        // A period not begun is never next; nothing left is none.
        assert_eq!(next_due(&handed[4..], today), None);
    }

    #[test]
    fn dates_read_as_each_language_writes_them() {
        use crate::text::Lang;
        assert_eq!(d("2026-10-05").format(Lang::Uk), "05.10.2026");
        assert_eq!(d("2026-10-05").format(Lang::En), "5 Oct 2026");
        assert_eq!(d("2028-02-29").format(Lang::En), "29 Feb 2028");
    }

    #[test]
    fn instants_read_as_kyiv_time() {
        use crate::text::Lang;
        // 2026-10-05 11:32 UTC is 14:32 in Kyiv (summer time); 2026-12-03 22:05 UTC is the 4th.
        let oct = d("2026-10-05").days_since_epoch() * 86_400_000 + (11 * 60 + 32) * 60_000;
        assert_eq!(format_instant(oct, Lang::Uk), "05.10.2026, 14:32");
        assert_eq!(format_instant(oct, Lang::En), "5 Oct 2026, 14:32");
        let dec = d("2026-12-03").days_since_epoch() * 86_400_000 + (22 * 60 + 5) * 60_000;
        assert_eq!(format_instant(dec, Lang::Uk), "04.12.2026, 00:05");
    }

    #[test]
    fn periods_read_as_each_language_writes_them() {
        use crate::text::Lang;
        assert_eq!(q(2026, 3).format(Lang::Uk), "III квартал 2026");
        assert_eq!(q(2026, 3).format(Lang::En), "Q3 2026");
        assert_eq!(q(2027, 4).format(Lang::Uk), "IV квартал 2027");
        assert_eq!(annual(2027).format(Lang::Uk), "2027 рік (річний звіт)");
        assert_eq!(annual(2027).format(Lang::En), "2027 (annual report)");
        assert_eq!(q(2026, 3).to_string(), "2026-Q3", "URLs keep the key");
    }

    #[test]
    fn kyiv_dates_follow_the_summer_time_switches() {
        // 2026: summer time from 29 March to 25 October (last Sundays), at 01:00 UTC.
        let ms = |days: i64, hours: i64| days * 86_400_000 + hours * 3_600_000;
        let day = |s: &str| d(s).days_since_epoch();
        assert_eq!(d("2026-03-29").weekday(), 0);
        assert_eq!(d("2026-11-24").weekday(), 2);
        // Winter, UTC+2: 21:59 UTC is 23:59 in Kyiv, 22:00 UTC is the next day.
        let jan = day("2026-01-10");
        assert_eq!(Date::kyiv_from_unix_ms(ms(jan, 21)), Some(d("2026-01-10")));
        assert_eq!(Date::kyiv_from_unix_ms(ms(jan, 22)), Some(d("2026-01-11")));
        // Summer, UTC+3: 21:00 UTC is already the next day.
        let jul = day("2026-07-05");
        assert_eq!(Date::kyiv_from_unix_ms(ms(jul, 20)), Some(d("2026-07-05")));
        assert_eq!(Date::kyiv_from_unix_ms(ms(jul, 21)), Some(d("2026-07-06")));
        // The quarter's due date ends at midnight Kyiv time: 30 Sep 21:30 UTC is 1 October.
        let sep = day("2026-09-30");
        assert_eq!(
            Date::kyiv_from_unix_ms(ms(sep, 21) + 1_800_000),
            Some(d("2026-10-01"))
        );
        // The switch days themselves.
        let mar = day("2026-03-29");
        assert_eq!(Date::kyiv_from_unix_ms(ms(mar, 0)), Some(d("2026-03-29")));
        assert_eq!(Date::kyiv_from_unix_ms(ms(mar, 21)), Some(d("2026-03-30")));
        let oct = day("2026-10-25");
        assert_eq!(Date::kyiv_from_unix_ms(ms(oct, 21)), Some(d("2026-10-25")));
        assert_eq!(Date::kyiv_from_unix_ms(ms(oct, 22)), Some(d("2026-10-26")));
    }

    #[test]
    fn reminders_catch_up_after_days_the_task_missed() {
        let due = d("2026-10-05");
        assert_eq!(reminder_due(d("2026-09-30"), due, 3), None);
        assert_eq!(
            reminder_due(d("2026-10-02"), due, 3),
            Some(ReminderKind::Upcoming)
        );
        assert_eq!(
            reminder_due(d("2026-10-04"), due, 3),
            Some(ReminderKind::Upcoming)
        );
        assert_eq!(
            reminder_due(d("2026-10-05"), due, 3),
            Some(ReminderKind::DueToday)
        );
        // Missed the day after: still escalated weeks later (once, by its dedupe key).
        assert_eq!(
            reminder_due(d("2026-11-24"), due, 3),
            Some(ReminderKind::Overdue)
        );
        assert_eq!(reminder_due(d("2026-10-04"), due, 0), None);
    }

    #[test]
    fn periods_parse_as_written_in_urls() {
        assert_eq!(ReportPeriod::parse("2026-Q1"), Ok(q(2026, 1)));
        assert_eq!(ReportPeriod::parse("2027"), Ok(annual(2027)));
        assert_eq!(
            ReportPeriod::parse("2026-Q5"),
            Err(ErrorCode::QuarterInvalid)
        );
        assert_eq!(ReportPeriod::parse("2030"), Err(ErrorCode::YearInvalid));
        for p in ReportPeriod::all() {
            assert_eq!(ReportPeriod::parse(&p.to_string()), Ok(p));
        }
        assert_eq!(q(2026, 3).start(), d("2026-07-01"));
        assert_eq!(annual(2028).start(), d("2028-01-01"));
        assert_eq!(annual(2028).last_quarter().quarter, 4);
        assert_eq!(ReportPeriod::latest_ended_quarter(d("2026-03-31")), None);
        assert_eq!(
            ReportPeriod::latest_ended_quarter(d("2026-11-24")).map(ReportPeriod::Quarter),
            Some(q(2026, 3))
        );
        assert_eq!(
            ReportPeriod::latest_ended_quarter(d("2030-01-01")).map(ReportPeriod::Quarter),
            Some(q(2028, 4))
        );
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2028));
        assert!(!is_leap_year(2026));
        assert!(!is_leap_year(2027));
        assert!(!is_leap_year(1900));
        assert!(is_leap_year(2000));
        assert_eq!(days_in_month(2028, 2), 29);
        assert_eq!(days_in_month(2026, 2), 28);
        assert_eq!(days_in_month(2026, 13), 0);
    }

    #[test]
    fn dates_exist_or_are_refused() {
        assert!(Date::new(2028, 2, 29).is_ok());
        assert_eq!(Date::new(2027, 2, 29), Err(ErrorCode::DateInvalid));
        assert_eq!(Date::new(2026, 4, 31), Err(ErrorCode::DateInvalid));
        assert_eq!(Date::new(2026, 0, 1), Err(ErrorCode::DateInvalid));
        assert_eq!(Date::new(2026, 1, 0), Err(ErrorCode::DateInvalid));
        assert_eq!(Date::new(2026, 13, 1), Err(ErrorCode::DateInvalid));
    }

    #[test]
    fn dates_parse_and_print_as_iso() {
        assert_eq!(d("2026-04-05").to_string(), "2026-04-05");
        assert_eq!(d(" 2028-02-29 ").day(), 29);
        for bad in [
            "",
            "2026-4-5",
            "2026/04/05",
            "2026-04-05-01",
            "26-04-05",
            "2026-02-30",
            "2026-0a-01",
            "+026-04-05",
        ] {
            assert_eq!(Date::parse(bad), Err(ErrorCode::DateInvalid), "{bad}");
        }
    }

    #[test]
    fn dates_round_trip_through_json() {
        let date = d("2027-01-31");
        let json = serde_json::to_string(&date).expect("serialize");
        assert_eq!(json, "\"2027-01-31\"");
        assert_eq!(serde_json::from_str::<Date>(&json).ok(), Some(date));
        let err = serde_json::from_str::<Date>("\"2027-02-29\"").expect_err("no such day");
        assert!(err.to_string().contains("date_invalid"));
    }

    #[test]
    fn dates_order_by_year_month_day() {
        assert!(d("2026-12-31") < d("2027-01-01"));
        assert!(d("2026-02-28") < d("2026-03-01"));
        assert!(d("2026-10-09") < d("2026-10-10"));
    }

    #[test]
    fn day_counts_cross_month_year_and_leap_day() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(d("2026-12-31").days_until(d("2027-01-01")), 1);
        assert_eq!(d("2028-02-28").days_until(d("2028-03-01")), 2);
        assert_eq!(d("2027-02-28").days_until(d("2027-03-01")), 1);
        assert_eq!(d("2028-01-01").days_until(d("2029-01-01")), 366);
        assert_eq!(d("2027-01-01").days_until(d("2028-01-01")), 365);
        assert_eq!(d("2026-04-10").days_until(d("2026-04-05")), -5);
    }

    #[test]
    fn adding_days_is_the_inverse_of_counting_them() {
        assert_eq!(d("2028-02-28").add_days(1), Some(d("2028-02-29")));
        assert_eq!(d("2028-02-29").add_days(1), Some(d("2028-03-01")));
        assert_eq!(d("2026-12-31").add_days(1), Some(d("2027-01-01")));
        assert_eq!(d("2027-01-01").add_days(-1), Some(d("2026-12-31")));
        assert_eq!(d("9999-12-31").add_days(1), None);
        let start = d("2025-12-01");
        for n in 0..1500 {
            let later = start.add_days(n).expect("in range");
            assert_eq!(start.days_until(later), n);
            assert_eq!(
                Date::from_days_since_epoch(later.days_since_epoch()),
                Some(later)
            );
        }
    }

    #[test]
    fn quarters_end_on_their_last_day() {
        assert_eq!(q(2026, 1).end(), d("2026-03-31"));
        assert_eq!(q(2026, 2).end(), d("2026-06-30"));
        assert_eq!(q(2026, 3).end(), d("2026-09-30"));
        assert_eq!(q(2026, 4).end(), d("2026-12-31"));
        assert_eq!(annual(2028).end(), d("2028-12-31"));
        assert_eq!(Date::end_of_month(2028, 2), Ok(d("2028-02-29")));
    }

    #[test]
    fn quarterly_due_dates_fall_in_the_month_after() {
        let p = q(2026, 1);
        assert_eq!(due_date(p, Step::ExecutorsToHead), Some(d("2026-04-05")));
        assert_eq!(
            due_date(p, Step::ExecutorsToDepartment),
            Some(d("2026-04-10"))
        );
        assert_eq!(due_date(p, Step::Consolidated), Some(d("2026-04-15")));
        assert_eq!(due_date(p, Step::HeadToMinistry), None);
        assert_eq!(
            due_date(q(2027, 2), Step::ExecutorsToDepartment),
            Some(d("2027-07-10"))
        );
        assert_eq!(
            due_date(q(2028, 3), Step::Consolidated),
            Some(d("2028-10-15"))
        );
    }

    #[test]
    fn the_fourth_quarter_rolls_into_january_of_the_next_year() {
        let p = q(2026, 4);
        assert_eq!(due_date(p, Step::ExecutorsToHead), Some(d("2027-01-05")));
        assert_eq!(
            due_date(p, Step::ExecutorsToDepartment),
            Some(d("2027-01-10"))
        );
        assert_eq!(due_date(p, Step::Consolidated), Some(d("2027-01-15")));
        // The last quarter of the programme is reported after the programme's term.
        assert_eq!(
            due_date(q(2028, 4), Step::Consolidated),
            Some(d("2029-01-15"))
        );
    }

    #[test]
    fn annual_due_dates() {
        let p = annual(2026);
        assert_eq!(due_date(p, Step::Consolidated), Some(d("2027-01-15")));
        assert_eq!(due_date(p, Step::ExecutorsToHead), Some(d("2027-01-31")));
        assert_eq!(due_date(p, Step::ExecutorsToDepartment), None);
        assert_eq!(due_date(p, Step::HeadToMinistry), Some(d("2027-03-01")));
        // 2028 is a leap year, but the year's reports fall in 2029: 1 March after 28 February.
        assert_eq!(
            due_date(annual(2028), Step::HeadToMinistry),
            Some(d("2029-03-01"))
        );
        assert_eq!(submission_due(annual(2027)), d("2028-01-31"));
    }

    #[test]
    fn deadlines_come_in_date_order() {
        let quarterly: Vec<Step> = deadlines(q(2027, 4)).iter().map(|x| x.step).collect();
        assert_eq!(
            quarterly,
            [
                Step::ExecutorsToHead,
                Step::ExecutorsToDepartment,
                Step::Consolidated
            ]
        );
        let yearly: Vec<(Step, Date)> = deadlines(annual(2027))
            .iter()
            .map(|x| (x.step, x.due))
            .collect();
        assert_eq!(
            yearly,
            [
                (Step::Consolidated, d("2028-01-15")),
                (Step::ExecutorsToHead, d("2028-01-31")),
                (Step::HeadToMinistry, d("2028-03-01")),
            ]
        );
    }

    #[test]
    fn every_period_of_the_programme_is_listed_once() {
        let all = ReportPeriod::all();
        assert_eq!(all.len(), 15);
        assert_eq!(all[0], q(2026, 1));
        assert_eq!(all[4], annual(2026));
        assert_eq!(all[14], annual(2028));
        for period in all {
            assert!(submission_due(period) > period.end());
            assert!(!deadlines(period).is_empty());
        }
    }

    #[test]
    fn periods_serialize_with_their_kind() {
        let json = serde_json::to_string(&q(2026, 3)).expect("serialize");
        assert_eq!(json, r#"{"kind":"quarter","year":2026,"quarter":3}"#);
        let json = serde_json::to_string(&annual(2027)).expect("serialize");
        assert_eq!(json, r#"{"kind":"annual","year":2027}"#);
        let back: ReportPeriod = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, annual(2027));
        assert!(serde_json::from_str::<ReportPeriod>(r#"{"kind":"annual","year":2031}"#).is_err());
        assert_eq!(q(2026, 3).to_string(), "2026-Q3");
        assert_eq!(annual(2026).to_string(), "2026");
    }

    #[test]
    fn a_period_has_ended_the_day_after_its_last_day() {
        assert!(!q(2026, 1).has_ended(d("2026-03-31")));
        assert!(q(2026, 1).has_ended(d("2026-04-01")));
        assert!(!annual(2026).has_ended(d("2026-12-31")));
    }

    #[test]
    fn report_states_on_an_injected_today() {
        let due = d("2026-04-05");
        let none = ReportDates::default();
        let started = ReportDates {
            started: true,
            ..none
        };
        assert_eq!(
            report_state(none, due, d("2026-04-01")),
            ReportState::NotStarted
        );
        assert_eq!(
            report_state(started, due, d("2026-04-01")),
            ReportState::Draft
        );
        // The due date itself is still in time.
        assert_eq!(report_state(started, due, due), ReportState::Draft);
        assert_eq!(
            report_state(none, due, d("2026-04-06")),
            ReportState::Overdue
        );
        assert_eq!(
            report_state(started, due, d("2026-04-06")),
            ReportState::Overdue
        );
        let submitted = ReportDates {
            started: true,
            submitted_on: Some(d("2026-04-07")),
            approved_on: None,
        };
        assert_eq!(
            report_state(submitted, due, d("2026-05-01")),
            ReportState::Submitted
        );
        let approved = ReportDates {
            approved_on: Some(d("2026-04-09")),
            ..submitted
        };
        assert_eq!(
            report_state(approved, due, d("2026-05-01")),
            ReportState::Approved
        );
    }

    #[test]
    fn lateness_counts_from_the_day_after_the_due_date() {
        let due = d("2027-01-31");
        assert!(!is_late(d("2027-01-31"), due));
        assert!(is_late(d("2027-02-01"), due));
        assert!(!is_late(d("2027-01-02"), due));
    }

    #[test]
    fn days_until_due_and_reminders() {
        let due = d("2028-03-01");
        assert_eq!(
            days_until_due(d("2028-02-28"), due),
            2,
            "29 February counts"
        );
        assert_eq!(days_until_due(d("2029-02-28"), d("2029-03-01")), 1);
        assert_eq!(days_until_due(due, due), 0);
        assert_eq!(days_until_due(d("2028-03-04"), due), -3);
        let on = |day: &str, before| reminder_on(d(day), due, before);
        assert_eq!(
            on("2028-02-23", 7),
            Some(ReminderKind::Upcoming),
            "7 days incl. 29 Feb"
        );
        assert_eq!(on("2028-02-24", 7), None);
        assert_eq!(on("2028-03-01", 7), Some(ReminderKind::DueToday));
        assert_eq!(on("2028-03-02", 7), Some(ReminderKind::Overdue));
        assert_eq!(on("2028-03-03", 7), None, "escalated once");
        assert_eq!(on("2028-03-01", 0), Some(ReminderKind::DueToday));
        assert_eq!(on("2028-02-29", 0), None);
        // Q4's reminder a week ahead falls in December of the year before.
        assert_eq!(
            reminder_on(d("2026-12-29"), d("2027-01-05"), 7),
            Some(ReminderKind::Upcoming)
        );
    }

    #[test]
    fn compliance_for_the_dashboard() {
        let due = d("2026-07-05");
        let today = d("2026-08-01");
        assert_eq!(
            compliance(Some(d("2026-07-05")), due, today),
            Compliance::OnTime
        );
        assert_eq!(
            compliance(Some(d("2026-07-06")), due, today),
            Compliance::Late
        );
        assert_eq!(compliance(None, due, today), Compliance::Missing);
        assert_eq!(compliance(None, due, d("2026-07-05")), Compliance::NotDue);
        for c in [
            Compliance::OnTime,
            Compliance::Late,
            Compliance::Missing,
            Compliance::NotDue,
        ] {
            assert!(!c.label().uk.is_empty() && !c.label().en.is_empty());
        }
    }

    #[test]
    fn report_status_of_a_late_q4_report() {
        let dates = ReportDates {
            started: true,
            submitted_on: Some(d("2027-01-06")),
            approved_on: None,
        };
        let status = ReportStatus::of(q(2026, 4), dates, d("2027-01-08"));
        assert_eq!(status.due, d("2027-01-05"));
        assert_eq!(status.state, ReportState::Submitted);
        assert!(status.late);
        assert_eq!(status.days_until_due, -3);
        let open = ReportStatus::of(q(2026, 4), ReportDates::default(), d("2026-12-29"));
        assert_eq!(open.state, ReportState::NotStarted);
        assert_eq!(open.days_until_due, 7);
        assert!(!open.late);
    }

    #[test]
    fn labels_exist_in_both_languages() {
        for s in Step::ALL {
            assert!(!s.label().uk.is_empty() && !s.label().en.is_empty());
        }
        for s in [
            ReportState::NotStarted,
            ReportState::Draft,
            ReportState::Submitted,
            ReportState::Approved,
            ReportState::Overdue,
        ] {
            assert!(!s.label().uk.is_empty() && !s.label().en.is_empty());
            let json = serde_json::to_string(&s).expect("serialize");
            assert_eq!(serde_json::from_str::<ReportState>(&json).ok(), Some(s));
        }
        assert_eq!(
            serde_json::to_string(&ReportState::NotStarted).expect("serialize"),
            "\"not_started\""
        );
    }
}
