//! A typed client of the Obriy API, built from the `shared` types, over real HTTP.

use crate::app::TestApp;
use reqwest::blocking::{Client as Http, RequestBuilder};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::auth::{LoginRequest, SessionInfo};
use shared::api::budget::{MeasureExecution, SetApproved};
use shared::api::dashboard::Dashboard;
use shared::api::measures::{MeasureDetail, MeasureInput, UpdateMeasure};
use shared::api::orgs::OrgSummary;
use shared::api::plan::{PlanFilter, PlanTree};
use shared::api::programme::ProgrammeOverview;
use shared::api::proposals::{
    Decide, DraftVersion, LineDecision, LineState, ProposalAction, ProposalDetail, ProposalFilter,
    ProposalId, ProposalSummary, ProposeMeasure, ReturnProposal, Verdict,
};
use shared::api::reports::{
    MeasureReportInput, RemindersRun, Report, ReportCalendar, ReportStepRequest, SaveReport,
    SpendingInput, ValueInput,
};
use shared::api::rollup::{Rollup, RollupLevel};
use shared::api::versions::{PlanVersions, VersionComparison};
use shared::api::CSRF_HEADER;
use shared::{ApiErrorBody, ErrorCode, MeasureId, OrgId};
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
        let s: SessionInfo = self.post(
            "/api/auth/login",
            &LoginRequest {
                login: login.into(),
                password: password.into(),
            },
        )?;
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

    // The resources, typed.

    pub fn me(&self) -> Res<SessionInfo> {
        self.get("/api/auth/me")
    }

    pub fn logout(&self) -> Res<()> {
        self.send(self.request(Method::POST, "/api/auth/logout"))
    }

    pub fn programme(&self) -> Res<ProgrammeOverview> {
        self.get("/api/programme")
    }

    pub fn orgs(&self) -> Res<Vec<OrgSummary>> {
        self.get("/api/orgs")
    }

    pub fn plan(&self, filter: &PlanFilter) -> Res<PlanTree> {
        self.get(&format!("/api/plan?{}", filter.to_query()))
    }

    pub fn rollup(&self, level: RollupLevel) -> Res<Rollup> {
        self.get(&format!("/api/rollups/{}", level.as_str()))
    }

    pub fn measure(&self, id: MeasureId) -> Res<MeasureDetail> {
        self.get(&format!("/api/measures/{id}"))
    }

    pub fn create_measure(&self, input: &MeasureInput) -> Res<MeasureDetail> {
        self.post("/api/measures", input)
    }

    pub fn update_measure(
        &self,
        id: MeasureId,
        version: i32,
        input: &MeasureInput,
    ) -> Res<MeasureDetail> {
        self.put(
            &format!("/api/measures/{id}"),
            &UpdateMeasure {
                version,
                measure: input.clone(),
            },
        )
    }

    pub fn delete_measure(&self, id: MeasureId, version: i32) -> Res<()> {
        self.delete(&format!("/api/measures/{id}?version={version}"))
    }

    /// My organisation's draft proposal, if any.
    pub fn my_draft(&self) -> Res<Option<ProposalDetail>> {
        self.get("/api/proposals/draft")
    }

    pub fn proposal(&self, id: ProposalId) -> Res<ProposalDetail> {
        self.get(&format!("/api/proposals/{id}"))
    }

    pub fn proposals(&self, filter: &ProposalFilter) -> Res<Vec<ProposalSummary>> {
        self.get(&format!("/api/proposals?{}", filter.to_query()))
    }

    /// Proposes the whole measure as `input`, based on the draft version seen.
    pub fn propose(
        &self,
        id: MeasureId,
        seen: Option<i32>,
        input: &MeasureInput,
    ) -> Res<MeasureDetail> {
        self.put(
            &format!("/api/proposals/draft/measures/{id}"),
            &ProposeMeasure {
                proposal_version: seen,
                measure: input.clone(),
            },
        )
    }

    pub fn propose_withdrawal(&self, id: MeasureId, seen: Option<i32>) -> Res<MeasureDetail> {
        self.post(
            &format!("/api/proposals/draft/measures/{id}/withdraw"),
            &DraftVersion {
                proposal_version: seen,
            },
        )
    }

    pub fn discard(&self, id: MeasureId, seen: Option<i32>) -> Res<MeasureDetail> {
        self.post(
            &format!("/api/proposals/draft/measures/{id}/discard"),
            &DraftVersion {
                proposal_version: seen,
            },
        )
    }

    /// A step without a reason: `submit`, `endorse` or `rebase`.
    pub fn step(&self, p: &ProposalDetail, step: &str) -> Res<ProposalDetail> {
        self.post(
            &format!("/api/proposals/{}/{step}", p.summary.id),
            &ProposalAction {
                version: p.summary.version,
                note: String::new(),
            },
        )
    }

    pub fn return_proposal(&self, p: &ProposalDetail, reason: &str) -> Res<ProposalDetail> {
        self.post(
            &format!("/api/proposals/{}/return", p.summary.id),
            &ReturnProposal {
                version: p.summary.version,
                reason: reason.into(),
            },
        )
    }

    pub fn decide(&self, p: &ProposalDetail, lines: Vec<LineDecision>) -> Res<ProposalDetail> {
        self.post(
            &format!("/api/proposals/{}/decide", p.summary.id),
            &Decide {
                version: p.summary.version,
                decision: shared::Text::new("Наказ департаменту № 17", "Department order No. 17"),
                lines,
            },
        )
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
        self.get("/api/plan/versions")
    }

    pub fn compare(&self, from: i32, to: i32) -> Res<VersionComparison> {
        self.get(&format!("/api/plan/versions/{from}/compare/{to}"))
    }

    // Reports, budget execution and the dashboard (issue 4).

    pub fn report(&self, org: OrgId, period: &str) -> Res<Report> {
        self.get(&format!("/api/reports/{org}/{period}"))
    }

    pub fn reports_of(&self, org: OrgId) -> Res<ReportCalendar> {
        self.get(&format!("/api/reports?org={org}"))
    }

    pub fn reports_for(&self, period: &str) -> Res<ReportCalendar> {
        self.get(&format!("/api/reports?period={period}"))
    }

    pub fn save_report(&self, r: &Report, body: &SaveReport) -> Res<Report> {
        self.put(&format!("/api/reports/{}/{}", r.org.id, r.period), body)
    }

    /// A step (`submit`, `endorse`, `return`, `approve`, `unlock`) at the report's version.
    pub fn report_step(&self, r: &Report, action: &str, reason: Option<&str>) -> Res<Report> {
        self.post(
            &format!("/api/reports/{}/{}/{action}", r.org.id, r.period),
            &ReportStepRequest {
                version: r.version,
                reason: reason.map(str::to_string),
            },
        )
    }

    pub fn execution(&self, measure: MeasureId) -> Res<MeasureExecution> {
        self.get(&format!("/api/measures/{measure}/execution"))
    }

    pub fn set_approved(&self, measure: MeasureId, body: &SetApproved) -> Res<MeasureExecution> {
        self.put(&format!("/api/measures/{measure}/execution"), body)
    }

    /// `level` is `oblast`, `district`, `community` or `measure`.
    pub fn dashboard(&self, level: &str, id: Option<i32>, quarter: Option<&str>) -> Res<Dashboard> {
        let mut path = format!("/api/dashboard?level={level}");
        if let Some(id) = id {
            path.push_str(&format!("&id={id}"));
        }
        if let Some(q) = quarter {
            path.push_str(&format!("&quarter={q}"));
        }
        self.get(&path)
    }

    pub fn run_reminders(&self) -> Res<RemindersRun> {
        self.post("/api/reporting/reminders", &serde_json::json!({}))
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
                spending: m
                    .lines
                    .iter()
                    .filter(|l| !l.spent.is_zero())
                    .map(|l| SpendingInput {
                        source: l.source,
                        amount: l.spent,
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
