//! Typed calls to the Obriy REST API: one fetch helper, every failure as a `shared::ApiErrorBody`.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::audit::AuditEntry;
use shared::api::auth::{LoginRequest, SessionInfo};
use shared::api::budget::{MeasureExecution, SetApproved};
use shared::api::comments::{Comment, NewComment};
use shared::api::inbox::{Inbox, MarkRead};
use shared::api::measures::{MeasureDetail, MeasureInput, UpdateMeasure};
use shared::api::orgs::OrgSummary;
use shared::api::plan::{PlanFilter, PlanTree};
use shared::api::presence::{PresenceBeat, Viewer};
use shared::api::programme::ProgrammeOverview;
use shared::api::proposals::{
    Decide, DraftVersion, ProposalAction, ProposalDetail, ProposalFilter, ProposalId,
    ProposalSummary, ProposeMeasure, ReturnProposal, WorkflowSettings,
};
use shared::api::reports::{Report, ReportAction, ReportCalendar, ReportStepRequest, SaveReport};
use shared::api::versions::{PlanVersions, VersionComparison};
use shared::api::CSRF_HEADER;
use shared::calendar::ReportPeriod;
use shared::{ApiErrorBody, ErrorCode, MeasureId, OrgId, Text};
use std::cell::RefCell;
use web_sys::RequestCredentials;

thread_local! {
    // The token lives here rather than in a context because the fetch helpers run outside any
    // reactive owner (inside futures); the session context keeps it in step.
    static CSRF_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Remembers (or forgets) the session's CSRF token for every later write.
pub fn set_csrf_token(token: Option<String>) {
    CSRF_TOKEN.with(|t| *t.borrow_mut() = token);
}

fn csrf_token() -> Option<String> {
    CSRF_TOKEN.with(|t| t.borrow().clone())
}

/// What the app shows when the server cannot be reached at all.
fn network_error() -> ApiErrorBody {
    ApiErrorBody {
        code: ErrorCode::Internal,
        message: Text::new(
            "Немає зв’язку із сервером. Перевірте мережу й спробуйте ще раз.",
            "Cannot reach the server. Check the network and try again.",
        ),
        field: None,
        current: None,
    }
}

/// A 2xx answer whose body is not what this version of the app expects.
fn unreadable_response() -> ApiErrorBody {
    ApiErrorBody {
        code: ErrorCode::Internal,
        message: Text::new(
            "Відповідь сервера не вдалося прочитати. Оновіть сторінку.",
            "The server's answer could not be read. Reload the page.",
        ),
        field: None,
        current: None,
    }
}

fn with_defaults(builder: RequestBuilder, write: bool) -> RequestBuilder {
    let builder = builder
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json");
    match csrf_token() {
        Some(token) if write => builder.header(CSRF_HEADER, &token),
        _ => builder,
    }
}

/// Sends and maps a non-2xx answer to the server's error body (or one made from the status).
async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiErrorBody> {
    let request = request.map_err(|_| ApiErrorBody::new(ErrorCode::BadRequest))?;
    let response = request.send().await.map_err(|_| network_error())?;
    if response.ok() {
        return Ok(response);
    }
    match response.json::<ApiErrorBody>().await {
        Ok(body) => Err(body),
        Err(_) => Err(ApiErrorBody::new(code_for_status(response.status()))),
    }
}

/// For answers without an error body, e.g. from a proxy in front of the server.
fn code_for_status(status: u16) -> ErrorCode {
    match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        409 => ErrorCode::VersionConflict,
        429 => ErrorCode::TooManyAttempts,
        _ => ErrorCode::Internal,
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiErrorBody> {
    response
        .json::<T>()
        .await
        .map_err(|_| unreadable_response())
}

/// `GET path` → `T`.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiErrorBody> {
    let response = send(with_defaults(Request::get(path), false).build()).await?;
    decode(response).await
}

/// `POST path` with a JSON body → `T`.
pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiErrorBody> {
    let response = send(with_defaults(Request::post(path), true).json(body)).await?;
    decode(response).await
}

/// `PUT path` with a JSON body → `T`.
pub async fn put<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiErrorBody> {
    let response = send(with_defaults(Request::put(path), true).json(body)).await?;
    decode(response).await
}

/// `POST path` without a body, for answers without one (204).
pub async fn post_empty(path: &str) -> Result<(), ApiErrorBody> {
    send(with_defaults(Request::post(path), true).build()).await?;
    Ok(())
}

/// `DELETE path` → 204.
pub async fn delete(path: &str) -> Result<(), ApiErrorBody> {
    send(with_defaults(Request::delete(path), true).build()).await?;
    Ok(())
}

pub async fn me() -> Result<SessionInfo, ApiErrorBody> {
    get("/api/auth/me").await
}

pub async fn login(request: LoginRequest) -> Result<SessionInfo, ApiErrorBody> {
    post("/api/auth/login", &request).await
}

pub async fn logout() -> Result<(), ApiErrorBody> {
    post_empty("/api/auth/logout").await
}

pub async fn programme() -> Result<ProgrammeOverview, ApiErrorBody> {
    get("/api/programme").await
}

pub async fn orgs() -> Result<Vec<OrgSummary>, ApiErrorBody> {
    get("/api/orgs").await
}

pub async fn plan(filter: PlanFilter) -> Result<PlanTree, ApiErrorBody> {
    let query = filter.to_query();
    if query.is_empty() {
        get("/api/plan").await
    } else {
        get(&format!("/api/plan?{query}")).await
    }
}

pub async fn measure(id: MeasureId) -> Result<MeasureDetail, ApiErrorBody> {
    get(&format!("/api/measures/{id}")).await
}

pub async fn create_measure(input: MeasureInput) -> Result<MeasureDetail, ApiErrorBody> {
    post("/api/measures", &input).await
}

pub async fn update_measure(
    id: MeasureId,
    update: UpdateMeasure,
) -> Result<MeasureDetail, ApiErrorBody> {
    put(&format!("/api/measures/{id}"), &update).await
}

pub async fn delete_measure(id: MeasureId, version: i32) -> Result<(), ApiErrorBody> {
    delete(&format!("/api/measures/{id}?version={version}")).await
}

/// The measure's audit entries, newest first.
pub async fn measure_history(id: MeasureId) -> Result<Vec<AuditEntry>, ApiErrorBody> {
    get(&format!("/api/measures/{id}/history")).await
}

/// Where a measure's comments live.
pub fn measure_comments_path(id: MeasureId) -> String {
    format!("/api/measures/{id}/comments")
}

/// Where a proposal's comments live.
pub fn proposal_comments_path(id: ProposalId) -> String {
    format!("/api/proposals/{id}/comments")
}

/// A thread's comments (a measure's or a proposal's), oldest first.
pub async fn comments(path: String) -> Result<Vec<Comment>, ApiErrorBody> {
    get(&path).await
}

pub async fn add_comment(path: String, comment: NewComment) -> Result<Comment, ApiErrorBody> {
    post(&path, &comment).await
}

/// The newest notifications about one's organisation's measures, with the unread count.
pub async fn inbox() -> Result<Inbox, ApiErrorBody> {
    get("/api/inbox").await
}

/// Marks these notifications read (all of them with `None`); answers with the inbox after that.
pub async fn mark_read(ids: Option<Vec<i32>>) -> Result<Inbox, ApiErrorBody> {
    post("/api/inbox/read", &MarkRead { ids }).await
}

/// "I have this measure open": answers with everyone who has it open now.
pub async fn presence_beat(id: MeasureId, editing: bool) -> Result<Vec<Viewer>, ApiErrorBody> {
    post(
        &format!("/api/measures/{id}/presence"),
        &PresenceBeat { editing },
    )
    .await
}

/// Who has the measure open now.
pub async fn presence(id: MeasureId) -> Result<Vec<Viewer>, ApiErrorBody> {
    get(&format!("/api/measures/{id}/presence")).await
}

/// "I have left the measure's page."
pub async fn presence_leave(id: MeasureId) -> Result<(), ApiErrorBody> {
    delete(&format!("/api/measures/{id}/presence")).await
}

/// The proposals this user may see, newest first.
pub async fn proposals(filter: ProposalFilter) -> Result<Vec<ProposalSummary>, ApiErrorBody> {
    let query = filter.to_query();
    if query.is_empty() {
        get("/api/proposals").await
    } else {
        get(&format!("/api/proposals?{query}")).await
    }
}

/// The signed-in user's organisation's draft proposal, if there is one.
pub async fn draft_proposal() -> Result<Option<ProposalDetail>, ApiErrorBody> {
    get("/api/proposals/draft").await
}

pub async fn proposal(id: ProposalId) -> Result<ProposalDetail, ApiErrorBody> {
    get(&format!("/api/proposals/{id}")).await
}

/// Puts the whole measure as wanted into the draft proposal (an approved measure's edit).
pub async fn propose_measure(
    id: MeasureId,
    proposal: ProposeMeasure,
) -> Result<MeasureDetail, ApiErrorBody> {
    put(&format!("/api/proposals/draft/measures/{id}"), &proposal).await
}

/// What the draft proposal can do with one approved measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftMeasureAction {
    /// Propose taking it out of the plan.
    Withdraw,
    /// Drop this measure's lines from the draft.
    Discard,
}

pub async fn draft_measure_action(
    id: MeasureId,
    action: DraftMeasureAction,
    proposal_version: Option<i32>,
) -> Result<MeasureDetail, ApiErrorBody> {
    let verb = match action {
        DraftMeasureAction::Withdraw => "withdraw",
        DraftMeasureAction::Discard => "discard",
    };
    post(
        &format!("/api/proposals/draft/measures/{id}/{verb}"),
        &DraftVersion { proposal_version },
    )
    .await
}

/// A step of a proposal's way that takes a version and a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalStepAction {
    Submit,
    Endorse,
    Rebase,
}

pub async fn proposal_step(
    id: ProposalId,
    step: ProposalStepAction,
    action: ProposalAction,
) -> Result<ProposalDetail, ApiErrorBody> {
    let verb = match step {
        ProposalStepAction::Submit => "submit",
        ProposalStepAction::Endorse => "endorse",
        ProposalStepAction::Rebase => "rebase",
    };
    post(&format!("/api/proposals/{id}/{verb}"), &action).await
}

pub async fn return_proposal(
    id: ProposalId,
    body: ReturnProposal,
) -> Result<ProposalDetail, ApiErrorBody> {
    post(&format!("/api/proposals/{id}/return"), &body).await
}

pub async fn decide_proposal(id: ProposalId, body: Decide) -> Result<ProposalDetail, ApiErrorBody> {
    post(&format!("/api/proposals/{id}/decide"), &body).await
}

pub async fn plan_versions() -> Result<PlanVersions, ApiErrorBody> {
    get("/api/plan/versions").await
}

pub async fn compare_versions(from: i32, to: i32) -> Result<VersionComparison, ApiErrorBody> {
    get(&format!("/api/plan/versions/{from}/compare/{to}")).await
}

pub async fn workflow() -> Result<WorkflowSettings, ApiErrorBody> {
    get("/api/workflow").await
}

pub async fn set_workflow(settings: WorkflowSettings) -> Result<WorkflowSettings, ApiErrorBody> {
    put("/api/workflow", &settings).await
}

// Reports and budget execution (issue 4)

/// `/api/reports/{org}/{period}`: where one report lives.
fn report_path(org: OrgId, period: ReportPeriod) -> String {
    format!("/api/reports/{org}/{period}")
}

/// The reporting calendar of one period: every organisation the user may see.
pub async fn report_calendar(period: ReportPeriod) -> Result<ReportCalendar, ApiErrorBody> {
    get(&format!("/api/reports?period={period}")).await
}

/// The reporting calendar of one organisation: every period of the programme.
pub async fn org_report_calendar(org: OrgId) -> Result<ReportCalendar, ApiErrorBody> {
    get(&format!("/api/reports?org={org}")).await
}

/// One report (a blank draft with version 0 when nothing is saved yet).
pub async fn report(org: OrgId, period: ReportPeriod) -> Result<Report, ApiErrorBody> {
    get(&report_path(org, period)).await
}

pub async fn save_report(
    org: OrgId,
    period: ReportPeriod,
    body: &SaveReport,
) -> Result<Report, ApiErrorBody> {
    put(&report_path(org, period), body).await
}

/// Submit, endorse, return, approve or unlock, with the version the user saw.
pub async fn report_step(
    org: OrgId,
    period: ReportPeriod,
    action: ReportAction,
    body: &ReportStepRequest,
) -> Result<Report, ApiErrorBody> {
    let path = format!("{}/{}", report_path(org, period), action.as_str());
    post(&path, body).await
}

/// A measure's planned, approved and executed amounts, and the reports behind them.
pub async fn measure_execution(id: MeasureId) -> Result<MeasureExecution, ApiErrorBody> {
    get(&format!("/api/measures/{id}/execution")).await
}

/// The department enters a measure's approved amounts (the whole set).
pub async fn set_approved(
    id: MeasureId,
    body: &SetApproved,
) -> Result<MeasureExecution, ApiErrorBody> {
    put(&format!("/api/measures/{id}/execution"), body).await
}

// The programme head's dashboard (issue 4)

/// The dashboard of one level (`level`, `id`, `quarter` as in the query; absent: the oblast at
/// the latest ended quarter).
pub async fn dashboard(
    query: &shared::api::dashboard::DashboardQuery,
) -> Result<shared::api::dashboard::Dashboard, ApiErrorBody> {
    let mut params = Vec::new();
    if let Some(level) = &query.level {
        params.push(format!("level={level}"));
    }
    if let Some(id) = query.id {
        params.push(format!("id={id}"));
    }
    if let Some(quarter) = &query.quarter {
        params.push(format!("quarter={quarter}"));
    }
    get(&format!("/api/dashboard?{}", params.join("&"))).await
}

/// The communities and districts as SVG paths, already projected (the same for everyone).
pub async fn map_shapes() -> Result<shared::api::dashboard::MapShapes, ApiErrorBody> {
    get("/api/map").await
}

// Indicators and reporting settings (issue 4)

/// Every indicator of the programme with its definition, in the programme's order.
pub async fn indicators() -> Result<Vec<shared::api::indicators::IndicatorEntry>, ApiErrorBody> {
    get("/api/indicators").await
}

/// The department sets an indicator's status thresholds (`None`: back to the defaults).
pub async fn set_status_rule(
    id: shared::IndicatorId,
    body: &shared::api::indicators::SetStatusRule,
) -> Result<shared::api::indicators::IndicatorEntry, ApiErrorBody> {
    put(&format!("/api/indicators/{id}/status-rule"), body).await
}

/// The reminder lead and the share a value may move without a comment.
pub async fn reporting_settings() -> Result<shared::api::reports::ReportingSettings, ApiErrorBody> {
    get("/api/reporting/settings").await
}

pub async fn set_reporting_settings(
    body: &shared::api::reports::ReportingSettings,
) -> Result<shared::api::reports::ReportingSettings, ApiErrorBody> {
    put("/api/reporting/settings", body).await
}

/// Runs the reminder pass now; answers with how many inbox items it added.
pub async fn run_reminders() -> Result<shared::api::reports::RemindersRun, ApiErrorBody> {
    post("/api/reporting/reminders", &()).await
}
