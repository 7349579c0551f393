//! The audit log: who changed what, when, from which organisation, before and after.

use crate::ids::{MeasureId, OrgId, UserId};
use crate::text::Text;
use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($($variant:ident = $code:literal, $uk:literal, $en:literal;)*) => {
        /// Every kind of write the log records.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum AuditAction {
            $(#[serde(rename = $code)] $variant,)*
        }

        // Written by hand: the derive does not see the renames inside this macro, and the
        // document must list the values the API really sends (`measure.create`, …).
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for AuditAction {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),*]))
                    .description(Some("Every kind of write the log records."))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for AuditAction {}

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(AuditAction::$variant => $code,)* }
            }

            pub fn parse(s: &str) -> Option<AuditAction> {
                match s { $($code => Some(AuditAction::$variant),)* _ => None }
            }

            pub fn label(self) -> Text {
                match self { $(AuditAction::$variant => Text::new($uk, $en),)* }
            }
        }
    };
}

actions! {
    SignIn = "auth.sign_in", "Вхід", "Signed in";
    SignInFailed = "auth.sign_in_failed", "Невдала спроба входу", "Failed sign-in";
    SignOut = "auth.sign_out", "Вихід", "Signed out";
    MeasureCreated = "measure.create", "Захід створено", "Measure created";
    MeasureUpdated = "measure.update", "Захід змінено", "Measure changed";
    MeasureDeleted = "measure.delete", "Захід видалено", "Measure deleted";
    CommentAdded = "comment.create", "Коментар додано", "Comment added";
    MeasureApproved = "measure.approve", "Зміни заходу затверджено", "Measure changes approved";
    MeasureWithdrawn = "measure.withdraw", "Захід виключено з плану", "Measure withdrawn from the plan";
    ProposalChanged = "proposal.change", "Пропозицію змінено", "Proposal changed";
    ProposalSubmitted = "proposal.submit", "Пропозицію подано", "Proposal submitted";
    ProposalEndorsed = "proposal.endorse", "Пропозицію погоджено районом", "Proposal endorsed by the district";
    ProposalReturned = "proposal.return", "Пропозицію повернуто", "Proposal returned";
    ProposalDecided = "proposal.decide", "Рішення щодо пропозиції", "Proposal decided";
    ProposalRebased = "proposal.rebase", "Пропозицію узгоджено з новою версією", "Proposal rebased";
    PlanVersionCreated = "plan.version", "Нова версія плану", "New plan version";
    WorkflowChanged = "workflow.change", "Маршрут погодження змінено", "Approval route changed";
    ReportSaved = "report.save", "Звіт збережено", "Report saved";
    ImportApplied = "import.apply", "Файл Excel застосовано", "Excel file applied";
    ReportSubmitted = "report.submit", "Звіт подано", "Report submitted";
    ReportEndorsed = "report.endorse", "Звіт погоджено районом", "Report endorsed by the district";
    ReportReturned = "report.return", "Звіт повернуто", "Report returned";
    ReportApproved = "report.approve", "Звіт затверджено", "Report approved";
    ReportUnlocked = "report.unlock", "Звіт розблоковано", "Report unlocked";
    LocalProgrammeSaved = "local_programme.save", "Місцеву програму збережено", "Local programme saved";
    DocumentPublished = "document.publish", "Документ оприлюднено", "Document published";
    BudgetApproved = "budget.approve", "Затверджені обсяги внесено", "Approved amounts entered";
    ReportingSettingsChanged = "reporting.settings", "Налаштування звітності змінено", "Reporting settings changed";
    IndicatorRuleChanged = "indicator.rule", "Пороги статусу показника змінено", "Indicator status thresholds changed";
    IndicatorTargetsChanged = "indicator.targets", "Цілі показника змінено", "Indicator targets changed";
    RemindersSent = "reporting.remind", "Нагадування про звіти надіслано", "Report reminders sent";
    UserCreated = "user.create", "Обліковий запис створено", "Account created";
    PasswordChanged = "user.password_change", "Пароль змінено", "Password changed";
    PasswordReset = "user.password_reset", "Пароль скинуто адміністратором", "Password reset by the administrator";
    UserDisabled = "user.disable", "Обліковий запис вимкнено", "Account disabled";
    UserEnabled = "user.enable", "Обліковий запис увімкнено", "Account enabled";
    Seeded = "system.seed", "Початкові дані завантажено", "Initial data loaded";
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// Milliseconds since the Unix epoch.
    pub at: i64,
    pub user_id: Option<UserId>,
    /// The name of who did it, as it was then ("система" for the system).
    pub user_name: String,
    /// The organisation of who did it.
    pub actor_org: Option<OrgId>,
    pub action: AuditAction,
    /// `measure`, `user`, `session`, `programme`.
    pub entity: String,
    pub entity_id: Option<i32>,
    /// The organisation the changed thing belongs to.
    pub subject_org: Option<OrgId>,
    /// The state before, as JSON in the API's own shapes: an object (a measure, settings), an
    /// array (approved amounts), a value, or null.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Value>))]
    pub before: Option<serde_json::Value>,
    /// The state after, in the same shapes.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Value>))]
    pub after: Option<serde_json::Value>,
}

/// Query of `GET /api/audit`: newest first, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditFilter {
    pub measure: Option<MeasureId>,
    /// Entries about this organisation's things.
    pub org: Option<OrgId>,
    pub user: Option<UserId>,
    pub action: Option<AuditAction>,
    /// Only entries older than this position (the previous page's `next_before_seq`).
    pub before_seq: Option<i64>,
    /// At most this many (default 100, at most 500).
    pub limit: Option<u32>,
}

/// `GET /api/measures/{id}/history`: a page of one measure's entries, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct HistoryQuery {
    /// Only entries older than this position (the previous page's `next_before_seq`).
    pub before_seq: Option<i64>,
    /// At most this many (default 100, at most 500).
    pub limit: Option<u32>,
}

impl HistoryQuery {
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(b) = self.before_seq {
            parts.push(format!("before_seq={b}"));
        }
        if let Some(l) = self.limit {
            parts.push(format!("limit={l}"));
        }
        parts.join("&")
    }
}

/// `GET /api/audit`, `GET /api/measures/{id}/history`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before_seq` for the next page; absent on the last one.
    pub next_before_seq: Option<i64>,
}

/// `GET /api/audit/verify` and `obriy verify-audit`: the hash chain walked end to end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditVerification {
    pub entries: i64,
    pub intact: bool,
    /// The first entry whose hash does not follow from its content and its predecessor.
    pub first_broken_seq: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip() {
        for &a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert_eq!(
                serde_json::to_value(a).ok(),
                Some(serde_json::json!(a.as_str()))
            );
        }
    }
}
