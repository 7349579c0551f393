//! A typed client of the Obriy API, built from the `shared` types, over real HTTP.

use crate::app::TestApp;
use reqwest::blocking::{Client as Http, RequestBuilder};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::audit::{AuditPage, HistoryQuery};
use shared::api::auth::{LoginRequest, SessionInfo};
use shared::api::budget::{MeasureExecution, SetApproved};
use shared::api::dashboard::Dashboard;
use shared::api::endpoints::{self as ep, Endpoint, Method as EpMethod};
use shared::api::imports::{ImportJob, ImportState};
use shared::api::measures::{MeasureDetail, MeasureInput, UpdateMeasure};
use shared::api::orgs::OrgSummary;
use shared::api::plan::{PlanFilter, PlanTree};
use shared::api::programme::ProgrammeOverview;
use shared::api::proposals::{
    Decide, DraftVersion, LineDecision, LineState, ProposalAction, ProposalDetail, ProposalFilter,
    ProposalId, ProposalSummary, ProposeMeasure, ReturnProposal, Verdict,
};
use shared::api::public::{
    PublicIndicators, PublicMeasureDetail, PublicOrgs, PublicPlan, PublicProgramme, PublicVersions,
};
use shared::api::reports::{
    MeasureReportInput, RemindersRun, Report, ReportCalendar, ReportStepRequest, SaveReport,
    SpendingInput, ValueInput,
};
use shared::api::rollup::{Rollup, RollupLevel};
use shared::api::versions::{PlanVersions, VersionComparison};
use shared::api::CSRF_HEADER;
use shared::{ApiErrorBody, ErrorCode, MeasureId, OrgId};
use std::fmt::Display;
use std::sync::Mutex;

/// An error answer: its status and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub status: u16,
    pub body: ApiErrorBody,
}

impl Failure {
    pub fn code(&self) -> ErrorCode {
        self.body.code
    }
}

pub type Res<T> = Result<T, Failure>;

pub struct Client {
    pub base: String,
    http: Http,
    csrf: Mutex<Option<String>>,
}

impl Client {
    pub fn anonymous(app: &TestApp) -> Client {
        Client {
            base: app.url.clone(),
            http: Http::builder()
                .cookie_store(true)
                // The server closes idle connections after 5 s (actix's keep-alive); a client
                // idle for that long (while a browser test clicks) must not reuse one it is
                // closing, which fails the request instead of retrying it.
                .pool_idle_timeout(std::time::Duration::from_secs(2))
                .build()
                .unwrap_or_else(|e| panic!("http client: {e}")),
            csrf: Mutex::new(None),
        }
    }

    /// Signed in as a demo account.
    pub fn demo(app: &TestApp, login: &str) -> Client {
        let c = Client::anonymous(app);
        c.login(login, crate::DEMO_PASSWORD)
            .unwrap_or_else(|e| panic!("signing in as {login}: {e:?}"));
        c
    }

    pub fn login(&self, login: &str, password: &str) -> Res<SessionInfo> {
        let body = LoginRequest {
            login: login.into(),
            password: password.into(),
        };
        let s: SessionInfo = self.call_with(ep::LOGIN, &[], &body)?;
        self.set_csrf(Some(s.csrf_token.clone()));
        Ok(s)
    }

    pub fn set_csrf(&self, token: Option<String>) {
        *self
            .csrf
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = token;
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut rb = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if method != Method::GET {
            if let Some(token) = self
                .csrf
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone()
            {
                rb = rb.header(CSRF_HEADER, token);
            }
        }
        rb
    }

    /// Sends and decodes; `()` responses (204) decode from an empty body.
    fn send<T: DeserializeOwned>(&self, rb: RequestBuilder) -> Res<T> {
        let resp = rb.send().unwrap_or_else(|e| panic!("HTTP: {e}"));
        let status = resp.status().as_u16();
        let text = resp.text().unwrap_or_default();
        if (200..300).contains(&status) {
            let text = if text.is_empty() { "null" } else { &text };
            let de = &mut serde_json::Deserializer::from_str(text);
            Ok(serde_path_to_error::deserialize(de)
                .unwrap_or_else(|e| panic!("decoding a {status} answer: {e}\n{}", clip(text))))
        } else {
            let body: ApiErrorBody = serde_json::from_str(&text).unwrap_or_else(|e| {
                panic!(
                    "a {status} answer that is not ApiErrorBody ({e}): {}",
                    clip(&text)
                )
            });
            Err(Failure { status, body })
        }
    }

    pub fn get<T: DeserializeOwned>(&self, path: &str) -> Res<T> {
        self.send(self.request(Method::GET, path))
    }

    pub fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Res<T> {
        self.send(self.request(Method::POST, path).json(body))
    }

    pub fn put<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Res<T> {
        self.send(self.request(Method::PUT, path).json(body))
    }

    pub fn delete(&self, path: &str) -> Res<()> {
        self.send(self.request(Method::DELETE, path))
    }

    /// A request with a raw body, for malformed input: (status, body text).
    pub fn raw(&self, method: Method, path: &str, body: &str) -> (u16, String) {
        let resp = self
            .request(method, path)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .unwrap_or_else(|e| panic!("HTTP: {e}"));
        (resp.status().as_u16(), resp.text().unwrap_or_default())
    }

    /// The status and headers (names lower-case) of a GET.
    pub fn head_of(&self, path: &str) -> (u16, std::collections::HashMap<String, String>) {
        self.headers_of(Method::GET, path)
    }

    /// The status and headers (names lower-case) of a request without a body.
    pub fn headers_of(
        &self,
        method: Method,
        path: &str,
    ) -> (u16, std::collections::HashMap<String, String>) {
        let resp = self
            .request(method, path)
            .send()
            .unwrap_or_else(|e| panic!("HTTP: {e}"));
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        (resp.status().as_u16(), headers)
    }

    /// A request with a raw body and headers of one's choosing: (status, body text).
    pub fn raw_with(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Into<reqwest::blocking::Body>,
    ) -> (u16, String) {
        let mut rb = self.request(method, path);
        for (name, value) in headers {
            rb = rb.header(*name, *value);
        }
        let resp = rb.body(body).send().unwrap_or_else(|e| panic!("HTTP: {e}"));
        (resp.status().as_u16(), resp.text().unwrap_or_default())
    }

    // The resources, typed: each call names its endpoint in the shared table, which says the
    // method and the path.

    fn request_to(&self, e: Endpoint, values: &[&dyn Display], query: &str) -> RequestBuilder {
        let method = match e.method {
            EpMethod::Get => Method::GET,
            EpMethod::Post => Method::POST,
            EpMethod::Put => Method::PUT,
            EpMethod::Delete => Method::DELETE,
        };
        self.request(method, &e.url_with_query(values, query))
    }

    /// Calls an endpoint without a body.
    pub fn call<T: DeserializeOwned>(&self, e: Endpoint, values: &[&dyn Display]) -> Res<T> {
        self.send(self.request_to(e, values, ""))
    }

    /// Calls an endpoint with a query string.
    pub fn call_query<T: DeserializeOwned>(
        &self,
        e: Endpoint,
        values: &[&dyn Display],
        query: &str,
    ) -> Res<T> {
        self.send(self.request_to(e, values, query))
    }

    /// Calls an endpoint with a JSON body.
    pub fn call_with<B: Serialize, T: DeserializeOwned>(
        &self,
        e: Endpoint,
        values: &[&dyn Display],
        body: &B,
    ) -> Res<T> {
        self.send(self.request_to(e, values, "").json(body))
    }

    pub fn me(&self) -> Res<SessionInfo> {
        self.call(ep::ME, &[])
    }

    pub fn logout(&self) -> Res<()> {
        self.call(ep::LOGOUT, &[])
    }

    pub fn programme(&self) -> Res<ProgrammeOverview> {
        self.call(ep::PROGRAMME, &[])
    }

    pub fn orgs(&self) -> Res<Vec<OrgSummary>> {
        self.call(ep::ORGS, &[])
    }

    pub fn plan(&self, filter: &PlanFilter) -> Res<PlanTree> {
        self.call_query(ep::PLAN, &[], &filter.to_query())
    }

    pub fn rollup(&self, level: RollupLevel) -> Res<Rollup> {
        self.call(ep::ROLLUP, &[&level.as_str()])
    }

    pub fn measure(&self, id: MeasureId) -> Res<MeasureDetail> {
        self.call(ep::MEASURE, &[&id])
    }

    /// A measure of the programme's first task for the organisation with KATOTTH `code`.
    pub fn measure_in(
        &self,
        code: &str,
        name: &str,
        lines: &[(i32, shared::FundingSource, &str)],
    ) -> MeasureInput {
        let orgs = self.orgs().unwrap_or_else(|e| panic!("orgs: {e:?}"));
        let programme = self
            .programme()
            .unwrap_or_else(|e| panic!("programme: {e:?}"));
        crate::data::measure(
            crate::data::first_task(&programme),
            crate::data::org_by_code(&orgs, code),
            name,
            lines,
        )
    }

    pub fn add_comment(
        &self,
        measure: MeasureId,
        comment: &shared::api::comments::NewComment,
    ) -> Res<shared::api::comments::Comment> {
        self.call_with(ep::MEASURE_COMMENT_ADD, &[&measure], comment)
    }

    pub fn create_measure(&self, input: &MeasureInput) -> Res<MeasureDetail> {
        self.call_with(ep::MEASURE_CREATE, &[], input)
    }

    pub fn update_measure(
        &self,
        id: MeasureId,
        version: i32,
        input: &MeasureInput,
    ) -> Res<MeasureDetail> {
        let body = UpdateMeasure {
            version,
            measure: input.clone(),
        };
        self.call_with(ep::MEASURE_UPDATE, &[&id], &body)
    }

    pub fn delete_measure(&self, id: MeasureId, version: i32) -> Res<()> {
        self.call_query(ep::MEASURE_DELETE, &[&id], &format!("version={version}"))
    }

    /// A page of the measure's record, newest first.
    pub fn history(&self, id: MeasureId, query: &HistoryQuery) -> Res<AuditPage> {
        self.call_query(ep::MEASURE_HISTORY, &[&id], &query.to_query())
    }

    /// My organisation's draft proposal, if any.
    pub fn my_draft(&self) -> Res<Option<ProposalDetail>> {
        self.call(ep::PROPOSAL_DRAFT, &[])
    }

    pub fn proposal(&self, id: ProposalId) -> Res<ProposalDetail> {
        self.call(ep::PROPOSAL, &[&id])
    }

    pub fn proposals(&self, filter: &ProposalFilter) -> Res<Vec<ProposalSummary>> {
        self.call_query(ep::PROPOSALS, &[], &filter.to_query())
    }

    /// Proposes the whole measure as `input`, based on the draft version seen.
    pub fn propose(
        &self,
        id: MeasureId,
        seen: Option<i32>,
        input: &MeasureInput,
    ) -> Res<MeasureDetail> {
        let body = ProposeMeasure {
            proposal_version: seen,
            measure: input.clone(),
        };
        self.call_with(ep::PROPOSAL_DRAFT_MEASURE, &[&id], &body)
    }

    pub fn propose_withdrawal(&self, id: MeasureId, seen: Option<i32>) -> Res<MeasureDetail> {
        let body = DraftVersion {
            proposal_version: seen,
        };
        self.call_with(ep::PROPOSAL_DRAFT_WITHDRAW, &[&id], &body)
    }

    pub fn discard(&self, id: MeasureId, seen: Option<i32>) -> Res<MeasureDetail> {
        let body = DraftVersion {
            proposal_version: seen,
        };
        self.call_with(ep::PROPOSAL_DRAFT_DISCARD, &[&id], &body)
    }

    /// A step without a reason: `submit`, `endorse` or `rebase`.
    pub fn step(&self, p: &ProposalDetail, step: &str) -> Res<ProposalDetail> {
        let endpoint = match step {
            "submit" => ep::PROPOSAL_SUBMIT,
            "endorse" => ep::PROPOSAL_ENDORSE,
            "rebase" => ep::PROPOSAL_REBASE,
            other => panic!("no proposal step {other}"),
        };
        let body = ProposalAction {
            version: p.summary.version,
            note: String::new(),
        };
        self.call_with(endpoint, &[&p.summary.id], &body)
    }

    pub fn return_proposal(&self, p: &ProposalDetail, reason: &str) -> Res<ProposalDetail> {
        let body = ReturnProposal {
            version: p.summary.version,
            reason: reason.into(),
        };
        self.call_with(ep::PROPOSAL_RETURN, &[&p.summary.id], &body)
    }

    pub fn decide(&self, p: &ProposalDetail, lines: Vec<LineDecision>) -> Res<ProposalDetail> {
        let body = Decide {
            version: p.summary.version,
            decision: shared::Text::new("Наказ департаменту № 17", "Department order No. 17"),
            lines,
            over_envelope_reason: String::new(),
        };
        self.call_with(ep::PROPOSAL_DECIDE, &[&p.summary.id], &body)
    }

    /// Approves every pending line, confirming with `reason` a decision that goes beyond the
    /// funding envelope.
    pub fn approve_all_beyond_envelope(
        &self,
        p: &ProposalDetail,
        reason: &str,
    ) -> Res<ProposalDetail> {
        let body = Decide {
            version: p.summary.version,
            decision: shared::Text::new("Наказ департаменту № 17", "Department order No. 17"),
            lines: p
                .lines
                .iter()
                .filter(|l| l.state == LineState::Pending)
                .map(|l| LineDecision {
                    line_id: l.id,
                    verdict: Verdict::Approve,
                    reason: String::new(),
                })
                .collect(),
            over_envelope_reason: reason.into(),
        };
        self.call_with(ep::PROPOSAL_DECIDE, &[&p.summary.id], &body)
    }

    /// Approves every pending line.
    pub fn approve_all(&self, p: &ProposalDetail) -> Res<ProposalDetail> {
        let lines = p
            .lines
            .iter()
            .filter(|l| l.state == LineState::Pending)
            .map(|l| LineDecision {
                line_id: l.id,
                verdict: Verdict::Approve,
                reason: String::new(),
            })
            .collect();
        self.decide(p, lines)
    }

    pub fn versions(&self) -> Res<PlanVersions> {
        self.call(ep::PLAN_VERSIONS, &[])
    }

    pub fn compare(&self, from: i32, to: i32) -> Res<VersionComparison> {
        self.call(ep::PLAN_VERSIONS_COMPARE, &[&from, &to])
    }

    /// The signed-in user's own work (`GET /api/home`).
    pub fn home(&self) -> Res<shared::api::home::Home> {
        self.call(ep::HOME, &[])
    }

    // Reports, budget execution and the dashboard.

    pub fn report(&self, org: OrgId, period: &str) -> Res<Report> {
        self.call(ep::REPORT, &[&org, &period])
    }

    pub fn reports_of(&self, org: OrgId) -> Res<ReportCalendar> {
        self.call_query(ep::REPORTS, &[], &format!("org={org}"))
    }

    pub fn reports_for(&self, period: &str) -> Res<ReportCalendar> {
        self.call_query(ep::REPORTS, &[], &format!("period={period}"))
    }

    pub fn save_report(&self, r: &Report, body: &SaveReport) -> Res<Report> {
        self.call_with(ep::REPORT_SAVE, &[&r.org.id, &r.period], body)
    }

    /// A step (`submit`, `endorse`, `return`, `approve`, `unlock`) at the report's version.
    pub fn report_step(&self, r: &Report, action: &str, reason: Option<&str>) -> Res<Report> {
        let body = ReportStepRequest {
            version: r.version,
            reason: reason.map(str::to_string),
        };
        self.call_with(ep::REPORT_STEP, &[&r.org.id, &r.period, &action], &body)
    }

    pub fn execution(&self, measure: MeasureId) -> Res<MeasureExecution> {
        self.call(ep::MEASURE_EXECUTION, &[&measure])
    }

    pub fn set_approved(&self, measure: MeasureId, body: &SetApproved) -> Res<MeasureExecution> {
        self.call_with(ep::MEASURE_EXECUTION_SET, &[&measure], body)
    }

    /// `level` is `oblast`, `district`, `community` or `measure`.
    pub fn dashboard(&self, level: &str, id: Option<i32>, quarter: Option<&str>) -> Res<Dashboard> {
        let mut query = format!("level={level}");
        if let Some(id) = id {
            query.push_str(&format!("&id={id}"));
        }
        if let Some(q) = quarter {
            query.push_str(&format!("&quarter={q}"));
        }
        self.dashboard_query(&query)
    }

    /// The dashboard for a query as written (`level=oblast&source=oblast`).
    pub fn dashboard_query(&self, query: &str) -> Res<Dashboard> {
        self.call_query(ep::DASHBOARD, &[], query)
    }

    // The open programme, read without an account.

    pub fn public_programme(&self) -> Res<PublicProgramme> {
        self.call(ep::PUBLIC_PROGRAMME, &[])
    }

    pub fn public_plan(&self) -> Res<PublicPlan> {
        self.call(ep::PUBLIC_PLAN, &[])
    }

    pub fn public_measure(&self, id: MeasureId) -> Res<PublicMeasureDetail> {
        self.call(ep::PUBLIC_MEASURE, &[&id])
    }

    pub fn public_indicators(&self) -> Res<PublicIndicators> {
        self.call(ep::PUBLIC_INDICATORS, &[])
    }

    pub fn public_orgs(&self) -> Res<PublicOrgs> {
        self.call(ep::PUBLIC_ORGS, &[])
    }

    pub fn public_versions(&self) -> Res<PublicVersions> {
        self.call(ep::PUBLIC_VERSIONS, &[])
    }

    pub fn public_org(&self, org: OrgId) -> Res<shared::api::public::PublicOrgDetail> {
        self.call(ep::PUBLIC_ORG, &[&org])
    }

    pub fn public_map(&self) -> Res<shared::api::dashboard::MapShapes> {
        self.call(ep::PUBLIC_MAP, &[])
    }

    pub fn public_documents(&self) -> Res<shared::api::documents::PublishedDocuments> {
        self.call(ep::PUBLIC_DOCUMENTS, &[])
    }

    /// A published document's bytes and content type.
    pub fn public_document(&self, id: i32) -> Res<(Vec<u8>, String)> {
        self.download(ep::PUBLIC_DOCUMENT, &[&id], "")
    }

    /// The department publishes a document (`file`: `quarterly.pdf`; `query` as for the download).
    pub fn publish_document(
        &self,
        file: &str,
        query: &str,
    ) -> Res<shared::api::documents::PublishedDocument> {
        self.send(
            self.request_to(ep::DOCUMENT_PUBLISH, &[&file], query)
                .json(&serde_json::json!({})),
        )
    }

    /// The documents the user may produce (`query` as the API reads it: `period=2026-Q3&org=12`).
    pub fn documents(&self, query: &str) -> Res<shared::api::documents::DocumentCatalog> {
        self.call_query(ep::DOCUMENTS, &[], query)
    }

    /// One document's bytes and content type (`file`: `quarterly.pdf`, `annual.xlsx`, …).
    pub fn document(&self, file: &str, query: &str) -> Res<(Vec<u8>, String)> {
        self.download(ep::DOCUMENT, &[&file], query)
    }

    /// A file's bytes and content type from an endpoint (a download).
    pub fn download(
        &self,
        e: Endpoint,
        values: &[&dyn Display],
        query: &str,
    ) -> Res<(Vec<u8>, String)> {
        let resp = self
            .request_to(e, values, query)
            .send()
            .unwrap_or_else(|e| panic!("HTTP: {e}"));
        let status = resp.status().as_u16();
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let bytes = resp.bytes().unwrap_or_default().to_vec();
        if (200..300).contains(&status) {
            Ok((bytes, content_type))
        } else {
            let body: ApiErrorBody = serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("a {status} answer that is not ApiErrorBody ({e})"));
            Err(Failure { status, body })
        }
    }

    /// Uploads a file as an import job (`query`: `kind=plan&name=plan.xlsx`).
    pub fn start_import(&self, query: &str, file: Vec<u8>) -> Res<ImportJob> {
        self.send(
            self.request_to(ep::IMPORT_START, &[], query)
                .header("content-type", "application/octet-stream")
                .body(file),
        )
    }

    pub fn import_job(&self, id: i32) -> Res<ImportJob> {
        self.call(ep::IMPORT, &[&id])
    }

    /// Uploads and waits for the check to end (at most a minute).
    pub fn import(&self, query: &str, file: Vec<u8>) -> Res<ImportJob> {
        let job = self.start_import(query, file)?;
        self.wait_import(job.id)
    }

    /// Waits for a job's check to end.
    pub fn wait_import(&self, id: i32) -> Res<ImportJob> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let job = self.import_job(id)?;
            if job.state != ImportState::Checking {
                return Ok(job);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "import {id} still checking"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    pub fn confirm_import(&self, id: i32) -> Res<ImportJob> {
        self.call_with(ep::IMPORT_CONFIRM, &[&id], &serde_json::json!({}))
    }

    pub fn run_reminders(&self) -> Res<RemindersRun> {
        self.call_with(ep::REMINDERS_RUN, &[], &serde_json::json!({}))
    }
}

/// The save that writes back a report as it is, with every measure's status set to `status`.
pub fn save_of(r: &Report) -> SaveReport {
    SaveReport {
        version: r.version,
        measures: r
            .measures
            .iter()
            .map(|m| MeasureReportInput {
                measure_id: m.measure_id,
                status: m.status,
                narrative: m.narrative.clone(),
                reasons: m.reasons.clone(),
                spending: m
                    .lines
                    .iter()
                    .filter(|l| !l.spent.is_zero())
                    .map(|l| SpendingInput {
                        source: l.source,
                        amount: l.spent,
                        comment: l.comment.clone(),
                    })
                    .collect(),
            })
            .collect(),
        values: r
            .values
            .iter()
            .map(|v| ValueInput {
                indicator_id: v.indicator_id,
                value: v.value,
                comment: v.comment.clone(),
            })
            .collect(),
    }
}

/// The start of a long body, for messages.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(600) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}
