//! The measure form: create or edit a measure, with its budget grid, shared validation and conflicts.

mod fields;
mod grid;
mod offline;
pub mod state;

use crate::api::{self, DraftMeasureAction};
use crate::components::confirm::ConfirmButton;
use crate::components::measure_history::Names;
use crate::components::measure_status::{DraftChanges, MeasureStatusPanel, ProposalActions};
use crate::components::notice::{use_notices, NoticeKind};
use crate::format;
use crate::i18n::{in_both, t, use_i18n, I18n, K};
use crate::offline::leave;
use crate::offline::queue::{Outcome, Save};
use fields::{described_by, Beside, BesideKind, FieldError, FormCtx};
use grid::BudgetGridInput;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use offline::{MeasureDraft, MeasureOffline};
use shared::api::auth::UserInfo;
use shared::api::measures::{MeasureDetail, MeasureInput, MeasureStatus, UpdateMeasure};
use shared::api::orgs::{OrgKind, OrgSummary};
use shared::api::programme::ProgrammeOverview;
use shared::api::proposals::ProposeMeasure;
use shared::{ApiErrorBody, ErrorCode, Lang, MeasureId, Text, Year};
use state::{Built, Field, Form, FormValues, Msg};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use wasm_bindgen::JsCast;

/// A labelled group of `<option>`s: (value, label).
#[derive(Debug, Clone)]
struct OptionGroup {
    label: Text,
    options: Vec<(String, Text)>,
}

/// Tasks grouped by priority direction, labelled "1.1 …".
fn task_groups(programme: &ProgrammeOverview) -> Vec<OptionGroup> {
    programme
        .directions
        .iter()
        .map(|d| OptionGroup {
            label: in_both(|lang| format!("{}. {}", d.number, d.name.get(lang))),
            options: d
                .tasks
                .iter()
                .map(|task| {
                    let label = in_both(|lang| format!("{} {}", task.code, task.name.get(lang)));
                    (task.id.to_string(), label)
                })
                .collect(),
        })
        .collect()
}

/// The organisations this user may plan for: coordinators their own; the department any,
/// grouped as oblast level, districts, and each district's communities.
fn org_groups(
    user: &UserInfo,
    orgs: &[OrgSummary],
    current: Option<&MeasureDetail>,
) -> Vec<OptionGroup> {
    let option = |o: &OrgSummary| (o.id.to_string(), o.name.clone());
    // A coordinator plans for their own organisation; the department, for any.
    let mut groups = match &user.org {
        Some(own) => {
            vec![OptionGroup {
                label: K::Organisation.both(),
                options: vec![(own.id.to_string(), own.name.clone())],
            }]
        }
        None => {
            let of_kind = |kind: OrgKind| orgs.iter().filter(move |o| o.kind == kind);
            let mut groups = vec![
                OptionGroup {
                    label: K::OblastLevel.both(),
                    // The oblast itself is not an executor: measures belong to a body that carries them out.
                    options: of_kind(OrgKind::Executor).map(option).collect(),
                },
                OptionGroup {
                    label: K::DistrictsGroup.both(),
                    options: of_kind(OrgKind::District).map(option).collect(),
                },
            ];
            for district in of_kind(OrgKind::District) {
                let communities: Vec<_> = of_kind(OrgKind::Community)
                    .filter(|c| c.parent == Some(district.id))
                    .map(option)
                    .collect();
                if !communities.is_empty() {
                    groups.push(OptionGroup {
                        label: in_both(|lang| {
                            format!(
                                "{} — {}",
                                district.name.get(lang),
                                K::CommunitiesGroup.text(lang)
                            )
                        }),
                        options: communities,
                    });
                }
            }
            groups
        }
    };
    // A measure being edited always shows its own organisation, even if the list lacks it.
    if let Some(d) = current {
        let id = d.org.id.to_string();
        if !groups
            .iter()
            .any(|g| g.options.iter().any(|(v, _)| *v == id))
        {
            groups.insert(
                0,
                OptionGroup {
                    label: K::Organisation.both(),
                    options: vec![(id, d.org.name.clone())],
                },
            );
        }
    }
    groups.retain(|g| !g.options.is_empty());
    groups
}

/// Options of a `<select>` bound to `value`, grouped.
fn grouped_options(i18n: I18n, groups: Vec<OptionGroup>, value: RwSignal<String>) -> impl IntoView {
    groups
        .into_iter()
        .map(|g| {
            let label = g.label;
            let options = g
                .options
                .into_iter()
                .map(|(id, text)| {
                    let selected_id = id.clone();
                    view! {
                        <option value=id selected=move || value.with(|v| *v == selected_id)>
                            {move || i18n.text(&text)}
                        </option>
                    }
                })
                .collect_view();
            view! { <optgroup label=move || i18n.text(&label)>{options}</optgroup> }
        })
        .collect_view()
}

/// Shows an option's label for its value, for the comparison beside a select.
fn label_lookup(i18n: I18n, groups: &[OptionGroup]) -> Callback<String, String> {
    let flat: Vec<(String, Text)> = groups.iter().flat_map(|g| g.options.clone()).collect();
    Callback::new(move |value: String| {
        flat.iter()
            .find(|(v, _)| *v == value)
            .map_or(value.clone(), |(_, text)| i18n.text(text))
    })
}

/// `aria-invalid` of a field: set while it has an error.
fn invalid(error: Memo<Option<Msg>>) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy {
    move || error.with(Option::is_some).then_some("true")
}

/// "(required)" or "(optional)" after a field's label.
fn required_note(required: bool) -> impl IntoView {
    let (class, key) = if required {
        ("required", K::Required)
    } else {
        ("optional", K::Optional)
    };
    view! { <span class=class>"("{t(key)}")"</span> }
}

/// The measure's name in one language.
#[component]
fn NameInput(
    ctx: FormCtx,
    field: Field,
    label: K,
    /// The language of the text typed in.
    lang: &'static str,
    #[prop(optional)] required: bool,
    value: RwSignal<String>,
    /// The field's value in a snapshot, for the comparison beside it.
    of: fn(&FormValues) -> String,
) -> impl IntoView {
    let error = ctx.error_memo(field, || None);
    let id = field.dom_id();
    view! {
        <div class="field field-wide">
            <label for=id.clone()>{t(label)}" "{required_note(required)}</label>
            <input
                type="text"
                id=id
                lang=lang
                required=required
                aria-required=required.then_some("true")
                aria-invalid=invalid(error)
                aria-describedby=described_by(field, error, &[])
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    ctx.touched(field);
                }
            />
            <FieldError field=field error=error/>
            <Beside ctx=ctx of=of now=Signal::derive(move || value.get())/>
        </div>
    }
}

/// A required choice from grouped options (task, organisation), first "— choose … —".
#[component]
fn GroupSelect(
    ctx: FormCtx,
    field: Field,
    label: K,
    /// The empty first option's text.
    choose: K,
    groups: Vec<OptionGroup>,
    value: RwSignal<String>,
    /// The field's value in a snapshot, for the comparison beside it.
    of: fn(&FormValues) -> String,
    /// An option's label for its value.
    show: Callback<String, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = ctx.error_memo(field, || None);
    let id = field.dom_id();
    view! {
        <div class="field field-wide">
            <label for=id.clone()>{t(label)}</label>
            <select
                id=id
                required=true
                aria-required="true"
                aria-invalid=invalid(error)
                aria-describedby=described_by(field, error, &[])
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    ctx.touched(field);
                }
            >
                <option value="" selected=move || value.with(String::is_empty)>
                    "— "{t(choose)}" —"
                </option>
                {grouped_options(i18n, groups, value)}
            </select>
            <FieldError field=field error=error/>
            <Beside ctx=ctx of=of now=Signal::derive(move || value.get()) show=show/>
        </div>
    }
}

/// The first or last year of the measure; a change to either re-checks both.
#[component]
fn YearSelect(
    ctx: FormCtx,
    field: Field,
    label: K,
    value: RwSignal<i32>,
    error: Memo<Option<Msg>>,
    /// The field's value in a snapshot, for the comparison beside it.
    of: fn(&FormValues) -> i32,
) -> impl IntoView {
    let id = field.dom_id();
    let options = Year::all()
        .map(|y| {
            let y = y.get();
            view! { <option value=y.to_string() selected=move || value.get() == y>{y}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <select
                id=id
                aria-invalid=invalid(error)
                aria-describedby=described_by(field, error, &[])
                prop:value=move || value.get().to_string()
                on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() {
                        value.set(y);
                    }
                    ctx.touched(Field::Start);
                    ctx.touched(Field::End);
                }
            >
                {options}
            </select>
            <FieldError field=field error=error/>
            <Beside
                ctx=ctx
                of=move |v: &FormValues| of(v).to_string()
                now=Signal::derive(move || value.get().to_string())
            />
        </div>
    }
}

/// An optional text of several lines (description, expected result).
#[component]
fn LongText(
    ctx: FormCtx,
    field: Field,
    label: K,
    rows: &'static str,
    value: RwSignal<String>,
    /// The field's value in a snapshot, for the comparison beside it.
    of: fn(&FormValues) -> String,
) -> impl IntoView {
    let error = ctx.error_memo(field, || None);
    let id = field.dom_id();
    view! {
        <div class="field field-full">
            <label for=id.clone()>{t(label)}" "{required_note(false)}</label>
            <textarea
                id=id
                rows=rows
                aria-invalid=invalid(error)
                aria-describedby=described_by(field, error, &[])
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    ctx.touched(field);
                }
            ></textarea>
            <FieldError field=field error=error/>
            <Beside ctx=ctx of=of now=Signal::derive(move || value.get())/>
        </div>
    }
}

fn focus(field: Field) {
    if let Some(el) = document()
        .get_element_by_id(&field.dom_id())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[derive(Debug, Clone)]
enum SaveRequest {
    Create(MeasureInput),
    /// A measure not yet approved: saved in place.
    Update(MeasureId, UpdateMeasure),
    /// An approved measure: the edit goes into the draft proposal.
    Propose(MeasureId, ProposeMeasure),
    /// An approved measure: propose withdrawing it, or drop its changes from the draft.
    Draft(MeasureId, DraftMeasureAction, Option<i32>),
}

impl SaveRequest {
    /// What the form says once the server has accepted it.
    fn done(&self) -> K {
        match self {
            SaveRequest::Create(_) => K::Created,
            SaveRequest::Update(..) => K::Saved,
            SaveRequest::Propose(..) => K::SavedToProposal,
            SaveRequest::Draft(_, DraftMeasureAction::Withdraw, _) => K::WithdrawProposed,
            SaveRequest::Draft(_, DraftMeasureAction::Discard, _) => K::Discarded,
        }
    }
}

/// Whether saving the measure goes through the draft proposal (it is in the approved plan).
fn in_approved_plan(detail: Option<&MeasureDetail>) -> bool {
    detail.is_some_and(|d| d.status == MeasureStatus::Approved)
}

/// Last change and the demo badge of a saved measure (its row version is an internal counter:
/// kept in `data-version` for tests, never shown).
#[component]
pub fn MeasureMeta(detail: MeasureDetail) -> impl IntoView {
    let i18n = use_i18n();
    let updated_at = detail.updated_at;
    let updated_by = detail.updated_by.clone();
    view! {
        <p class="measure-meta" id="measure-meta" data-version=detail.version.to_string()>
            <span id="measure-updated">
                {t(K::UpdatedAt)}" "{move || format::timestamp(updated_at, i18n.lang())}
                {updated_by.map(|by| view! {
                    <span class="meta-sep" aria-hidden="true">" · "</span>
                    {t(K::UpdatedBy)}": "<span class="updated-by">{by}</span>
                })}
            </span>
            {detail.is_demo.then(|| view! {
                " "<span class="badge badge-demo" id="measure-demo" title=t(K::DemoTitle)>{t(K::Demo)}</span>
            })}
        </p>
    }
}

/// The open form's "has unsaved changes?" check, with a number telling forms apart.
type UnsavedCheck = Option<(u64, Rc<dyn Fn() -> bool>)>;

/// Between the measure page and its form: someone else saved the measure that is open.
#[derive(Clone, Copy)]
pub struct RemoteChange {
    /// Bumped by the page for each save by someone else.
    pub updated: RwSignal<u64>,
    /// Bumped by the page's "load the new version" button.
    pub load: RwSignal<u64>,
    /// Set by the form while it keeps unsaved edits instead of showing the newer version.
    pub held: RwSignal<bool>,
    /// Set by the open form: whether it holds changes not yet saved (for presence).
    pub unsaved: StoredValue<UnsavedCheck, LocalStorage>,
}

impl RemoteChange {
    pub fn new() -> Self {
        RemoteChange {
            updated: RwSignal::new(0),
            load: RwSignal::new(0),
            held: RwSignal::new(false),
            unsaved: StoredValue::new_local(None),
        }
    }

    /// Whether the open form holds unsaved changes; false when no form is open.
    pub fn is_unsaved(self) -> bool {
        self.unsaved
            .try_with_value(|f| f.as_ref().is_some_and(|(_, f)| f()))
            .unwrap_or(false)
    }
}

impl Default for RemoteChange {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn MeasureForm(
    /// The measure to edit; `None` creates a new one.
    detail: Option<MeasureDetail>,
    programme: ProgrammeOverview,
    orgs: Vec<OrgSummary>,
    user: UserInfo,
    /// News of saves by others, for an existing measure.
    #[prop(optional)]
    remote: Option<RemoteChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let notices = use_notices();
    let navigate = use_navigate();
    let lang = i18n.lang_untracked();

    let default_org = user.org.as_ref().map(|o| o.id);
    let initial = detail.as_ref().map_or_else(
        || FormValues::blank(None, default_org),
        |d| FormValues::editable(d, lang),
    );
    let tasks = task_groups(&programme);
    let org_options = org_groups(&user, &orgs, detail.as_ref());
    let task_label = label_lookup(i18n, &tasks);
    let org_label = label_lookup(i18n, &org_options);

    let form = Form::new(&initial);
    let ctx = FormCtx {
        form,
        errors: RwSignal::new(Vec::new()),
        beside: RwSignal::new(None),
    };
    let names = Signal::stored(Names::new(Some(&programme), Some(&orgs)));
    let id = detail.as_ref().map(|d| d.id);
    let version = RwSignal::new(detail.as_ref().map(|d| d.version));
    // The draft proposal's version the user saw (for an approved measure's edits).
    let draft_version = RwSignal::new(
        detail
            .as_ref()
            .and_then(|d| d.draft.as_ref().map(|d| d.proposal_version)),
    );
    let current = RwSignal::new(detail);
    let proposing = move || current.with(|c| in_approved_plan(c.as_ref()));
    let general: RwSignal<Option<Msg>> = RwSignal::new(None);
    let saved: RwSignal<Option<K>> = RwSignal::new(None);
    let conflict: RwSignal<Option<MeasureDetail>> = RwSignal::new(None);
    let sent_cells = StoredValue::new(Vec::<usize>::new());
    // The server's state is now what the form is based on.
    let based_on = move |server: MeasureDetail| {
        version.set(Some(server.version));
        draft_version.set(server.draft.as_ref().map(|d| d.proposal_version));
        current.set(Some(server));
    };
    // Whether values are what the server has: the measure as loaded or saved last (in either
    // language's way of writing figures), or a blank new one.
    let blank = initial.clone();
    let pristine = move |v: &FormValues| {
        current.with_untracked(|c| match c {
            Some(d) => [Lang::Uk, Lang::En]
                .into_iter()
                .any(|lang| FormValues::editable(d, lang) == *v),
            None => *v == blank,
        })
    };
    let offline = MeasureOffline::new(id, form, version, draft_version, pristine.clone());

    // Someone else changed the draft proposal first: its current state of this measure is
    // fetched and shown beside the fields, as after a version conflict.
    let draft_moved = move |message: Text| {
        let Some(id) = id else {
            return;
        };
        spawn_local(async move {
            if let Ok(server) = api::measure(id).await {
                let values = FormValues::editable(&server, i18n.lang_untracked());
                ctx.beside.set(Some((BesideKind::Draft, values)));
                conflict.set(Some(server));
            }
            general.set(Some(Msg::Server(message)));
        });
    };

    // A failed write: a version conflict, an error on one field, or one for the whole form.
    let on_error = move |e: ApiErrorBody| {
        if e.code == ErrorCode::ProposalVersionConflict {
            draft_moved(e.message);
            return;
        }
        if e.code == ErrorCode::VersionConflict {
            let server = e
                .current
                .clone()
                .and_then(|v| serde_json::from_value::<MeasureDetail>(v).ok());
            if let Some(server) = server {
                let values = FormValues::editable(&server, i18n.lang_untracked());
                ctx.beside.set(Some((BesideKind::Server, values)));
                conflict.set(Some(server));
            }
            general.set(Some(Msg::Server(e.message)));
            return;
        }
        let field = e.field.as_deref().map_or(Field::Form, |f| {
            sent_cells.with_value(|cells| Field::from_api(f, cells))
        });
        if field == Field::Form {
            general.set(Some(Msg::Server(e.message)));
        } else {
            ctx.errors.set(vec![(field, Msg::Server(e.message))]);
            general.set(Some(Msg::Key(K::ServerRefused)));
            focus(field);
        }
    };

    let nav = navigate.clone();
    let save = Action::new_local(move |request: &SaveRequest| {
        let request = request.clone();
        let navigate = nav.clone();
        async move {
            let created = matches!(request, SaveRequest::Create(_));
            let done = request.done();
            // An edit with the version it is based on can wait for the connection.
            let queued = match &request {
                SaveRequest::Update(id, body) => Some(Save::Measure {
                    id: *id,
                    body: body.clone(),
                }),
                SaveRequest::Propose(id, body) => Some(Save::Propose {
                    id: *id,
                    body: body.clone(),
                }),
                _ => None,
            };
            let result = match request {
                SaveRequest::Create(input) => api::create_measure(input).await,
                SaveRequest::Update(id, update) => api::update_measure(id, update).await,
                SaveRequest::Propose(id, proposal) => api::propose_measure(id, proposal).await,
                SaveRequest::Draft(id, action, seen) => {
                    api::draft_measure_action(id, action, seen).await
                }
            };
            match result {
                Ok(d) if created => {
                    offline.draft.discard();
                    let path = format!("/measures/{}", d.id);
                    notices.show(NoticeKind::Info, K::Created.both(), &path);
                    navigate(
                        &path,
                        NavigateOptions {
                            replace: true,
                            ..NavigateOptions::default()
                        },
                    );
                }
                Ok(d) => {
                    offline.queue.forget(&offline.object());
                    form.load(&FormValues::editable(&d, i18n.lang_untracked()));
                    based_on(d);
                    ctx.errors.set(Vec::new());
                    ctx.beside.set(None);
                    general.set(None);
                    saved.set(Some(done));
                    if let Some(remote) = remote {
                        remote.held.set(false);
                    }
                }
                Err(e) if api::is_network_error(&e) && queued.is_some() => {
                    if let Some(save) = queued {
                        offline.queue.push(save);
                    }
                    saved.set(Some(K::SavedOffline));
                }
                Err(e) => on_error(e),
            }
        }
    });

    let delete = Action::new_local(move |(id, version): &(MeasureId, i32)| {
        let (id, version) = (*id, *version);
        let navigate = navigate.clone();
        async move {
            match api::delete_measure(id, version).await {
                Ok(()) => {
                    notices.show(NoticeKind::Info, K::Deleted.both(), "/plan");
                    navigate("/plan", NavigateOptions::default());
                }
                Err(e) => on_error(e),
            }
        }
    });

    let busy = move || save.pending().get() || delete.pending().get();
    let blocked = move || form.live_error_count() > 0;

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        if busy() {
            return;
        }
        if conflict.with_untracked(Option::is_some) {
            general.set(Some(Msg::Key(K::ResolveConflictFirst)));
            focus(Field::Form);
            return;
        }
        match form.build() {
            Err(errors) => {
                let first = errors.iter().map(|(f, _)| *f).min_by_key(|f| f.order());
                ctx.errors.set(errors);
                general.set(Some(Msg::Key(K::FixErrors)));
                if let Some(field) = first {
                    focus(field);
                }
            }
            Ok(Built {
                input,
                sent_cells: cells,
            }) => {
                ctx.errors.set(Vec::new());
                general.set(None);
                sent_cells.set_value(cells);
                let request = match (id, version.get_untracked()) {
                    (Some(id), Some(_))
                        if current.with_untracked(|c| in_approved_plan(c.as_ref())) =>
                    {
                        SaveRequest::Propose(
                            id,
                            ProposeMeasure {
                                proposal_version: draft_version.get_untracked(),
                                measure: input,
                            },
                        )
                    }
                    (Some(id), Some(version)) => SaveRequest::Update(
                        id,
                        UpdateMeasure {
                            version,
                            measure: input,
                        },
                    ),
                    _ => SaveRequest::Create(input),
                };
                save.dispatch(request);
            }
        }
    };

    // Conflict resolution: take the server's values (keeping the user's beside them) or keep one's own.
    let load_server = move |_| {
        if let Some(server) = conflict.get_untracked() {
            let mine = form.snapshot();
            form.load(&FormValues::editable(&server, i18n.lang_untracked()));
            based_on(server);
            ctx.beside.set(Some((BesideKind::Mine, mine)));
            ctx.errors.set(Vec::new());
            conflict.set(None);
            general.set(None);
        }
    };
    let keep_mine = move |_| {
        if let Some(server) = conflict.get_untracked() {
            based_on(server);
            conflict.set(None);
            general.set(Some(Msg::Key(K::KeepMineHint)));
        }
    };
    let restore_mine = move |_| {
        let mine = ctx.beside.with_untracked(|b| match b {
            Some((BesideKind::Mine, values)) => Some(values.clone()),
            _ => None,
        });
        if let Some(mine) = mine {
            form.load(&mine);
            ctx.beside.set(None);
        }
    };

    // Someone else saved: show their version unless the user has edits of their own (or `force`).
    if let (Some(remote), Some(id)) = (remote, id) {
        let unsaved = move || {
            if conflict.with_untracked(Option::is_some)
                || ctx.beside.with_untracked(Option::is_some)
            {
                return true;
            }
            let mine = form.snapshot();
            current.with_untracked(|c| {
                c.as_ref().is_none_or(|d| {
                    [Lang::Uk, Lang::En]
                        .into_iter()
                        .all(|lang| FormValues::editable(d, lang) != mine)
                })
            })
        };
        let refresh = move |force: bool| {
            spawn_local(async move {
                let Ok(server) = api::measure(id).await else {
                    return;
                };
                if !force && unsaved() {
                    remote.held.set(true);
                    return;
                }
                let mine = form.snapshot();
                let kept = unsaved();
                form.load(&FormValues::editable(&server, i18n.lang_untracked()));
                based_on(server);
                // What the user typed stays beside the fields, as after a version conflict.
                ctx.beside.set(kept.then_some((BesideKind::Mine, mine)));
                ctx.errors.set(Vec::new());
                conflict.set(None);
                general.set(None);
                saved.set(None);
                remote.held.set(false);
            });
        };
        static FORMS: AtomicU64 = AtomicU64::new(0);
        let mine = FORMS.fetch_add(1, Ordering::Relaxed);
        remote.unsaved.set_value(Some((mine, Rc::new(unsaved))));
        // Only forgets its own check: a newer form may already have put its own there.
        on_cleanup(move || {
            remote.unsaved.try_update_value(|f| {
                if f.as_ref().is_some_and(|(n, _)| *n == mine) {
                    *f = None;
                }
            });
        });
        Effect::watch(
            move || remote.updated.get(),
            move |_, _, _| refresh(false),
            false,
        );
        Effect::watch(
            move || remote.load.get(),
            move |_, _, _| refresh(true),
            false,
        );
    }

    // This measure's save refused after waiting offline (shown as any refusal: a 409 becomes
    // the conflict view), one still waiting, or a draft newer than the measure to offer back.
    let restore = Callback::new(move |d: MeasureDraft| {
        MeasureOffline::restore(&d, form, version, draft_version);
    });
    let stored_draft = move || {
        if let Some(stored) = offline.draft.stored() {
            restore.run(stored.values);
        }
        offline.draft.arm();
    };
    if let Some((_, e)) = offline.queue.take_refusal(&offline.object()) {
        stored_draft();
        on_error(e);
    } else if offline.waiting().is_some() {
        stored_draft();
        saved.set(Some(K::SaveWaiting));
    } else {
        let pristine = pristine.clone();
        offline
            .draft
            .offer_if_newer(move |d: &MeasureDraft| !pristine(&d.values));
    }
    Effect::watch(
        move || offline.queue.outcome.get(),
        move |outcome, _, _| {
            let Some((_, object, outcome)) = outcome else {
                return;
            };
            if *object != offline.object() {
                return;
            }
            match outcome {
                Outcome::Saved(answer) => {
                    if let Ok(d) = serde_json::from_value::<MeasureDetail>(answer.clone()) {
                        based_on(d);
                        ctx.beside.set(None);
                        general.set(None);
                        saved.set(Some(K::SavedFromQueue));
                    }
                }
                Outcome::Refused(_) => {
                    if let Some((_, e)) = offline.queue.take_refusal(&offline.object()) {
                        on_error(e);
                    }
                }
            }
        },
        false,
    );
    {
        let pristine = pristine.clone();
        leave::while_unsaved(move || !pristine(&form.snapshot()) && offline.waiting().is_none());
    }

    let title = move || match current.with(|c| c.as_ref().map(|d| d.name.clone())) {
        Some(name) if id.is_some() => i18n.text(&name),
        _ => K::MeasureTitleNew.text(i18n.lang()).to_string(),
    };

    let conflict_panel = move || {
        conflict.get().map(|server| {
            let message = general.get().map(|m| m.text(i18n.lang()));
            // A conflict on an approved measure is about the draft proposal, not the measure.
            let on_draft = in_approved_plan(Some(&server));
            let server_version = if on_draft {
                server.draft.as_ref().map_or(0, |d| d.proposal_version)
            } else {
                server.version
            };
            view! {
                <section class="conflict" id="conflict" role="alert" aria-labelledby="conflict-title" data-version=server_version.to_string()>
                    <h2 id="conflict-title">
                        <span aria-hidden="true">"⚠ "</span>
                        {if on_draft { t(K::DraftConflictTitle) } else { t(K::ConflictTitle) }}
                    </h2>
                    <p>{message}</p>
                    <p>
                        {if on_draft { t(K::DraftServerChanged) } else { t(K::ConflictServerChanged) }}
                        " "{move || format::timestamp(server.updated_at, i18n.lang())}
                        {server.updated_by.clone().map(|by| view! { " · "{t(K::UpdatedBy)}": "{by} })}
                    </p>
                    <div class="conflict-actions">
                        <div>
                            <button type="button" id="conflict-load" class="btn btn-primary" on:click=load_server>
                                {t(K::LoadServer)}
                            </button>
                            <p class="hint">{t(K::LoadServerHint)}</p>
                        </div>
                        <div>
                            <button type="button" id="conflict-keep" class="btn btn-secondary" on:click=keep_mine>
                                {t(K::KeepMine)}
                            </button>
                            <p class="hint">{t(K::KeepMineHint)}</p>
                        </div>
                    </div>
                </section>
            }
        })
    };

    let compare_bar = move || {
        let kind = ctx.beside.with(|b| b.as_ref().map(|(k, _)| *k))?;
        (conflict.with(Option::is_none)).then(|| {
            view! {
                <div class="compare-bar" id="compare-bar">
                    <p>
                        {move || match kind {
                            BesideKind::Server => K::CompareServer.text(i18n.lang()),
                            BesideKind::Draft => K::CompareDraft.text(i18n.lang()),
                            BesideKind::Mine => K::CompareMine.text(i18n.lang()),
                        }}
                    </p>
                    {(kind == BesideKind::Mine).then(|| view! {
                        <button type="button" id="compare-restore" class="btn btn-secondary btn-small" on:click=restore_mine>
                            {t(K::RestoreMine)}
                        </button>
                    })}
                    <button type="button" id="compare-hide" class="btn btn-link btn-small" on:click=move |_| ctx.beside.set(None)>
                        {t(K::CompareHidden)}
                    </button>
                </div>
            }
        })
    };

    // The text fields.
    let start_error = ctx.error_memo(Field::Start, || None);
    let end_error = ctx.error_memo(Field::End, move || {
        (form.end.get() < form.start.get()).then_some(Msg::Code(ErrorCode::YearRangeInverted))
    });

    let delete_area = move || {
        let (Some(id), Some(_)) = (id, version.get()) else {
            return None;
        };
        let busy = Signal::derive(busy);
        if proposing() {
            let run = Callback::new(move |action: DraftMeasureAction| {
                saved.set(None);
                save.dispatch(SaveRequest::Draft(
                    id,
                    action,
                    draft_version.get_untracked(),
                ));
            });
            let pending = Signal::derive(move || save.pending().get());
            return Some(
                view! { <ProposalActions current=current busy=busy pending=pending run=run/> }
                    .into_any(),
            );
        }
        let on_confirm = Callback::new(move |()| {
            if let Some(v) = version.get_untracked() {
                delete.dispatch((id, v));
            }
        });
        Some(
            view! {
                <div class="delete-area">
                    <ConfirmButton
                        id="measure-delete"
                        label=K::Delete
                        question=K::DeleteConfirm
                        yes=K::DeleteYes
                        working=K::Deleting
                        danger=true
                        busy=busy
                        pending=Signal::derive(move || delete.pending().get())
                        on_confirm=on_confirm
                    />
                </div>
            }
            .into_any(),
        )
    };

    view! {
        <form class="measure-form" novalidate=true on:submit=on_submit aria-labelledby="measure-heading">
            <h1 id="measure-heading">{title}</h1>
            {move || current.get().filter(|_| id.is_some()).map(|d| view! {
                <MeasureMeta detail=d.clone()/>
                <MeasureStatusPanel detail=d.clone()/>
                <DraftChanges detail=d names=names/>
            })}
            {move || proposing().then(|| view! {
                <p class="hint approved-edit-hint" id="approved-edit-hint">{t(K::ApprovedEditHint)}</p>
            })}
            {conflict_panel}
            {compare_bar}
            {offline.draft.offer_view(restore)}

            <div class="form-grid">
                <NameInput
                    ctx=ctx
                    field=Field::NameUk
                    label=K::NameUk
                    lang="uk"
                    required=true
                    value=form.name_uk
                    of=|v: &FormValues| v.name_uk.clone()
                />
                <NameInput
                    ctx=ctx
                    field=Field::NameEn
                    label=K::NameEn
                    lang="en"
                    value=form.name_en
                    of=|v: &FormValues| v.name_en.clone()
                />
                <GroupSelect
                    ctx=ctx
                    field=Field::Task
                    label=K::Task
                    choose=K::ChooseTask
                    groups=tasks
                    value=form.task
                    of=|v: &FormValues| v.task.clone()
                    show=task_label
                />
                <GroupSelect
                    ctx=ctx
                    field=Field::Org
                    label=K::Responsible
                    choose=K::ChooseOrg
                    groups=org_options
                    value=form.org
                    of=|v: &FormValues| v.org.clone()
                    show=org_label
                />
                <YearSelect ctx=ctx field=Field::Start label=K::StartYear value=form.start error=start_error of=|v: &FormValues| v.start/>
                <YearSelect ctx=ctx field=Field::End label=K::EndYear value=form.end error=end_error of=|v: &FormValues| v.end/>
                <LongText
                    ctx=ctx
                    field=Field::Description
                    label=K::Description
                    rows="3"
                    value=form.description
                    of=|v: &FormValues| v.description.clone()
                />
                <LongText
                    ctx=ctx
                    field=Field::ExpectedResult
                    label=K::ExpectedResult
                    rows="2"
                    value=form.expected_result
                    of=|v: &FormValues| v.expected_result.clone()
                />
            </div>

            <BudgetGridInput ctx=ctx/>

            <div class="form-actions">
                <button
                    type="submit"
                    id="measure-save"
                    class="btn btn-primary"
                    disabled=move || busy() || blocked()
                    aria-describedby=move || blocked().then_some("save-blocked")
                >
                    {move || match (save.pending().get(), proposing()) {
                        (true, _) => t(K::Saving)(),
                        (false, true) => t(K::SaveToProposal)(),
                        (false, false) => t(K::Save)(),
                    }}
                </button>
                <Show when=blocked>
                    <p class="hint warning" id="save-blocked">{t(K::SaveBlocked)}</p>
                </Show>
                {move || {
                    general
                        .get()
                        .filter(|_| conflict.with(Option::is_none))
                        .map(|m| view! {
                            <p class="form-message error" id="measure-save-error" role="alert">
                                <span aria-hidden="true">"⚠ "</span>
                                {move || m.text(i18n.lang())}
                            </p>
                        })
                }}
                <p class="form-message ok" id="measure-saved" role="status">
                    {move || saved.get().map(|k| k.text(i18n.lang()))}
                </p>
                {delete_area}
            </div>
        </form>
    }
}
