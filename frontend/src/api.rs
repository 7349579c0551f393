//! Typed calls to the Obriy REST API: one fetch helper, every failure as a `shared::ApiErrorBody`.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::audit::{AuditPage, HistoryQuery};
use shared::api::auth::{LoginRequest, SessionInfo, UserInfo};
use shared::api::budget::{MeasureExecution, SetApproved};
use shared::api::comments::{Comment, NewComment};
use shared::api::endpoints::{self as ep, Endpoint, Method};
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
use shared::api::reports::{Report, ReportCalendar, ReportStepRequest, SaveReport};
use shared::api::users::{ChangePassword, CreateUser, PasswordReset};
use shared::api::versions::{PlanVersions, VersionComparison};
use shared::api::CSRF_HEADER;
use shared::calendar::ReportPeriod;
use shared::chain::Action;
use shared::{ApiErrorBody, ErrorCode, MeasureId, OrgId, Text, UserId};
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

/// The header frontend/sw.js puts on an answer it kept from an earlier visit.
const OFFLINE_HEADER: &str = "x-obriy-offline";

/// Whether a call failed because the server could not be reached (nothing was done there).
pub fn is_network_error(e: &ApiErrorBody) -> bool {
    *e == network_error()
}

/// Whether the server answers now (never from the service worker's cache).
pub async fn health() -> bool {
    send(request(ep::HEALTH, &ep::HEALTH.url(&[])).build())
        .await
        .is_ok()
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
    let response = request.send().await.map_err(|_| {
        crate::offline::lost();
        network_error()
    })?;
    // The service worker marks an answer it gave from its cache for want of a network.
    if response.headers().get(OFFLINE_HEADER).is_some() {
        crate::offline::lost();
    } else {
        crate::offline::reached();
    }
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

/// Builds the request for an endpoint of the shared table at `url`.
fn request(e: Endpoint, url: &str) -> RequestBuilder {
    let builder = match e.method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
        Method::Delete => Request::delete(url),
    };
    with_defaults(builder, e.method.writes())
}

/// Calls an endpoint (its path filled in) without a body.
async fn call<T: DeserializeOwned>(e: Endpoint, url: &str) -> Result<T, ApiErrorBody> {
    let response = send(request(e, url).build()).await?;
    decode(response).await
}

/// Calls an endpoint with a JSON body.
async fn call_with<B: Serialize, T: DeserializeOwned>(
    e: Endpoint,
    url: &str,
    body: &B,
) -> Result<T, ApiErrorBody> {
    let response = send(request(e, url).json(body)).await?;
    decode(response).await
}

/// Calls an endpoint whose answer has no body (204).
async fn call_empty(e: Endpoint, url: &str) -> Result<(), ApiErrorBody> {
    send(request(e, url).build()).await?;
    Ok(())
}

pub async fn me() -> Result<SessionInfo, ApiErrorBody> {
    call(ep::ME, &ep::ME.url(&[])).await
}

pub async fn login(request: LoginRequest) -> Result<SessionInfo, ApiErrorBody> {
    call_with(ep::LOGIN, &ep::LOGIN.url(&[]), &request).await
}

pub async fn logout() -> Result<(), ApiErrorBody> {
    call_empty(ep::LOGOUT, &ep::LOGOUT.url(&[])).await
}

/// The signed-in user changes their own password; answers with the user as they are now.
pub async fn change_password(body: &ChangePassword) -> Result<UserInfo, ApiErrorBody> {
    call_with(ep::PASSWORD_CHANGE, &ep::PASSWORD_CHANGE.url(&[]), body).await
}

/// Every account, for the administrator.
pub async fn users() -> Result<Vec<UserInfo>, ApiErrorBody> {
    call(ep::USERS, &ep::USERS.url(&[])).await
}

pub async fn create_user(body: &CreateUser) -> Result<UserInfo, ApiErrorBody> {
    call_with(ep::USER_CREATE, &ep::USER_CREATE.url(&[]), body).await
}

/// A one-time password for the account (shown once); its sessions end.
pub async fn reset_password(id: UserId) -> Result<PasswordReset, ApiErrorBody> {
    let url = ep::USER_PASSWORD_RESET.url(&[&id]);
    call_with(ep::USER_PASSWORD_RESET, &url, &()).await
}

/// Disables (its sessions end at once) or enables an account.
pub async fn set_user_disabled(id: UserId, disabled: bool) -> Result<UserInfo, ApiErrorBody> {
    let e = if disabled {
        ep::USER_DISABLE
    } else {
        ep::USER_ENABLE
    };
    call_with(e, &e.url(&[&id]), &()).await
}

pub async fn programme() -> Result<ProgrammeOverview, ApiErrorBody> {
    call(ep::PROGRAMME, &ep::PROGRAMME.url(&[])).await
}

// The open programme, read without an account.

pub async fn public_programme() -> Result<shared::api::public::PublicProgramme, ApiErrorBody> {
    call(ep::PUBLIC_PROGRAMME, &ep::PUBLIC_PROGRAMME.url(&[])).await
}

pub async fn public_plan() -> Result<shared::api::public::PublicPlan, ApiErrorBody> {
    call(ep::PUBLIC_PLAN, &ep::PUBLIC_PLAN.url(&[])).await
}

pub async fn public_measure(
    id: MeasureId,
) -> Result<shared::api::public::PublicMeasureDetail, ApiErrorBody> {
    call(ep::PUBLIC_MEASURE, &ep::PUBLIC_MEASURE.url(&[&id])).await
}

pub async fn public_indicators() -> Result<shared::api::public::PublicIndicators, ApiErrorBody> {
    call(ep::PUBLIC_INDICATORS, &ep::PUBLIC_INDICATORS.url(&[])).await
}

pub async fn public_orgs() -> Result<shared::api::public::PublicOrgs, ApiErrorBody> {
    call(ep::PUBLIC_ORGS, &ep::PUBLIC_ORGS.url(&[])).await
}

pub async fn public_versions() -> Result<shared::api::public::PublicVersions, ApiErrorBody> {
    call(ep::PUBLIC_VERSIONS, &ep::PUBLIC_VERSIONS.url(&[])).await
}

pub async fn public_org(
    id: shared::OrgId,
) -> Result<shared::api::public::PublicOrgDetail, ApiErrorBody> {
    call(ep::PUBLIC_ORG, &ep::PUBLIC_ORG.url(&[&id])).await
}

/// The communities' and districts' boundaries (the same shapes as the signed-in map).
pub async fn public_map() -> Result<shared::api::dashboard::MapShapes, ApiErrorBody> {
    call(ep::PUBLIC_MAP, &ep::PUBLIC_MAP.url(&[])).await
}

pub async fn public_documents() -> Result<shared::api::documents::PublishedDocuments, ApiErrorBody>
{
    call(ep::PUBLIC_DOCUMENTS, &ep::PUBLIC_DOCUMENTS.url(&[])).await
}

/// The department publishes a document as it is now (`file`: `quarterly.pdf`).
pub async fn publish_document(
    file: String,
    query: String,
) -> Result<shared::api::documents::PublishedDocument, ApiErrorBody> {
    let e = ep::DOCUMENT_PUBLISH;
    call_with(
        e,
        &e.url_with_query(&[&file], &query),
        &serde_json::json!({}),
    )
    .await
}

/// The Frictionless data package (its resources list the data files).
pub async fn public_datapackage() -> Result<serde_json::Value, ApiErrorBody> {
    call(ep::PUBLIC_DATAPACKAGE, &ep::PUBLIC_DATAPACKAGE.url(&[])).await
}

pub async fn orgs() -> Result<Vec<OrgSummary>, ApiErrorBody> {
    call(ep::ORGS, &ep::ORGS.url(&[])).await
}

pub async fn plan(filter: PlanFilter) -> Result<PlanTree, ApiErrorBody> {
    call(ep::PLAN, &ep::PLAN.url_with_query(&[], &filter.to_query())).await
}

pub async fn measure(id: MeasureId) -> Result<MeasureDetail, ApiErrorBody> {
    call(ep::MEASURE, &ep::MEASURE.url(&[&id])).await
}

pub async fn create_measure(input: MeasureInput) -> Result<MeasureDetail, ApiErrorBody> {
    call_with(ep::MEASURE_CREATE, &ep::MEASURE_CREATE.url(&[]), &input).await
}

pub async fn update_measure(
    id: MeasureId,
    update: UpdateMeasure,
) -> Result<MeasureDetail, ApiErrorBody> {
    call_with(ep::MEASURE_UPDATE, &ep::MEASURE_UPDATE.url(&[&id]), &update).await
}

pub async fn delete_measure(id: MeasureId, version: i32) -> Result<(), ApiErrorBody> {
    let url = ep::MEASURE_DELETE.url_with_query(&[&id], &format!("version={version}"));
    call_empty(ep::MEASURE_DELETE, &url).await
}

/// A page of the measure's audit entries, newest first.
pub async fn measure_history(
    id: MeasureId,
    query: HistoryQuery,
) -> Result<AuditPage, ApiErrorBody> {
    let url = ep::MEASURE_HISTORY.url_with_query(&[&id], &query.to_query());
    call(ep::MEASURE_HISTORY, &url).await
}

/// What a comment thread hangs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thread {
    Measure(MeasureId),
    Proposal(ProposalId),
}

/// A thread's comments (a measure's or a proposal's), oldest first.
pub async fn comments(thread: Thread) -> Result<Vec<Comment>, ApiErrorBody> {
    match thread {
        Thread::Measure(id) => call(ep::MEASURE_COMMENTS, &ep::MEASURE_COMMENTS.url(&[&id])).await,
        Thread::Proposal(id) => {
            call(ep::PROPOSAL_COMMENTS, &ep::PROPOSAL_COMMENTS.url(&[&id])).await
        }
    }
}

pub async fn add_comment(thread: Thread, comment: NewComment) -> Result<Comment, ApiErrorBody> {
    let (e, url) = match thread {
        Thread::Measure(id) => (ep::MEASURE_COMMENT_ADD, ep::MEASURE_COMMENT_ADD.url(&[&id])),
        Thread::Proposal(id) => (
            ep::PROPOSAL_COMMENT_ADD,
            ep::PROPOSAL_COMMENT_ADD.url(&[&id]),
        ),
    };
    call_with(e, &url, &comment).await
}

/// A coordinator's own work in one answer: measures, next report, proposals waiting, inbox.
pub async fn home() -> Result<shared::api::home::Home, ApiErrorBody> {
    call(ep::HOME, &ep::HOME.url(&[])).await
}

/// The newest notifications about one's organisation's measures, with the unread count.
pub async fn inbox() -> Result<Inbox, ApiErrorBody> {
    call(ep::INBOX, &ep::INBOX.url(&[])).await
}

/// Marks these notifications read (all of them with `None`); answers with the inbox after that.
pub async fn mark_read(ids: Option<Vec<i32>>) -> Result<Inbox, ApiErrorBody> {
    call_with(ep::INBOX_READ, &ep::INBOX_READ.url(&[]), &MarkRead { ids }).await
}

/// "I have this measure open": answers with everyone who has it open now.
pub async fn presence_beat(id: MeasureId, editing: bool) -> Result<Vec<Viewer>, ApiErrorBody> {
    let url = ep::PRESENCE_BEAT.url(&[&id]);
    call_with(ep::PRESENCE_BEAT, &url, &PresenceBeat { editing }).await
}

/// Who has the measure open now.
pub async fn presence(id: MeasureId) -> Result<Vec<Viewer>, ApiErrorBody> {
    call(ep::PRESENCE, &ep::PRESENCE.url(&[&id])).await
}

/// "I have left the measure's page."
pub async fn presence_leave(id: MeasureId) -> Result<(), ApiErrorBody> {
    call_empty(ep::PRESENCE_LEAVE, &ep::PRESENCE_LEAVE.url(&[&id])).await
}

/// The proposals this user may see, newest first.
pub async fn proposals(filter: ProposalFilter) -> Result<Vec<ProposalSummary>, ApiErrorBody> {
    call(
        ep::PROPOSALS,
        &ep::PROPOSALS.url_with_query(&[], &filter.to_query()),
    )
    .await
}

/// The signed-in user's organisation's draft proposal, if there is one.
pub async fn draft_proposal() -> Result<Option<ProposalDetail>, ApiErrorBody> {
    call(ep::PROPOSAL_DRAFT, &ep::PROPOSAL_DRAFT.url(&[])).await
}

pub async fn proposal(id: ProposalId) -> Result<ProposalDetail, ApiErrorBody> {
    call(ep::PROPOSAL, &ep::PROPOSAL.url(&[&id])).await
}

/// Puts the whole measure as wanted into the draft proposal (an approved measure's edit).
pub async fn propose_measure(
    id: MeasureId,
    proposal: ProposeMeasure,
) -> Result<MeasureDetail, ApiErrorBody> {
    let url = ep::PROPOSAL_DRAFT_MEASURE.url(&[&id]);
    call_with(ep::PROPOSAL_DRAFT_MEASURE, &url, &proposal).await
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
    let e = match action {
        DraftMeasureAction::Withdraw => ep::PROPOSAL_DRAFT_WITHDRAW,
        DraftMeasureAction::Discard => ep::PROPOSAL_DRAFT_DISCARD,
    };
    call_with(e, &e.url(&[&id]), &DraftVersion { proposal_version }).await
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
    let e = match step {
        ProposalStepAction::Submit => ep::PROPOSAL_SUBMIT,
        ProposalStepAction::Endorse => ep::PROPOSAL_ENDORSE,
        ProposalStepAction::Rebase => ep::PROPOSAL_REBASE,
    };
    call_with(e, &e.url(&[&id]), &action).await
}

pub async fn return_proposal(
    id: ProposalId,
    body: ReturnProposal,
) -> Result<ProposalDetail, ApiErrorBody> {
    call_with(ep::PROPOSAL_RETURN, &ep::PROPOSAL_RETURN.url(&[&id]), &body).await
}

pub async fn decide_proposal(id: ProposalId, body: Decide) -> Result<ProposalDetail, ApiErrorBody> {
    call_with(ep::PROPOSAL_DECIDE, &ep::PROPOSAL_DECIDE.url(&[&id]), &body).await
}

pub async fn plan_versions() -> Result<PlanVersions, ApiErrorBody> {
    call(ep::PLAN_VERSIONS, &ep::PLAN_VERSIONS.url(&[])).await
}

pub async fn compare_versions(from: i32, to: i32) -> Result<VersionComparison, ApiErrorBody> {
    let url = ep::PLAN_VERSIONS_COMPARE.url(&[&from, &to]);
    call(ep::PLAN_VERSIONS_COMPARE, &url).await
}

pub async fn workflow() -> Result<WorkflowSettings, ApiErrorBody> {
    call(ep::WORKFLOW, &ep::WORKFLOW.url(&[])).await
}

pub async fn set_workflow(settings: WorkflowSettings) -> Result<WorkflowSettings, ApiErrorBody> {
    call_with(ep::WORKFLOW_SET, &ep::WORKFLOW_SET.url(&[]), &settings).await
}

/// The reporting calendar of one period: every organisation the user may see.
pub async fn report_calendar(period: ReportPeriod) -> Result<ReportCalendar, ApiErrorBody> {
    let url = ep::REPORTS.url_with_query(&[], &format!("period={period}"));
    call(ep::REPORTS, &url).await
}

/// The reporting calendar of one organisation: every period of the programme.
pub async fn org_report_calendar(org: OrgId) -> Result<ReportCalendar, ApiErrorBody> {
    call(
        ep::REPORTS,
        &ep::REPORTS.url_with_query(&[], &format!("org={org}")),
    )
    .await
}

/// One report (a blank draft with version 0 when nothing is saved yet).
pub async fn report(org: OrgId, period: ReportPeriod) -> Result<Report, ApiErrorBody> {
    call(ep::REPORT, &ep::REPORT.url(&[&org, &period])).await
}

pub async fn save_report(
    org: OrgId,
    period: ReportPeriod,
    body: &SaveReport,
) -> Result<Report, ApiErrorBody> {
    call_with(
        ep::REPORT_SAVE,
        &ep::REPORT_SAVE.url(&[&org, &period]),
        body,
    )
    .await
}

/// Submit, endorse, return, approve or unlock, with the version the user saw.
pub async fn report_step(
    org: OrgId,
    period: ReportPeriod,
    action: Action,
    body: &ReportStepRequest,
) -> Result<Report, ApiErrorBody> {
    let url = ep::REPORT_STEP.url(&[&org, &period, &action.as_str()]);
    call_with(ep::REPORT_STEP, &url, body).await
}

/// A measure's planned, approved and executed amounts, and the reports behind them.
pub async fn measure_execution(id: MeasureId) -> Result<MeasureExecution, ApiErrorBody> {
    call(ep::MEASURE_EXECUTION, &ep::MEASURE_EXECUTION.url(&[&id])).await
}

/// The department enters a measure's approved amounts (the whole set).
pub async fn set_approved(
    id: MeasureId,
    body: &SetApproved,
) -> Result<MeasureExecution, ApiErrorBody> {
    let url = ep::MEASURE_EXECUTION_SET.url(&[&id]);
    call_with(ep::MEASURE_EXECUTION_SET, &url, body).await
}

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
    if let Some(source) = &query.source {
        params.push(format!("source={source}"));
    }
    let url = ep::DASHBOARD.url_with_query(&[], &params.join("&"));
    call(ep::DASHBOARD, &url).await
}

/// The communities and districts as SVG paths, already projected (the same for everyone).
pub async fn map_shapes() -> Result<shared::api::dashboard::MapShapes, ApiErrorBody> {
    call(ep::MAP, &ep::MAP.url(&[])).await
}

/// Every indicator of the programme with its definition, in the programme's order.
pub async fn indicators() -> Result<Vec<shared::api::indicators::IndicatorEntry>, ApiErrorBody> {
    call(ep::INDICATORS, &ep::INDICATORS.url(&[])).await
}

/// The department sets an indicator's status thresholds (`None`: back to the defaults).
pub async fn set_status_rule(
    id: shared::IndicatorId,
    body: &shared::api::indicators::SetStatusRule,
) -> Result<shared::api::indicators::IndicatorEntry, ApiErrorBody> {
    let url = ep::INDICATOR_STATUS_RULE_SET.url(&[&id]);
    call_with(ep::INDICATOR_STATUS_RULE_SET, &url, body).await
}

/// The reminder lead and the share a value may move without a comment.
pub async fn reporting_settings() -> Result<shared::api::reports::ReportingSettings, ApiErrorBody> {
    call(ep::REPORTING_SETTINGS, &ep::REPORTING_SETTINGS.url(&[])).await
}

pub async fn set_reporting_settings(
    body: &shared::api::reports::ReportingSettings,
) -> Result<shared::api::reports::ReportingSettings, ApiErrorBody> {
    let url = ep::REPORTING_SETTINGS_SET.url(&[]);
    call_with(ep::REPORTING_SETTINGS_SET, &url, body).await
}

/// Runs the reminder pass now; answers with how many inbox items it added.
pub async fn run_reminders() -> Result<shared::api::reports::RemindersRun, ApiErrorBody> {
    call_with(ep::REMINDERS_RUN, &ep::REMINDERS_RUN.url(&[]), &()).await
}

/// A document's query string (`period=2026-Q3&org=12&source=oblast&lang=en`), empty parts left out.
pub fn document_query(q: &shared::api::documents::DocumentQuery) -> String {
    let mut params = Vec::new();
    if let Some(p) = &q.period {
        params.push(format!("period={p}"));
    }
    if let Some(o) = q.org {
        params.push(format!("org={o}"));
    }
    if let Some(s) = q.source {
        params.push(format!("source={}", s.as_str()));
    }
    if let Some(l) = q.lang {
        params.push(format!("lang={}", l.code()));
    }
    params.join("&")
}

/// The documents the user may produce for a scope and period.
pub async fn documents(
    q: &shared::api::documents::DocumentQuery,
) -> Result<shared::api::documents::DocumentCatalog, ApiErrorBody> {
    let url = ep::DOCUMENTS.url_with_query(&[], &document_query(q));
    call(ep::DOCUMENTS, &url).await
}

/// A produced document's bytes, media type and file name.
#[derive(Debug, Clone, PartialEq)]
pub struct Downloaded {
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
    pub filename: String,
}

/// Fetches one document (PDF or XLSX).
pub async fn document(
    file: shared::api::documents::DocumentFile,
    q: &shared::api::documents::DocumentQuery,
) -> Result<Downloaded, ApiErrorBody> {
    let url = ep::DOCUMENT.url_with_query(&[&file.name()], &document_query(q));
    let response = send(request(ep::DOCUMENT, &url).build()).await?;
    let filename = response
        .headers()
        .get("content-disposition")
        .and_then(|v| {
            v.split("filename=\"")
                .nth(1)
                .map(|f| f.trim_end_matches('"').to_string())
        })
        .unwrap_or_else(|| file.name());
    let bytes = response.binary().await.map_err(|_| unreadable_response())?;
    Ok(Downloaded {
        bytes,
        media_type: file.format.media_type(),
        filename,
    })
}

/// A fetched file as an address the page can link to (`blob:`), until [`forget_file`].
pub fn file_url(file: &Downloaded) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(file.bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(file.media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Lets the browser drop a file made by [`file_url`].
pub fn forget_file(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// Hands a file to the browser's downloads, as a click on a link to it would. A browser may
/// hold back a download that starts long after the user's click; the page keeps the link.
pub fn start_download(url: &str, filename: &str) {
    let document = leptos::prelude::document();
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(e).ok())
    {
        a.set_href(url);
        a.set_download(filename);
        a.click();
    }
}

// Excel in.

/// Uploads a file as an import job (checked in the background).
pub async fn start_import(
    start: &shared::api::imports::ImportStart,
    file: web_sys::File,
) -> Result<shared::api::imports::ImportJob, ApiErrorBody> {
    let url = ep::IMPORT_START.url_with_query(&[], &start.to_query());
    let response = send(
        request(ep::IMPORT_START, &url)
            .header("Content-Type", "application/octet-stream")
            .body(file),
    )
    .await?;
    decode(response).await
}

pub async fn import_job(id: i32) -> Result<shared::api::imports::ImportJob, ApiErrorBody> {
    call(ep::IMPORT, &ep::IMPORT.url(&[&id])).await
}

/// My import jobs, newest first.
pub async fn import_jobs() -> Result<Vec<shared::api::imports::ImportJob>, ApiErrorBody> {
    call(ep::IMPORTS, &ep::IMPORTS.url(&[])).await
}

/// Writes the job's changes; a 409 `import_changed` carries the new preview in `current`.
pub async fn confirm_import(id: i32) -> Result<shared::api::imports::ImportJob, ApiErrorBody> {
    call_with(ep::IMPORT_CONFIRM, &ep::IMPORT_CONFIRM.url(&[&id]), &()).await
}

/// The address of the job's marked copy (a plain link: the session cookie goes with it).
pub fn import_marked_url(id: i32, lang: shared::Lang) -> String {
    ep::IMPORT_MARKED.url_with_query(&[&id], &format!("lang={}", lang.code()))
}

/// The address of a table's file with the page's filters.
pub fn export_url(
    table: shared::api::exports::ExportTable,
    format: &str,
    filters: &str,
    lang: shared::Lang,
    sep: Option<shared::api::exports::CsvSeparator>,
) -> String {
    let file = format!("{}.{format}", table.as_str());
    ep::EXPORT.url_with_query(
        &[&file],
        &shared::api::exports::export_query(filters, lang, sep),
    )
}

/// The address of a report's prefilled workbook.
pub fn report_workbook_url(org: OrgId, period: ReportPeriod, lang: shared::Lang) -> String {
    ep::REPORT_WORKBOOK.url_with_query(&[&org, &period], &format!("lang={}", lang.code()))
}

/// The local programmes in the user's scope for a year (absent: the current one).
pub async fn local_programmes(
    year: Option<shared::Year>,
) -> Result<shared::api::local_programmes::LocalProgrammeSummary, ApiErrorBody> {
    let query = year.map(|y| format!("year={y}")).unwrap_or_default();
    let url = ep::LOCAL_PROGRAMMES.url_with_query(&[], &query);
    call(ep::LOCAL_PROGRAMMES, &url).await
}

pub async fn local_programme(
    org: OrgId,
) -> Result<shared::api::local_programmes::LocalProgramme, ApiErrorBody> {
    call(ep::LOCAL_PROGRAMME, &ep::LOCAL_PROGRAMME.url(&[&org])).await
}

/// Saves an organisation's whole local programme from the version the user saw.
pub async fn save_local_programme(
    org: OrgId,
    body: &shared::api::local_programmes::SaveLocalProgramme,
) -> Result<shared::api::local_programmes::LocalProgramme, ApiErrorBody> {
    let url = ep::LOCAL_PROGRAMME_SAVE.url(&[&org]);
    call_with(ep::LOCAL_PROGRAMME_SAVE, &url, body).await
}
