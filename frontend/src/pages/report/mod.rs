//! `/reports/:org/:period`: one organisation's report for one period — the measures' execution
//! and spending, the indicators' values, the way up the chain and its record.

mod actions;
mod form;
pub mod labels;
mod measures;
mod offline;
mod spending;
mod summary;
mod texts;
mod values;

use crate::api;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::notice::ActionStatus;
use crate::i18n::{t, use_i18n, K};
use crate::live::{about_report, LiveStatus};
use actions::Actions;
use form::{build_save, target_of, ReportForm, Target};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use measures::MeasuresSection;
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::api::reports::{Report, ReportStepRequest, SaveReport};
use shared::calendar::ReportPeriod;
use shared::chain::Action as Step;
use shared::{ApiErrorBody, ErrorCode, Lang, OrgId, Text};
use summary::{ConflictPanel, ReportSummary, StepsRecord};
use values::ValuesSection;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(ApiErrorBody),
    Ready,
}

/// A write the page sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Save,
    /// Saves what is typed (when the user may edit), then submits.
    Submit,
    /// Endorse or approve.
    Action(Step),
    /// Return or unlock, with the reason.
    WithReason(Step, String),
}

impl Request {
    fn done(&self) -> K {
        match self {
            Request::Save => K::ReportSavedNotice,
            Request::Submit => K::ReportSubmittedNotice,
            Request::Action(a) | Request::WithReason(a, _) => match a {
                Step::Submit => K::ReportSubmittedNotice,
                Step::Endorse => K::ReportEndorsedNotice,
                Step::Return => K::ReportReturnedNotice,
                Step::Approve => K::ReportApprovedNotice,
                Step::Unlock => K::ReportUnlockedNotice,
            },
        }
    }
}

/// What the page keeps while the report is fetched again.
#[derive(Clone, Copy)]
pub struct PageState {
    pub org: OrgId,
    pub period: ReportPeriod,
    /// The report as the server last answered.
    pub shown: RwSignal<Option<Result<Report, ApiErrorBody>>>,
    /// The form, kept across refreshes while it holds unsaved values.
    pub form: RwSignal<Option<ReportForm>>,
    /// The server's report after a version conflict, shown beside the fields.
    pub server: RwSignal<Option<Report>>,
    /// Errors by field, from the shared rules or the server.
    pub errors: RwSignal<Vec<(Target, Text)>>,
    /// The last write's outcome: (succeeded, message).
    pub message: RwSignal<Option<(bool, Text)>>,
    /// Which reason dialog is open (return or unlock), and its text.
    pub dialog: RwSignal<Option<Step>>,
    pub reason: RwSignal<String>,
}

impl PageState {
    /// The error of a field, if it has one (tracked).
    pub fn error(self, target: Target) -> Option<Text> {
        self.errors.with(|es| {
            es.iter()
                .find(|(t, _)| *t == target)
                .map(|(_, m)| m.clone())
        })
    }

    /// Forgets a field's error once the user changes it.
    pub fn touched(self, target: Target) {
        if self
            .errors
            .with_untracked(|es| es.iter().any(|(t, _)| *t == target))
        {
            self.errors.update(|es| es.retain(|(t, _)| *t != target));
        }
    }

    /// Whether the signed-in user may change the report now (tracked).
    pub fn can_edit(self) -> bool {
        self.shown.with(|s| matches!(s, Some(Ok(r)) if r.can_edit))
    }

    /// Shows a report from the server. The form follows it unless it holds unsaved values
    /// (then the next save meets the version conflict and shows both).
    fn show(self, report: Report, lang: Lang, reset_form: bool) {
        let keep = !reset_form
            && self.form.with_untracked(|f| {
                f.as_ref().is_some_and(|f| {
                    f.is_dirty() && report.can_edit && same_shape(&f.base, &report)
                })
            });
        if !keep {
            self.form.set(Some(ReportForm::new(report.clone(), lang)));
            self.server.set(None);
        }
        self.shown.set(Some(Ok(report)));
    }

    /// Field errors, with the first one's field focused.
    fn field_errors(self, errors: Vec<(Target, Text)>) {
        let first = errors
            .iter()
            .map(|(t, _)| *t)
            .find(|t| *t != Target::General);
        self.errors.set(errors);
        if let Some(target) = first {
            // After the view has drawn the messages.
            request_animation_frame(move || focus(&target.dom_id()));
        }
    }
}

/// Whether two answers list the same measures, lines and indicators (a form made for one
/// fits the other).
fn same_shape(a: &Report, b: &Report) -> bool {
    let measures = |r: &Report| {
        r.measures
            .iter()
            .map(|m| {
                (
                    m.measure_id,
                    m.lines.iter().map(|l| l.source).collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    let values = |r: &Report| r.values.iter().map(|v| v.indicator_id).collect::<Vec<_>>();
    measures(a) == measures(b) && values(a) == values(b)
}

fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The address's organisation and period.
fn parse_params(org: Option<&str>, period: Option<&str>) -> Option<(OrgId, ReportPeriod)> {
    let org = OrgId(org?.parse().ok()?);
    let period = ReportPeriod::parse(period?).ok()?;
    Some((org, period))
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let which =
        Memo::new(move |_| params.with(|p| parse_params(p.get_str("org"), p.get_str("period"))));
    view! {
        <section class="page report-page">
            <p class="back-link"><a href="/reports">"← "{t(K::BackToReports)}</a></p>
            {move || match which.get() {
                Some((org, period)) => view! { <ReportView org=org period=period/> }.into_any(),
                None => view! { <ErrorView error=ApiErrorBody::new(ErrorCode::NotFound)/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ReportView(org: OrgId, period: ReportPeriod) -> impl IntoView {
    let i18n = use_i18n();
    let page = PageState {
        org,
        period,
        shown: RwSignal::new(None),
        form: RwSignal::new(None),
        server: RwSignal::new(None),
        errors: RwSignal::new(Vec::new()),
        message: RwSignal::new(None),
        dialog: RwSignal::new(None),
        reason: RwSignal::new(String::new()),
    };
    let load = Action::new_local(move |(): &()| async move {
        match api::report(org, period).await {
            Ok(r) => {
                // Someone else moved the report on: the outcome of my last write is old news.
                let before = page.shown.with_untracked(|s| {
                    s.as_ref().and_then(|s| s.as_ref().ok()).map(|s| s.version)
                });
                if before.is_some_and(|v| v != r.version) {
                    page.message.set(None);
                }
                page.show(r, i18n.lang_untracked(), false);
            }
            Err(e) => page.shown.set(Some(Err(e))),
        }
    });
    load.dispatch(());
    let offline = offline::ReportOffline::new(page, load);
    // Once loaded: the draft or the queued save of this report, if there is one.
    Effect::new(move |done: Option<bool>| {
        let ready = done == Some(true) || page.shown.with(|s| matches!(s, Some(Ok(_))));
        if ready && done != Some(true) {
            offline.loaded(page, load);
        }
        ready
    });
    let act = Action::new_local(move |request: &Request| {
        let request = request.clone();
        async move { run(page, request, i18n.lang_untracked(), load, offline).await }
    });
    let dispatch = Callback::new(move |request: Request| {
        page.message.set(None);
        act.dispatch(request);
    });
    let pending = Signal::derive(move || act.pending().get());
    let refetch = Callback::new(move |()| {
        load.dispatch(());
    });
    let wanted = Callback::new(move |e: LiveEvent| {
        (e.org_id == org && e.period == Some(period) && about_report(e.kind))
            || e.kind == LiveEventKind::BudgetApproved
    });
    let retry = Callback::new(move |()| {
        load.dispatch(());
    });
    // Redrawn only when the page turns loaded or failed: refreshes keep the inputs (and focus).
    let shown = Memo::new(move |_| {
        page.shown.with(|s| match s {
            None => Shown::Loading,
            Some(Err(e)) => Shown::Failed(e.clone()),
            Some(Ok(_)) => Shown::Ready,
        })
    });
    let body = move || match shown.get() {
        Shown::Loading => view! { <Loading/> }.into_any(),
        Shown::Failed(e) => view! { <ErrorView error=e on_retry=retry/> }.into_any(),
        Shown::Ready => view! {
            <ReportSummary page=page/>
            {offline.draft.offer_view(offline::ReportOffline::restore_offered(page))}
            <ConflictPanel page=page/>
            {move || page.form.get().map(|form| view! {
                <MeasuresSection page=page form=form.clone()/>
                <ValuesSection page=page form=form/>
            })}
            <ActionStatus id="report-action-status" message=page.message/>
            <Actions page=page pending=pending dispatch=dispatch/>
            <StepsRecord page=page/>
        }
        .into_any(),
    };
    view! {
        <LiveStatus refetch=refetch wanted=wanted/>
        {body}
    }
}

/// Sends one write and shows what came of it.
async fn run(
    page: PageState,
    request: Request,
    lang: Lang,
    load: Action<(), ()>,
    offline: offline::ReportOffline,
) {
    let done = request.done();
    let Some(form) = page.form.get_untracked() else {
        return;
    };
    let (org, period) = (page.org, page.period);
    let can_edit = page
        .shown
        .with_untracked(|s| matches!(s, Some(Ok(r)) if r.can_edit));
    let mut version = form.version.get_untracked();
    // What was sent, to read the server's field paths against.
    let mut sent: Option<SaveReport> = None;
    if request == Request::Save || (request == Request::Submit && can_edit) {
        let submit = request == Request::Submit;
        let body = match build_save(version, &form.entries(), &form.base, submit) {
            Ok(body) => body,
            Err(errors) => {
                page.field_errors(
                    errors
                        .into_iter()
                        .map(|(t, code)| (t, code.message()))
                        .collect(),
                );
                page.message.set(Some((false, K::FixErrors.both())));
                return;
            }
        };
        page.errors.set(Vec::new());
        match api::save_report(org, period, &body).await {
            Ok(saved) => {
                offline.saved();
                version = saved.version;
                let only_save = request == Request::Save;
                page.show(saved, lang, true);
                if only_save {
                    page.message.set(Some((true, done.both())));
                    return;
                }
                sent = Some(body);
            }
            // No connection: the save waits on the device (a submit, for the user to repeat).
            Err(e) if api::is_network_error(&e) => {
                offline.queue_save(page, body, submit);
                return;
            }
            Err(e) => {
                refused(page, e, Some(&body), load);
                return;
            }
        }
    }
    let (action, reason) = match &request {
        Request::Save => return,
        Request::Submit => (Step::Submit, None),
        Request::Action(a) => (*a, None),
        Request::WithReason(a, r) => (*a, Some(r.clone())),
    };
    let body = ReportStepRequest { version, reason };
    match api::report_step(org, period, action, &body).await {
        Ok(r) => {
            page.errors.set(Vec::new());
            page.dialog.set(None);
            page.reason.set(String::new());
            page.show(r, lang, true);
            page.message.set(Some((true, done.both())));
        }
        Err(e) => {
            // A step checks the saved report, whose order is the form's.
            let sent = sent.unwrap_or_else(|| {
                build_save(version, &form.entries(), &form.base, false).unwrap_or(SaveReport {
                    version,
                    measures: Vec::new(),
                    values: Vec::new(),
                })
            });
            refused(page, e, Some(&sent), load);
        }
    }
}

/// Shows a refusal: at its field, as a version conflict beside the fields, or as a message.
fn refused(page: PageState, e: ApiErrorBody, sent: Option<&SaveReport>, load: Action<(), ()>) {
    if e.code == ErrorCode::ReportVersionConflict {
        if let Some(current) = e
            .current
            .clone()
            .and_then(|c| serde_json::from_value::<Report>(c).ok())
        {
            // What was typed stays; the server's values go beside it.
            page.server.set(Some(current.clone()));
            page.shown.set(Some(Ok(current)));
        } else {
            load.dispatch(());
        }
        page.message.set(Some((false, e.message)));
        return;
    }
    let target = match (&e.field, sent) {
        (Some(f), Some(sent)) => target_of(f, sent),
        (Some(f), None) if f == "reason" => Target::Reason,
        _ => Target::General,
    };
    if target == Target::General {
        page.message.set(Some((false, e.message.clone())));
    } else {
        page.field_errors(vec![(target, e.message.clone())]);
        page.message.set(Some((false, K::ServerRefused.both())));
    }
    // The report moved on: show where it is now.
    if matches!(
        e.code,
        ErrorCode::ReportLocked | ErrorCode::ReportWrongState | ErrorCode::VersionConflict
    ) {
        load.dispatch(());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_names_an_organisation_and_a_period() {
        let (org, period) = parse_params(Some("12"), Some("2026-Q3")).expect("valid");
        assert_eq!(org, OrgId(12));
        assert_eq!(period.to_string(), "2026-Q3");
        assert!(parse_params(Some("12"), Some("2026")).is_some_and(|(_, p)| p.is_annual()));
        assert_eq!(parse_params(Some("x"), Some("2026-Q3")), None);
        assert_eq!(parse_params(Some("12"), Some("2031-Q1")), None);
        assert_eq!(parse_params(None, Some("2026-Q1")), None);
    }
}
