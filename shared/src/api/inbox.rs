//! Each user's inbox: what others did to their organisation's measures, with unread counts.

use crate::api::proposals::ProposalId;
use crate::calendar::{Date, ReportPeriod};
use crate::i18n::{fill, words::LINES};
use crate::ids::{MeasureId, OrgId};
use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone commented on a measure of my organisation.
    Comment,
    /// Someone outside my organisation changed one of its measures.
    MeasureChanged,
    /// Someone outside my organisation deleted one of its measures.
    MeasureDeleted,
    /// A proposal waits for my endorsement or decision.
    ProposalWaiting,
    /// My organisation's proposal was endorsed by the district.
    ProposalEndorsed,
    /// My organisation's proposal (or some of its lines) came back for rework.
    ProposalReturned,
    /// The department decided lines of my organisation's proposal.
    ProposalDecided,
    /// Someone commented on a proposal of my organisation (or one I review).
    ProposalComment,
    /// A report waits for my endorsement or approval.
    ReportWaiting,
    /// My organisation's report came back for rework (or was unlocked), with a reason.
    ReportReturned,
    /// The department approved my organisation's report.
    ReportApproved,
    /// A report of my organisation is due soon or today.
    ReportDue,
    /// A report is past its due date and not submitted (sent to its organisation, its district
    /// and the department).
    ReportOverdue,
    /// An uploaded file of mine was checked: its preview waits for confirmation.
    ImportChecked,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Comment => "comment",
            NotificationKind::MeasureChanged => "measure_changed",
            NotificationKind::MeasureDeleted => "measure_deleted",
            NotificationKind::ProposalWaiting => "proposal_waiting",
            NotificationKind::ProposalEndorsed => "proposal_endorsed",
            NotificationKind::ProposalReturned => "proposal_returned",
            NotificationKind::ProposalDecided => "proposal_decided",
            NotificationKind::ProposalComment => "proposal_comment",
            NotificationKind::ReportWaiting => "report_waiting",
            NotificationKind::ReportReturned => "report_returned",
            NotificationKind::ReportApproved => "report_approved",
            NotificationKind::ReportDue => "report_due",
            NotificationKind::ReportOverdue => "report_overdue",
            NotificationKind::ImportChecked => "import_checked",
        }
    }

    /// Sent by Obriy itself (reminders, a checked file), not by a person.
    pub fn from_obriy(self) -> bool {
        matches!(
            self,
            NotificationKind::ReportDue
                | NotificationKind::ReportOverdue
                | NotificationKind::ImportChecked
        )
    }

    pub fn parse(s: &str) -> Option<NotificationKind> {
        [
            NotificationKind::Comment,
            NotificationKind::MeasureChanged,
            NotificationKind::MeasureDeleted,
            NotificationKind::ProposalWaiting,
            NotificationKind::ProposalEndorsed,
            NotificationKind::ProposalReturned,
            NotificationKind::ProposalDecided,
            NotificationKind::ProposalComment,
            NotificationKind::ReportWaiting,
            NotificationKind::ReportReturned,
            NotificationKind::ReportApproved,
            NotificationKind::ReportDue,
            NotificationKind::ReportOverdue,
            NotificationKind::ImportChecked,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i32,
    pub kind: NotificationKind,
    /// The measure concerned (absent for a whole proposal).
    pub measure_id: Option<MeasureId>,
    pub proposal_id: Option<ProposalId>,
    /// The report's period, for report items (the report is `org_id`'s).
    #[serde(default)]
    pub period: Option<ReportPeriod>,
    pub org_id: OrgId,
    /// The organisation's name in both languages, as it is now.
    #[serde(default)]
    pub org_name: Text,
    /// Who did it ("Обрій" for what Obriy sends itself: see [`NotificationKind::from_obriy`]).
    pub by: String,
    /// What a person wrote or named, as they wrote it: the measure's name, the start of a
    /// comment, a return's reason, an uploaded file's name; empty when the facts say it all.
    pub summary: String,
    /// The rest of what the item says, for the app to write out in the reader's language.
    #[serde(default)]
    pub facts: NoticeFacts,
    /// Milliseconds since the Unix epoch.
    pub at: i64,
    pub read: bool,
    /// The task the item asked for is done since (the report was submitted, the proposal or
    /// report no longer waits for this user): decided by the server when the inbox is read.
    #[serde(default)]
    pub done: bool,
}

/// What an inbox item says beyond its kind, organisation and period: numbers and dates, never
/// sentences (the app writes those in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeFacts {
    /// A reminder's due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// The department's decision on a proposal's lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<LineVerdicts>,
    /// An uploaded file's check (its name is the summary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import: Option<ImportFacts>,
    /// How many lines (changes) a submitted proposal holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<u32>,
}

impl NoticeFacts {
    pub fn is_empty(&self) -> bool {
        *self == NoticeFacts::default()
    }
}

/// How many of a proposal's lines one decision approved, returned and rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineVerdicts {
    pub approved: u32,
    pub returned: u32,
    pub rejected: u32,
}

impl LineVerdicts {
    /// "затверджено 2 рядки, повернуто 1 рядок, відхилено 0 рядків" / "approved 2 lines, …".
    pub fn text(self, lang: Lang) -> String {
        let message = match lang {
            Lang::Uk => "затверджено {approved}, повернуто {returned}, відхилено {rejected}",
            Lang::En => "approved {approved}, returned {returned}, rejected {rejected}",
        };
        let n = |v: u32| LINES.count(i64::from(v), lang);
        fill(
            message,
            &[
                ("approved", n(self.approved).as_str()),
                ("returned", n(self.returned).as_str()),
                ("rejected", n(self.rejected).as_str()),
            ],
        )
    }
}

/// What checking an uploaded file found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportFacts {
    /// Whether the file could be read at all.
    pub read: bool,
    /// Changes it would make.
    pub changes: u32,
    /// Rows refused for errors.
    pub refused: u32,
}

/// `GET /api/inbox`: the newest 50 items and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub unread: i64,
    pub items: Vec<Notification>,
}

/// `POST /api/inbox/read`: these items, or all when `ids` is absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkRead {
    #[serde(default)]
    pub ids: Option<Vec<i32>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_counts_its_lines_in_both_languages() {
        let v = LineVerdicts {
            approved: 2,
            returned: 1,
            rejected: 5,
        };
        assert_eq!(
            v.text(Lang::Uk),
            "затверджено 2 рядки, повернуто 1 рядок, відхилено 5 рядків"
        );
        assert_eq!(
            v.text(Lang::En),
            "approved 2 lines, returned 1 line, rejected 5 lines"
        );
    }

    #[test]
    fn facts_are_left_out_of_json_when_absent_and_old_items_read() {
        assert_eq!(
            serde_json::to_string(&NoticeFacts::default())
                .ok()
                .as_deref(),
            Some("{}")
        );
        let old = r#"{"id":1,"kind":"comment","measure_id":3,"proposal_id":null,"org_id":4,
            "by":"Ігор Бондар","summary":"Додайте кошторис","at":0,"read":false}"#;
        let item: Notification = serde_json::from_str(old).expect("an item without the new fields");
        assert!(item.facts.is_empty());
        assert_eq!(item.org_name, Text::default());
    }
}
