//! Interface language: the `Lang` context (persisted in localStorage) and the bilingual dictionary.

use leptos::prelude::*;
use shared::{Lang, Text};

/// Where the chosen language is remembered between visits.
const STORAGE_KEY: &str = "obriy.lang";

/// The current interface language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Lang>);

impl I18n {
    /// The current language (tracked).
    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// The current language, without subscribing (for event handlers and futures).
    pub fn lang_untracked(self) -> Lang {
        self.0.get_untracked()
    }

    pub fn set(self, lang: Lang) {
        self.0.set(lang);
    }

    /// A dictionary entry in the current language (tracked).
    pub fn t(self, key: K) -> &'static str {
        key.text(self.lang())
    }

    /// A bilingual text from the server in the current language (tracked).
    pub fn text(self, text: &Text) -> String {
        text.get(self.lang()).to_string()
    }
}

/// Creates the language context: from localStorage, else Ukrainian; keeps `<html lang>` in step
/// (each page's title follows it through `components::page::Titled`).
pub fn provide_i18n() -> I18n {
    let lang = stored_lang().unwrap_or_default();
    let signal = RwSignal::new(lang);
    Effect::new(move |_| {
        let lang = signal.get();
        store_lang(lang);
        let doc = document();
        if let Some(root) = doc.document_element() {
            // Screen readers pick their voice from this attribute.
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    let i18n = I18n(signal);
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive dictionary entry for use directly in a view.
pub fn t(key: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// A reactive server text for use directly in a view.
pub fn tx(text: Text) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.text(&text)
}

fn stored_lang() -> Option<Lang> {
    let storage = window().local_storage().ok().flatten()?;
    let code = storage.get_item(STORAGE_KEY).ok().flatten()?;
    Lang::from_code(&code)
}

fn store_lang(lang: Lang) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        // Private browsing may refuse storage; the choice then lasts for this visit only.
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

impl K {
    /// The entry with its `{named}` arguments filled (`shared::i18n::fill`: the one formatter of
    /// sentences built from parts, so each language orders them as it needs).
    pub fn fill(self, lang: Lang, args: &[(&str, &str)]) -> String {
        shared::i18n::fill(self.text(lang), args)
    }
}

macro_rules! dictionary {
    ($($key:ident => $uk:literal, $en:literal;)*) => {
        /// Every fixed string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum K {
            $($key,)*
        }

        impl K {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (K::$key, Lang::Uk) => $uk,
                        (K::$key, Lang::En) => $en,
                    )*
                }
            }
        }
    };
}

dictionary! {
    AppName => "Обрій", "Obriy";
    AppTagline => "Програма інформатизації Дніпропетровщини 2026–2028",
        "Dnipropetrovsk region informatization programme 2026–2028";
    SkipToContent => "Перейти до змісту", "Skip to content";
    MainNav => "Основні розділи", "Main sections";
    NavOverview => "Огляд", "Overview";
    NavPlan => "План", "Plan";
    NavTerritory => "Територія", "Territory";
    // --- Issue 13 (phones, focus, titles): the header's menu button and the pages' titles. ---
    MenuButton => "Меню", "Menu";
    TitleMeasure => "Захід", "Measure";
    TitleProposal => "Пропозиція", "Proposal";
    TitleAccount => "Обліковий запис", "Account";
    // --- end of issue 13's block ---
    LanguageGroup => "Мова інтерфейсу", "Interface language";
    SignOut => "Вийти", "Sign out";
    SignedOut => "Ви вийшли із системи.", "You have signed out.";
    SignedInAs => "Ви увійшли як", "Signed in as";
    Dismiss => "Закрити повідомлення", "Dismiss the message";
    Loading => "Завантаження…", "Loading…";
    Retry => "Спробувати ще раз", "Try again";
    ErrorCodeLabel => "Код помилки", "Error code";

    // Sign-in
    SignInTitle => "Вхід до системи", "Sign in";
    SignInIntro => "Планування та моніторинг регіональної програми інформатизації.",
        "Planning and monitoring of the regional informatization programme.";
    LoginLabel => "Логін", "Login";
    PasswordLabel => "Пароль", "Password";
    SignIn => "Увійти", "Sign in";
    SigningIn => "Вхід…", "Signing in…";
    FillLoginPassword => "Вкажіть логін і пароль.", "Enter your login and password.";

    // Overview
    OverviewTitle => "Огляд програми", "Programme overview";
    PublicTitle => "Відкрита програма", "The open programme";
    PublicIntro => "Затверджений план програми, його кошти та результати — для всіх, без облікового запису.",
        "The programme's approved plan, its money and its results — for everyone, no account needed.";
    PublicLink => "Відкрита програма: перегляд без входу", "The open programme: view without signing in";
    PublicSignIn => "Увійти", "Sign in";
    PublicPlanTitle => "Затверджений план", "The approved plan";
    PublicAmountsNote => "Суми в тис. грн: заплановано за планом, затверджено бюджетом, виконано за затвердженими звітами.",
        "Amounts in thousand UAH: planned by the plan, approved by the budget, executed by approved reports.";
    PublicApprovedCol => "Затверджено", "Approved";
    PublicExecutedPercent => "Виконано від затвердженого, %", "Executed of approved, %";
    PublicWhole => "Усього", "Total";
    PublicWholeProgramme => "Уся програма", "The whole programme";
    PublicDirectionTotal => "Усього за напрямом", "Direction total";
    PublicTaskOrMeasure => "Завдання / захід", "Task / measure";
    PublicYearSource => "Рік, джерело", "Year, source";
    PublicTerm => "Строк", "Term";
    PublicEnvelope => "Обсяг фінансування", "Funding envelope";
    PublicThousandUah => "тис. грн", "thousand UAH";
    PublicVersion => "Чинна версія плану", "Plan version in force";
    PublicOpenData => "Відкриті дані", "Open data";
    PublicDataPackage => "Пакет даних (Frictionless Data Package, JSON)", "Data package (Frictionless Data Package, JSON)";
    PublicBack => "← До відкритої програми", "← Back to the open programme";
    PublicDirection => "Пріоритетний напрям", "Priority direction";
    PublicTask => "Завдання", "Task";
    PublicExecutor => "Виконавець", "Executor";
    PublicDescription => "Опис", "Description";
    PublicExpectedResult => "Очікуваний результат", "Expected result";
    PublicNavLabel => "Розділи відкритої програми", "Sections of the open programme";
    PublicNavProgramme => "Програма", "Programme";
    PublicNavIndicators => "Показники", "Indicators";
    PublicNavOrgs => "Громади та виконавці", "Communities and executors";
    PublicNavVersions => "Історія плану", "Plan history";
    PublicIndicatorsTitle => "Показники програми", "Programme indicators";
    PublicIndicatorsIntro => "Базове значення, ціль на рік і фактичне значення області за затвердженими звітами.",
        "The baseline, the target for the year and the oblast's actual value from approved reports.";
    PublicFiguresFor => "Дані за", "Figures for";
    PublicIndicatorCol => "Показник", "Indicator";
    PublicUnitCol => "Одиниця", "Unit";
    PublicBaselineCol => "Базове значення", "Baseline";
    PublicTargetCol => "Ціль на", "Target for";
    PublicActualCol => "Фактично", "Actual";
    PublicStatusCol => "Стан", "Status";
    PublicNoIndicators => "Показників ще немає.", "No indicators yet.";
    PublicOrgsTitle => "Громади та виконавці", "Communities and executors";
    PublicOrgsIntro => "Заходи кожної організації у затвердженому плані, їхні кошти та вчасність звітів.",
        "Each organisation's measures in the approved plan, their money and how punctually it reports.";
    PublicOrgCol => "Організація", "Organisation";
    PublicKindCol => "Тип", "Type";
    PublicCodeCol => "Код КАТОТТГ", "KATOTTH code";
    PublicMeasuresCol => "Заходів", "Measures";
    PublicOnTimeCol => "Звітів вчасно", "Reports on time";
    PublicLateCol => "Із запізненням", "Late";
    PublicMissingCol => "Не подано", "Missing";
    PublicReportsCol => "Звіти: вчасно · із запізненням · не подано", "Reports: on time · late · missing";
    PublicPopulation => "Населення", "Population";
    PublicParent => "Входить до", "Part of";
    PublicOrgMeasures => "Заходи в затвердженому плані", "Measures in the approved plan";
    PublicNoMeasures => "Власних заходів у затвердженому плані немає.", "No measures of its own in the approved plan.";
    PublicReporting => "Звітність", "Reporting";
    PublicPeriodCol => "Звітний період", "Reporting period";
    PublicDueCol => "Строк подання", "Due";
    PublicNoReports => "Звітів від неї не очікується.", "No reports are due from it.";
    PublicBackToOrgs => "← До громад та виконавців", "← Back to communities and executors";
    PublicVersionsTitle => "Історія плану", "Plan history";
    PublicVersionsIntro => "Кожна затверджена версія плану, рішення, яким її затверджено, і що вона змінила.",
        "Each approved version of the plan, the decision that approved it and what it changed.";
    PublicVersionNo => "Версія", "Version";
    PublicInForce => "чинна", "in force";
    PublicApprovedOn => "Затверджено", "Approved on";
    PublicDecision => "Рішення", "Decision";
    PublicChangedMeasures => "Змінено заходів", "Measures changed";
    PublicPlanTotal => "Обсяг плану, тис. грн", "Plan total, thousand UAH";
    PublicNoChanges => "Перша версія плану: змін ще немає.", "The first version of the plan: nothing changed yet.";
    PublicChanges => "Що змінилося", "What changed";
    PublicNavDocuments => "Документи", "Documents";
    PublicDocumentsTitle => "Оприлюднені документи", "Published documents";
    PublicDocumentsIntro => "Звіти про виконання програми, оприлюднені департаментом. Кожен файл — такий, яким його оприлюднено.",
        "Reports on the programme the department published. Each file is exactly as it was published.";
    PublicNoDocuments => "Департамент ще не оприлюднив жодного документа.", "The department has not published any document yet.";
    PublicDocumentCol => "Документ", "Document";
    PublicPublishedCol => "Оприлюднено", "Published";
    PublicDraftDocument => "ПРОЄКТ: не всі звіти затверджено", "DRAFT: not every report approved";
    PublicMapTitle => "Карта громад", "Map of communities";
    PublicMapIntro => "Колір громади — обраний показник; натисніть громаду, щоб відкрити її сторінку. Ті самі дані — у таблиці нижче.",
        "A community's colour is the chosen figure; select a community to open its page. The same figures are in the table below.";
    PublicMapTableShow => "Таблиця замість карти", "Table instead of the map";
    PublicLocalProgramme => "Місцева програма інформатизації", "Local informatization programme";
    PublicNoLocalProgramme => "Ухваленої радою місцевої програми інформатизації немає.", "No local informatization programme adopted by the council.";
    PublicLocalInForce => "Чинна", "In force";
    PublicLocalNotInForce => "Не чинна сьогодні", "Not in force today";
    PublicLocalTasks => "Завдання регіональної програми, з якими узгоджено заходи", "Regional tasks its measures align to";
    PublicLocalEnvelope => "Обсяг фінансування на 2026–2028 роки, тис. грн", "Funding for 2026–2028, thousand UAH";
    PublicDemoNote => "демо", "demo";

    Passport => "Паспорт програми", "Programme passport";
    ProgrammeName => "Назва", "Name";
    Region => "Регіон", "Region";
    RegionCode => "Код за Кодифікатором", "KATOTTH code";
    Decision => "Рішення про затвердження", "Approved by";
    Developer => "Розробник і замовник", "Developer and customer";
    Head => "Керівник програми", "Programme head";
    Term => "Строк виконання", "Term";
    TotalFunding => "Загальний обсяг фінансування", "Total funding";
    ThousandUah => "тис. грн", "thousand UAH";
    AllocatedToMeasures => "Розподілено в межах обсягу", "Allocated within the envelope";
    MeasuresCount => "Кількість заходів", "Number of measures";
    EnvelopeTitle => "Обсяг фінансування і розподіл за заходами, тис. грн",
        "Funding envelope and allocation to measures, thousand UAH";
    EnvelopeHint => "У кожній клітинці: обсяг за паспортом, розподілено на заходи, залишок.",
        "Each cell shows the passport envelope, the amount allocated to measures and the remainder.";
    Year => "Рік", "Year";
    Total => "Усього", "Total";
    Envelope => "Обсяг", "Envelope";
    Allocated => "Розподілено", "Allocated";
    Remaining => "Залишок", "Remaining";
    OutsideShort => "Поза обсягом", "Outside";
    OutsideEnvelope => "Розподілено поза обсягом паспорта (місцеві бюджети)", "Allocated outside the passport envelope (local budgets)";
    NoEnvelope => "Паспортом програми не передбачено", "Not planned in the programme passport";
    OverAllocated => "Перевищення обсягу", "Over-allocated";
    OverAllocatedCells => "Клітинок із перевищенням обсягу", "Over-allocated cells";
    DirectionsTitle => "Пріоритетні напрями і завдання", "Priority directions and tasks";
    Direction => "Напрям", "Direction";
    Task => "Завдання", "Task";
    Measures => "Заходи", "Measures";
    Number => "№", "No.";

    // Plan
    PlanTitle => "План заходів", "Plan of measures";
    Filters => "Фільтри", "Filters";
    District => "Район", "District";
    Organisation => "Організація", "Organisation";
    Source => "Джерело", "Source";
    Search => "Пошук", "Search";
    SearchPlaceholder => "Назва, опис або результат", "Name, description or result";
    Find => "Знайти", "Find";
    ResetFilters => "Скинути фільтри", "Reset filters";
    AllDistricts => "Усі райони", "All districts";
    AllOrgs => "Усі організації", "All organisations";
    AllSources => "Усі джерела", "All sources";
    AllYears => "Усі роки", "All years";
    OblastLevel => "Обласний рівень", "Oblast level";
    DistrictOwn => "власні заходи району", "district's own measures";
    NewMeasure => "Новий захід", "New measure";
    Name => "Назва", "Name";
    Executor => "Виконавець", "Executor";
    Years => "Роки", "Years";
    NoMeasures => "Заходів за цими умовами немає.", "No measures match these filters.";
    PlanPages => "Сторінки плану", "Pages of the plan";
    PageMeasures => "Заходи", "Measures";
    PageOf => "з", "of";
    PageWord => "сторінка", "page";
    PagePrevious => "← Попередня", "← Previous";
    PageNext => "Наступна →", "Next →";
    PagesTotalsNote => "Підсумки враховують усі заходи, що відповідають фільтрам.",
        "The totals include every measure matching the filters.";
    PlanTotal => "Разом за планом", "Plan total";
    Demo => "демо", "demo";
    DemoTitle => "Демонстраційні дані", "Demonstration data";
    DraftBadge => "проєкт", "draft";

    // Territory
    TerritoryTitle => "Територія: райони і громади", "Territory: districts and communities";
    TerritoryHint => "Суми — тис. грн. Натисніть назву, щоб відкрити план заходів організації.",
        "Amounts in thousand UAH. Select a name to open the organisation's plan.";
    Code => "Код", "Code";
    Kind => "Тип", "Kind";
    Population => "Населення", "Population";
    OwnMeasures => "Власні заходи", "Own measures";
    OwnTotal => "Власні, тис. грн", "Own, thousand UAH";
    WithCommunities => "З громадами", "With communities";
    WithCommunitiesTotal => "З громадами, тис. грн", "With communities, thousand UAH";
    ExecutorsTitle => "Обласні виконавці", "Oblast executors";
    DistrictLabel => "район", "district";

    // Measure
    MeasureTitleNew => "Новий захід", "New measure";
    NameUk => "Назва українською", "Name in Ukrainian";
    NameEn => "Назва англійською", "Name in English";
    Optional => "необов’язково", "optional";
    Required => "обов’язково", "required";
    Description => "Опис", "Description";
    ExpectedResult => "Очікуваний результат", "Expected result";
    StartYear => "Рік початку", "Start year";
    EndYear => "Рік завершення", "End year";
    ChooseTask => "Оберіть завдання", "Choose a task";
    ChooseOrg => "Оберіть організацію", "Choose an organisation";
    TaskRequired => "Оберіть завдання програми.", "Choose a task of the programme.";
    OrgRequired => "Оберіть відповідального виконавця.", "Choose the responsible executor.";
    Responsible => "Відповідальний виконавець", "Responsible executor";
    BudgetTitle => "Фінансування, тис. грн", "Funding, thousand UAH";
    BudgetHint => "Порожня клітинка — рядка немає; 0 — нульовий рядок. Приклад: 1 250,5",
        "A blank cell means no line; 0 is a zero line. Example: 1250.5";
    HiddenCellsIgnored => "Суми за роки поза строком заходу не буде збережено.",
        "Amounts for years outside the measure's term will not be saved.";
    AmountFor => "Сума", "Amount";
    Save => "Зберегти", "Save";
    Saving => "Збереження…", "Saving…";
    Saved => "Зміни збережено.", "Changes saved.";
    Created => "Захід створено.", "Measure created.";
    FixErrors => "Виправте помилки у формі — нічого не надіслано.",
        "Fix the errors in the form — nothing has been sent.";
    ServerRefused => "Сервер не прийняв зміни: виправте позначене поле й збережіть знову.",
        "The server did not accept the changes: correct the marked field and save again.";
    SaveBlocked => "Зберегти не можна, доки в таблиці фінансування є помилки.",
        "Saving is not possible while the funding table has errors.";
    ResolveConflictFirst => "Спершу оберіть, як вирішити конфлікт версій.",
        "First choose how to resolve the version conflict.";
    Version => "Версія", "Version";
    UpdatedAt => "Оновлено", "Updated";
    UpdatedBy => "автор змін", "changed by";
    Delete => "Видалити", "Delete";
    DeleteConfirm => "Видалити цей захід? Цю дію не можна скасувати.",
        "Delete this measure? This cannot be undone.";
    DeleteYes => "Так, видалити", "Yes, delete";
    Cancel => "Скасувати", "Cancel";
    Deleting => "Видалення…", "Deleting…";
    Deleted => "Захід видалено.", "The measure has been deleted.";
    ConflictTitle => "Конфлікт версій", "Version conflict";
    ConflictServerChanged => "На сервері змінено", "Changed on the server";
    OnServer => "На сервері", "On the server";
    YourValue => "Ваше значення", "Your value";
    LoadServer => "Завантажити дані із сервера", "Load the server's data";
    LoadServerHint => "Ваші введені значення залишаться поруч для порівняння.",
        "What you typed stays beside each field for comparison.";
    KeepMine => "Залишити мої зміни", "Keep my changes";
    KeepMineHint => "Наступне збереження замінить дані на сервері вашими.",
        "The next save will replace the server's data with yours.";
    RestoreMine => "Повернути мої значення", "Restore my values";
    CompareServer => "Поруч із полями показано значення, що зараз на сервері.",
        "The values now on the server are shown beside the fields.";
    CompareMine => "Форму заповнено даними із сервера; поруч показано ваші незбережені значення.",
        "The form now holds the server's data; your unsaved values are shown beside the fields.";
    DistrictsGroup => "Райони", "Districts";
    CommunitiesGroup => "громади", "communities";
    CompareHidden => "Сховати порівняння", "Hide the comparison";
    Empty => "порожньо", "empty";
    ReadOnly => "Лише перегляд: у вас немає прав змінювати цей захід.",
        "Read only: you are not allowed to change this measure.";
    CannotPlan => "Ваша роль не дає змоги планувати заходи.",
        "Your role does not allow planning measures.";
    BackToPlan => "До плану", "Back to the plan";

    // Comments and history
    CommentsTitle => "Коментарі", "Comments";
    NoComments => "Коментарів ще немає. Поставте питання просто тут.",
        "No comments yet. Ask your question right here.";
    CommentLabel => "Ваш коментар", "Your comment";
    CommentSubmit => "Надіслати коментар", "Post the comment";
    CommentSending => "Надсилання…", "Posting…";
    CommentPosted => "Коментар додано.", "The comment has been added.";
    Reply => "Відповісти", "Reply";
    ReplyTo => "Відповісти на коментар від", "Reply to the comment by";
    ReplyingTo => "Відповідь на коментар від", "Replying to the comment by";
    CancelReply => "Скасувати відповідь", "Cancel the reply";
    Replies => "Відповіді", "Replies";
    HistoryTitle => "Історія змін", "Change history";
    HistoryOlder => "Показати давніші зміни", "Show older changes";
    HistoryHint => "Найновіші зміни — угорі. Для кожної зміни показано, що було і що стало.",
        "Newest first. Each change shows the value before and after.";
    NoHistory => "Змін ще не записано.", "No changes recorded yet.";
    When => "Коли", "When";
    Who => "Хто", "Who";
    WhatHappened => "Що сталося", "What happened";
    NoFieldChanges => "Поля не змінилися.", "No field changed.";
    ChangedFrom => "було", "before";
    ChangedTo => "стало", "after";

    // Live events
    LiveCreated => "Щойно додано новий захід — {name}.", "{name} added a new measure just now.";
    LiveUpdated => "Щойно змінено захід — {name}.", "{name} changed a measure just now.";
    LiveUpdatedThis => "Щойно змінено цей захід — {name}.", "{name} changed this measure just now.";
    LiveDeleted => "Щойно видалено захід — {name}.", "{name} deleted a measure just now.";
    LiveDeletedThis => "Щойно видалено цей захід — {name}.", "{name} deleted this measure just now.";
    LiveCommented => "Щойно додано коментар — {name}.", "{name} added a comment just now.";
    LiveShown => "Показано нові дані.", "The new data is shown.";
    LiveKeptEdits => "Ваші незбережені зміни залишено у формі.",
        "Your unsaved changes are kept in the form.";
    LiveLoad => "Завантажити нову версію", "Load the new version";
    LiveGone => "Його більше немає на сервері.", "It no longer exists on the server.";

    // Inbox
    NavInbox => "Вхідні", "Inbox";
        InboxTitle => "Вхідні", "Inbox";
    InboxHint => "Що інші зробили із заходами, пропозиціями та звітами вашої організації, що чекає вашого рішення і нагадування про строки звітів. Найновіші — угорі.",
        "What others did to your organisation's measures, proposals and reports, what waits for your decision, and reminders of report due dates. Newest first.";
    InboxEmpty => "Повідомлень немає.", "There are no notifications.";
    InboxNew => "Нове", "New";
    InboxCommented => "Новий коментар до заходу", "New comment on a measure";
    InboxChanged => "Змінено захід «{measure}»", "The measure “{measure}” was changed";
    InboxDeletedMeasure => "Видалено захід «{measure}»", "The measure “{measure}” was deleted";
    InboxOpen => "Відкрити захід", "Open the measure";
    InboxOpenProposal => "Відкрити пропозицію", "Open the proposal";
    InboxProposalWaiting => "Надіслано пропозицію вам на розгляд: {org}", "A proposal was sent for your review: {org}";
    InboxProposalWaitingLines => "Надіслано пропозицію вам на розгляд: {org}, {lines}", "A proposal was sent for your review: {org}, {lines}";
    InboxProposalEndorsed => "Пропозицію погоджено: {org}", "The proposal was endorsed: {org}";
    InboxProposalReturned => "Пропозицію повернуто на доопрацювання: {org}", "The proposal was returned for rework: {org}";
    InboxProposalDecided => "Ухвалено рішення щодо пропозиції: {org}", "The proposal was decided: {org}";
    InboxProposalDecidedLines => "Ухвалено рішення щодо пропозиції: {org}; {verdicts}", "The proposal was decided: {org}; {verdicts}";
    InboxProposalComment => "Новий коментар до пропозиції: {org}", "New comment on a proposal: {org}";
    MarkRead => "Позначити прочитаним", "Mark read";
    MarkAllRead => "Позначити всі прочитаними", "Mark all read";
    InboxAllRead => "Усі повідомлення прочитано.", "All notifications are read.";

    // Changes to the approved plan (measure page, proposals, versions)
    WhatChanged => "Що змінюється", "What changes";
    Difference => "Різниця", "Difference";
    YearSource => "Рік · джерело", "Year · source";
    Increase => "збільшення", "increase";
    Decrease => "зменшення", "decrease";
    NoChange => "без змін", "no change";
    ApprovedValue => "Затверджено", "Approved";
    ProposedValue => "Пропонується", "Proposed";
    OldValue => "Було", "Before";
    NewValue => "Стало", "After";
    ChangeMeasureAdd => "Новий захід додається до плану", "A new measure enters the plan";
    ChangeMeasureWithdraw => "Захід виключається з плану", "The measure leaves the plan";
    WithdrawnMeanwhile => "виключено з плану", "withdrawn from the plan";
    ApprovedInVersion => "версія плану", "plan version";
    DraftMeasureNote => "Проєкт — буде запропоновано до затвердження", "Draft — will be proposed for approval";
    DraftMeasureHint => "Новий захід ще не входить до затвердженого плану: він іде до чернетки пропозиції вашої організації як доданий захід і не враховується в підсумках, доки його не затвердять.",
        "A new measure is not in the approved plan yet: it is in your organisation's draft proposal as an added measure and is not counted in the totals until approved.";
    DraftLocked => "Проєкт подано на погодження у складі пропозиції: змінити його можна буде, коли її розглянуть або повернуть.",
        "The draft has been submitted in a proposal: it can be changed again once the proposal is decided or returned.";
    WithdrawnNote => "Захід виключено з плану.", "The measure has been withdrawn from the plan.";
    ApprovedEditHint => "Захід входить до затвердженого плану. Збереження не змінює план одразу: зміни потрапляють до чернетки пропозиції вашої організації, яку потім подають на погодження.",
        "The measure is in the approved plan. Saving does not change the plan at once: the changes go into your organisation's draft proposal, which is then submitted for approval.";
    SaveToProposal => "Зберегти в пропозиції", "Save to proposal";
    SavedToProposal => "Зміни збережено в чернетці пропозиції.", "The changes are saved in the draft proposal.";
    OpenDraftProposal => "Відкрити чернетку пропозиції", "Open the draft proposal";
    DraftChangesTitle => "Мої зміни в пропозиції", "My changes in the proposal";
    DraftChangesHint => "Затверджене значення поруч із запропонованим; різниця — у тис. грн.",
        "The approved value beside the proposed one; differences in thousand UAH.";
    ProposedWithdrawal => "Запропоновано виключити цей захід із плану.", "Withdrawing this measure from the plan is proposed.";
    ProposeWithdraw => "Запропонувати виключити захід", "Propose withdrawing the measure";
    ProposeWithdrawConfirm => "Запропонувати виключити цей захід із плану? Рішення ухвалює департамент.",
        "Propose withdrawing this measure from the plan? The department decides.";
    ProposeWithdrawYes => "Так, запропонувати", "Yes, propose it";
    WithdrawProposed => "Виключення заходу додано до чернетки пропозиції.", "Withdrawing the measure is now in the draft proposal.";
    DiscardChanges => "Скасувати мої зміни", "Discard my changes";
    DiscardConfirm => "Вилучити всі зміни цього заходу з чернетки пропозиції?", "Remove all of this measure's changes from the draft proposal?";
    DiscardYes => "Так, вилучити", "Yes, remove them";
    Discarded => "Зміни цього заходу вилучено з чернетки пропозиції.", "This measure's changes are removed from the draft proposal.";
    DraftConflictTitle => "Чернетку пропозиції вже змінено", "The draft proposal has changed";
    DraftServerChanged => "Чернетку змінено", "The draft was changed";
    InDraft => "У чернетці пропозиції", "In the draft proposal";
    CompareDraft => "Поруч із полями показано значення, що зараз у чернетці пропозиції.",
        "The values now in the draft proposal are shown beside the fields.";
    InReviewTitle => "Пропозиції на розгляді, що змінюють цей захід", "Proposals under review that change this measure";

    // Proposals
    NavProposals => "Пропозиції", "Proposals";
    NavVersions => "Версії плану", "Plan versions";
    ProposalsTitle => "Пропозиції змін до плану", "Proposals to change the plan";
    ProposalsHint => "Зміни до затвердженого плану подаються пропозиціями: громада → район → департамент. Найновіші — угорі.",
        "Changes to the approved plan travel as proposals: community → district → department. Newest first.";
    ProposalNo => "Пропозиція №", "Proposal No.";
    StateLabel => "Стан", "State";
    AllStates => "Усі стани", "All states";
    WaitingForMe => "Лише ті, що чекають мого рішення", "Only those waiting for my decision";
    MyDraft => "Чернетка моєї організації", "My organisation's draft";
    MyDraftOpen => "Відкрити чернетку", "Open the draft";
    NoDraft => "Чернетки пропозиції зараз немає: вона з’явиться, щойно ви зміните затверджений захід або додасте новий.",
        "There is no draft proposal now: it appears as soon as you change an approved measure or add a new one.";
    Author => "Автор", "Author";
    OrgAuthor => "Організація, автор", "Organisation, author";
    StateRoute => "Стан, маршрут", "State, route";
    LinesCount => "Рядків", "Lines";
    PendingCount => "Очікують", "Pending";
    ConflictCount => "Конфлікти", "Conflicts";
    BudgetChange => "Зміна фінансування, тис. грн", "Budget change, thousand UAH";
    NoProposals => "Пропозицій за цими умовами немає.", "No proposals match these filters.";
    WorkflowTitle => "Маршрут погодження", "Approval route";
    WorkflowCommunity => "Пропозиції громад спершу погоджує координатор району", "Communities' proposals are endorsed by the district coordinator first";
    WorkflowHint => "Якщо вимкнено, пропозиції громад надходять одразу до департаменту.",
        "When off, communities' proposals go straight to the department.";
    WorkflowSaved => "Маршрут погодження збережено.", "The approval route is saved.";
    RouteLabel => "Маршрут", "Route";
    RouteViaDistrict => "автор → район → департамент", "author → district → department";
    RouteDirect => "автор → департамент", "author → department";
    BaseVersion => "На основі версії плану", "Based on plan version";
    CreatedAt => "Створено", "Created";
    SubmittedAt => "Подано", "Submitted";
    StepsTitle => "Хід розгляду", "Progress";
    NoSteps => "Пропозицію ще не подано.", "The proposal has not been submitted yet.";
    LinesTitle => "Зміни за заходами", "Changes by measure";
    NoLines => "У пропозиції немає змін.", "The proposal has no changes.";
    LineStateLabel => "Стан рядка", "Line state";
    ReasonLabel => "Причина", "Reason";
    ReturnedNoteLabel => "Раніше повернуто з причиною", "Returned earlier with the reason";
    ConflictFlag => "Конфлікт: затверджений план змінився під цим рядком", "Conflict: the approved plan changed under this line";
    ExpectedValue => "Рядок розраховував на", "The line expected";
    ApprovedNow => "Затверджено зараз", "Approved now";
    ConflictsNote => "Рядки в конфлікті не можна затвердити. Автор має узгодити пропозицію з чинною версією плану.",
        "Conflicting lines cannot be approved. The author must rebase the proposal on the current plan version.";
    ConflictsNoteAuthor => "Затверджений план змінився під рядками, позначеними ⚠. Узгодьте пропозицію з чинною версією плану (кнопка «Узгодити» нижче), перш ніж подавати її.",
        "The approved plan changed under the lines marked ⚠. Rebase the proposal on the current plan version (the “Rebase” button below) before submitting it.";
    Rebase => "Узгодити з чинною версією плану", "Rebase on the current plan";
    Rebased => "Пропозицію узгоджено з чинною версією плану.", "The proposal is rebased on the current plan version.";
    EffectTitle => "Вплив на план", "Effect on the plan";
    EffectHint => "Якщо буде затверджено всі рядки, що очікують рішення.", "If every pending line is approved.";
    EnvelopeEffect => "Обсяг фінансування і розподіл: до і після, тис. грн", "Funding envelope and allocation before and after, thousand UAH";
    NoEnvelopeChange => "Пропозиція не змінює розподіл коштів.", "The proposal does not change the allocation.";
    RollupsEffect => "Підсумки плану: до і після, тис. грн", "Plan totals before and after, thousand UAH";
    Before => "До", "Before";
    After => "Після", "After";
    AllocatedBefore => "Розподілено до", "Allocated before";
    AllocatedAfter => "Розподілено після", "Allocated after";
    RemainingAfter => "Залишок після", "Remaining after";
    LevelProgramme => "Програма", "Programme";
    ActionsTitle => "Дії", "Actions";
    NoteLabel => "Супровідна примітка", "Covering note";
    SubmitProposal => "Подати пропозицію", "Submit the proposal";
    SubmittedNotice => "Пропозицію подано.", "The proposal has been submitted.";
    EndorseRemark => "Зауваження до погодження", "Remark with the endorsement";
    Endorse => "Погодити й передати департаменту", "Endorse and pass to the department";
    EndorsedNotice => "Пропозицію погоджено й передано департаменту.", "The proposal is endorsed and passed to the department.";
    ReturnReason => "Причина повернення", "Reason for returning";
    ReturnWhole => "Повернути автору на доопрацювання", "Return to the author for rework";
    ReturnedNotice => "Пропозицію повернуто автору.", "The proposal has been returned to its author.";
    DecideTitle => "Рішення департаменту", "The department's decision";
    DecideHint => "Для кожного рядка оберіть рішення. Затверджені рядки утворять нову версію плану; для повернення чи відхилення вкажіть причину.",
        "Choose a verdict for each line. Approved lines make a new plan version; returning or rejecting needs a reason.";
    VerdictLabel => "Рішення щодо рядка", "Verdict on the line";
    VerdictNone => "Пізніше", "Later";
    VerdictApprove => "Затвердити", "Approve";
    VerdictReturn => "Повернути", "Return";
    VerdictReject => "Відхилити", "Reject";
    ApproveAllPending => "Затвердити всі, що очікують", "Approve all pending";
    DecisionUk => "Рішення або підстава нової версії плану (українською)", "Decision or reason for the new plan version (in Ukrainian)";
    DecisionEn => "Рішення англійською", "Decision in English";
    DecisionHint => "Обов’язково, якщо затверджуєте хоча б один рядок. Наприклад: «наказ департаменту від 12.01.2026 № 5».",
        "Required when approving any line. For example: “department order of 12.01.2026 No. 5”.";
    Decide => "Записати рішення", "Record the decision";
    BreachTitle => "Рішення виходить за межі обсягу фінансування", "The decision goes beyond the funding envelope";
    BreachPreview => "Якщо затвердити всі рядки, що очікують, розподіл у цих клітинках перевищить обсяг фінансування за паспортом програми. Щоб затвердити їх, підтвердьте рішення, вказавши причину.",
        "If every pending line is approved, the allocation in these cells goes above the programme passport's funding envelope. To approve them, confirm the decision with a reason.";
    BreachRefused => "Сервер не записав рішення: воно виводить розподіл у цих клітинках за межі обсягу фінансування. Вкажіть причину й запишіть рішення ще раз, щоб підтвердити його.",
        "The server did not record the decision: it takes the allocation in these cells beyond the funding envelope. Give a reason and record the decision again to confirm it.";
    BreachCaption => "Клітинки понад обсяг, тис. грн", "Cells beyond the envelope, thousand UAH";
    OverBy => "Понад обсяг", "Over by";
    BreachReason => "Причина виходу за межі обсягу", "Reason for going beyond the envelope";
    BreachReasonHint => "Наприклад: «додаткова субвенція, рішення сесії обласної ради № 12». Причину буде записано разом із новою версією плану.",
        "For example: “additional subvention, oblast council decision No. 12”. The reason is recorded with the new plan version.";
    DecidedNotice => "Рішення записано.", "The decision has been recorded.";
    Sending => "Надсилання…", "Sending…";
    ProposalCommentsTitle => "Обговорення пропозиції", "Discussion of the proposal";
    LiveProposalChanged => "Щойно змінено пропозицію — {name}.", "{name} changed the proposal just now.";
    LiveProposalSubmitted => "Щойно подано пропозицію — {name}.", "{name} submitted the proposal just now.";
    LiveProposalEndorsed => "Щойно погоджено пропозицію — {name}.", "{name} endorsed the proposal just now.";
    LiveProposalReturned => "Щойно повернуто пропозицію — {name}.", "{name} returned the proposal just now.";
    LiveProposalDecided => "Щойно ухвалено рішення щодо пропозиції — {name}.", "{name} decided on the proposal just now.";
    LivePlanVersion => "Щойно затверджено нову версію плану — {name}.", "{name} approved a new plan version just now.";

    // Plan versions
    VersionsTitle => "Версії плану", "Plan versions";
    VersionsHint => "Кожна затверджена зміна утворює нову версію. Оберіть дві версії, щоб побачити всі відмінності.",
        "Every approved change makes a new version. Choose two versions to see every difference.";
    CurrentVersion => "чинна", "current";
    ApprovedAt => "Затверджено", "Approved on";
    DecisionCol => "Рішення", "Decision";
    ApprovedBy => "Хто затвердив", "Approved by";
    CouncilApproved => "Обласна рада", "The oblast council";
    MeasuresChanged => "Змінено заходів", "Measures changed";
    PlanTotalCol => "Обсяг плану, тис. грн", "Plan total, thousand UAH";
    CompareFrom => "Порівняти від", "Compare from";
    CompareTo => "до", "to";
    CompareVersions => "Порівняти", "Compare";
    ChooseTwo => "Оберіть дві різні версії.", "Choose two different versions.";
    ComparisonTitle => "Відмінності між версіями", "Differences between versions";
    NoDifferences => "Між цими версіями змін немає.", "There are no differences between these versions.";
    TotalsBoth => "Обсяг плану в обох версіях, тис. грн", "Plan totals in both versions, thousand UAH";
    MeasureCol => "Захід", "Measure";
    FromProposal => "з пропозиції", "from proposal";

    // Excel in
    ImportTitle => "Імпорт з Excel", "Import from Excel";
    ImportHint => "Заповнюйте план чи квартальний звіт в Excel і завантажуйте сюди. Обрій перевірить кожен рядок і покаже всі зміни та помилки ще до запису; зміни плану потрапляють у вашу чернетку пропозиції й проходять погодження, як будь-яка правка.", "Fill in the plan or a quarterly report in Excel and upload it here. Obriy checks every row and shows every change and error before anything is written; plan changes go into your draft proposal and up the approval chain like any edit.";
    ImportUpload => "Завантажити файл", "Upload a file";
    ImportWhat => "Що у файлі", "What the file holds";
    ImportKindPlan => "План заходів (суми за роками й джерелами)", "Plan of measures (amounts by year and source)";
    ImportKindReport => "Звіт за період", "A report for a period";
    ImportKindTargets => "Цілі показників (програми й окремих організацій)", "Indicator targets (the programme's and single organisations')";
    ImportTargetsTemplate => "Почніть з файлу цілей: рядок без організації — ціль програми на рік, рядок з організацією — її власна ціль (порожня — діє ціль програми). Змінюйте стовпець «Ціль» і завантажте файл сюди.", "Start from the targets file: a row without an organisation is the programme's target for the year, a row with one is that organisation's own (empty: the programme's applies). Change the \"Target\" column and upload the file here.";
    ImportTargetsTemplateLink => "Завантажити цілі (XLSX)", "Download the targets (XLSX)";
    ImportConfirmTargets => "Встановити цілі", "Set the targets";
    ImportOpenIndicators => "Відкрити показники", "Open the indicators";
    ImportOrg => "Організація", "Organisation";
    ImportChooseOrg => "Оберіть організацію, щоб завантажити її звіт для заповнення.", "Choose the organisation to download its report to fill in.";
    ImportPlanTemplate => "Почніть з вивантаження плану (або на сторінці плану з фільтрами: «Завантажити таблицю: XLSX»), змініть суми чи додайте рядки нових заходів (без коду) і завантажте файл сюди.", "Start from the plan's export (or, with filters, on the plan page: \"Download the table: XLSX\"), change amounts or add rows of new measures (without a code) and upload the file here.";
    ImportPlanTemplateLink => "Завантажити план (XLSX)", "Download the plan (XLSX)";
    ImportReportTemplate => "Звіт для заповнення офлайн — з вашими заходами, джерелами й показниками:", "The report to fill in offline, with your measures, sources and indicators:";
    ImportReportTemplateLink => "Завантажити звіт (XLSX)", "Download the report (XLSX)";
    ImportFile => "Файл (XLSX, XLS, ODS або CSV, до 10 МБ)", "File (XLSX, XLS, ODS or CSV, up to 10 MB)";
    ImportFileHint => "Числа — як у формі: 1234,5 або 1 234,5. Формули враховуються своїм значенням, приховані рядки — як звичайні.", "Numbers as in the form: 1234,5 or 1 234,5. Formulas count by their value; hidden rows count like any other.";
    ImportChooseFile => "Оберіть файл.", "Choose a file.";
    ImportCheck => "Перевірити файл", "Check the file";
    ImportUploading => "Завантаження…", "Uploading…";
    ImportRecent => "Ваші завантаження", "Your uploads";
    ImportNoneYet => "Ще нічого не завантажено.", "Nothing uploaded yet.";
    ImportAnother => "← Завантажити інший файл", "← Upload another file";
    ImportStateChecking => "перевіряється", "being checked";
    ImportStateReady => "перевірено — чекає підтвердження", "checked — waiting for confirmation";
    ImportStateFailed => "не прочитано", "could not be read";
    ImportStateApplied => "застосовано", "applied";
    ImportRowsRead => "Прочитано рядків:", "Rows read:";
    ImportRowsChecked => "перевірено:", "checked:";
    ImportAdded => "Нових:", "New:";
    ImportChanged => "змінено:", "changed:";
    ImportRemoved => "вилучено:", "removed:";
    ImportUnchanged => "без змін:", "unchanged:";
    ImportConflicts => "конфліктів:", "conflicts:";
    ImportRefused => "рядків з помилками:", "rows with errors:";
    ImportSkipsRefused => "Рядки з помилками й конфлікти буде пропущено. Щоб узяти їх, виправте файл (завантажте його з позначеними помилками) і завантажте знову.", "Rows with errors and conflicts are skipped. To take them, fix the file (download it with the errors marked) and upload it again.";
    ImportConfirmPlan => "Записати зміни в чернетку пропозиції", "Write the changes into the draft proposal";
    ImportConfirmReport => "Зберегти в чернетку звіту", "Save into the report's draft";
    ImportApplied => "Зміни записано.", "The changes are written.";
    ImportNothing => "Файл нічого не змінює: усе вже так (або вже у вашій чернетці).", "The file changes nothing: everything is already so (or already in your draft).";
    ImportOpenDraft => "Відкрити чернетку пропозиції", "Open the draft proposal";
    ImportOpenReport => "Відкрити звіт", "Open the report";
    ImportMarked => "Завантажити файл з позначеними помилками", "Download the file with the errors marked";
    ImportChangesTitle => "Зміни", "Changes";
    ImportIssuesTitle => "Рядки, які не взято", "Rows not taken";
    ImportRow => "Рядок", "Row";
    ImportSubject => "Захід чи показник", "Measure or indicator";
    ImportWhatChanges => "Що змінюється", "What changes";
    ImportWas => "Було", "Was";
    ImportBecomes => "Стане", "Becomes";
    ImportKindColumn => "Зміна", "Change";
    ImportInDraft => "уже в чернетці", "already in the draft";
    ImportSheet => "Аркуш", "Sheet";
    ImportColumn => "Стовпець", "Column";
    ImportValue => "Значення у файлі", "Value in the file";
    ImportProblem => "Що не так", "What is wrong";
    ImportMoreInFile => "Показано перші 300; усі — у файлі з позначеними помилками.", "The first 300 are shown; all of them are in the file with the errors marked.";
    ImportFromExcel => "Імпорт з Excel", "Import from Excel";
    ExportDownload => "Завантажити таблицю:", "Download the table:";
    ExportXlsxHint => "Книга Excel: числа з форматами, аркуш «Про файл»", "Excel workbook: numbers with formats, an \"About this file\" sheet";
    ExportCsvSemicolonHint => "CSV для Excel українською: крапка з комою, десяткова кома", "CSV for a Ukrainian Excel: semicolons, decimal commas";
    ExportCsvCommaHint => "CSV для програм: коми, десяткова крапка", "CSV for tools: commas, decimal dots";
    ReportFillInExcel => "Заповнити в Excel", "Fill in in Excel";
    InboxImportChecked => "Файл перевірено: {file} — {changes}, {refused} з помилками",
        "Your file was checked: {file} — {changes}, {refused} with errors";
    InboxImportFailed => "Файл не прочитано: {file}", "The file could not be read: {file}";
    InboxOpenImport => "Відкрити перевірку", "Open the check";
    // Reports
    NavReports => "Звіти", "Reports";
    NavDocuments => "Документи", "Documents";
    DocumentsTitle => "Документи", "Documents";
    DocumentsHint => "Звітні документи Програми, сформовані з даних: зведений квартальний звіт, річний звіт про хід виконання, звіт про результати, заключний звіт і звіт виконавця — у PDF та Excel. Документ можна сформувати й до затвердження всіх звітів: тоді на кожній сторінці він позначений як проєкт, а відсутні звіти названо.", "The programme's statutory documents, made from the data: the consolidated quarterly report, the annual progress report, the results report, the final report and an executor's report — as PDF and Excel. A document can be made before every report is approved: it is then marked as a draft on every page and the missing reports are named.";
    DocumentsScope => "Охоплення", "Scope";
    DocumentsSource => "Джерело фінансування", "Funding source";
    DocumentsAllSources => "Усі джерела", "All sources";
    DocumentsLanguage => "Мова документа", "Document language";
    DocumentsDue => "строк", "due";
    DocumentsNotSubmitted => "не подано", "not submitted";
    DocumentsDraft => "Проєкт", "Draft";
    DocumentsApproved => "Звітів затверджено:", "Reports approved:";
    DocumentsOf => "з", "of";
    DocumentsMissing => "не подано:", "missing:";
    DocumentsUnapproved => "не затверджено:", "not approved:";
    DocumentsNotDue => "період ще триває:", "period not over:";
    DocumentsPendingList => "Звіти, яких бракує", "Reports still missing or unapproved";
    DocumentsPreparing => "Готується…", "Preparing…";
    DocumentsSave => "Зберегти файл", "Save the file";
    DocumentsPublish => "Оприлюднити PDF", "Publish the PDF";
    DocumentsPublishHint => "Документ у нинішньому вигляді з’явиться на відкритому порталі й більше не зміниться (без імені підписанта).",
        "The document as it is now appears on the open portal and never changes afterwards (without the signer's name).";
    DocumentsPublished => "Оприлюднено:", "Published:";
    ReportsTitle => "Звіти: календар звітування", "Reports: the reporting calendar";
    ReportsHint => "Квартальні та річні звіти організацій зі строками за розділом VI програми. Звіт громади погоджує район, затверджує департамент; звіти районів і обласних виконавців надходять одразу до департаменту.",
        "Quarterly and annual reports of the organisations, with the due dates of section VI of the programme. A community's report is endorsed by its district and approved by the department; districts' and oblast executors' reports go straight to the department.";
    ReportPeriodLabel => "Звітний період", "Reporting period";
    ReportStageCol => "Етап звіту", "Report stage";
    ReportStateCol => "Стан за календарем", "Calendar state";
    ReportDueCol => "Строк подання", "Due";
    ReportDaysCol => "До строку", "Time left";
    ReportComplianceCol => "Своєчасність", "Timeliness";
    ReportSubmittedCol => "Подано", "Submitted on";
    ReportNotCreated => "Не створено", "Not started";
    ReportDueToday => "строк сьогодні", "due today";
    ReportDaysLeft => "залишилось {days}", "{days} left";
    ReportDaysOverdue => "прострочено на {days}", "{days} overdue";
    ReportWaitingForMe => "Лише ті, що чекають моєї дії", "Only those waiting for my action";
    ReportWaitingBadge => "чекає вашої дії", "waits for you";
    ReportsNone => "Звітів за цими умовами немає.", "No reports match these conditions.";
    ReportsCount => "Організацій", "Organisations";
    MyOrgReports => "Звіти моєї організації", "My organisation's reports";
    MyOrgReportsHint => "Усі звітні періоди програми: строк подання і стан кожного звіту.",
        "Every reporting period of the programme: each report's due date and state.";
    OpenReport => "Відкрити звіт", "Open the report";
    ReportTitle => "Звіт", "Report";
    BackToReports => "До календаря звітів", "Back to the reporting calendar";
    ReportDeadlines => "Строки за програмою", "Due dates in the programme";
    ReportLockedNotice => "Звіт затверджено департаментом, і його період заблоковано: змінити звіт не можна. Розблокувати його може департамент, зазначивши причину.",
        "The report is approved by the department and its period is locked: it cannot be changed. The department can unlock it, giving a reason.";
    ReportReadOnly => "Лише перегляд: зараз ви не можете змінювати цей звіт.",
        "Read only: you cannot change this report now.";
    ReportNotEnded => "Звітний період ще не завершився: чернетку можна зберігати, а подати звіт — після закінчення періоду.",
        "The reporting period has not ended yet: the draft can be saved, and the report submitted once the period is over.";
    ReportMeasuresTitle => "Виконання заходів", "Execution of the measures";
    ReportNoMeasures => "В організації немає затверджених заходів для цього звіту.",
        "The organisation has no approved measures for this report.";
    ExecutionStatusLabel => "Стан виконання", "Execution status";
    ChooseExecutionStatus => "Оберіть стан", "Choose a status";
    NarrativeLabel => "Що зроблено за період", "What was done in the period";
    ResultsAchievedLabel => "Досягнуті результати", "Results achieved";
    ReasonsLabel => "Причини невиконання", "Reasons for non-execution";
    ReportSpendingCaption => "Видатки за джерелами, тис. грн", "Spending by funding source, thousand UAH";
    ReportNoSpendingLines => "У заходу немає коштів у цьому році.", "The measure has no funding in this year.";
    PlannedCol => "Заплановано", "Planned";
    ExecutedCol => "Виконано", "Executed";
    ExecutedBeforeCol => "Виконано раніше", "Executed before";
    SpentPeriodCol => "Використано за період", "Spent in the period";
    SpentYearCol => "Використано за рік", "Spent in the year";
    AnnualSpendingHint => "Видатки року — сума затверджених квартальних звітів; у річному звіті їх не вводять повторно.",
        "The year's spending is the sum of its approved quarterly reports; the annual report does not ask for it again.";
    SpentHint => "Суми — тис. грн, наприклад 1 250,5. Порожнє поле — нуль.",
        "Amounts in thousand UAH, e.g. 1250.5. A blank field is zero.";
    ReportIndicatorsTitle => "Показники", "Indicators";
    ReportNoIndicators => "Організація не звітує за показниками в цьому періоді.",
        "The organisation reports no indicators in this period.";
    IndicatorCol => "Показник", "Indicator";
    UnitCol => "Одиниця", "Unit";
    PreviousCol => "Попереднє значення", "Previous value";
    ExpectedCol => "Очікується (ціль на період)", "Expected (target for the period)";
    ActualCol => "Фактичне значення", "Actual value";
    IndicatorCommentCol => "Коментар", "Comment";
    IndicatorStatusCol => "Оцінка", "Assessment";
    CommentNeeded => "Коментар обов’язковий: значення змінилося більше ніж на", "A comment is required: the value moved by more than";
    CommentNeededTail => "від попереднього.", "from the previous one.";
    OverTitle => "Перевищення", "Overspending";
    OverYearTotal => "за рік буде використано", "the year's spending comes to";
    OverApproved => "більше за затверджену суму", "more than the approved amount of";
    OverPlanned => "більше за заплановану суму", "more than the planned amount of";
    OverNothingApproved => "(затвердженої суми ще немає)", "(nothing is approved yet)";
    OverByWord => "на", "";
    OverCommentLabel => "Причина перевищення", "Reason for the overspending";
    OverNoComment => "не вказано", "not given";
    OverSummary => "Рядків із перевищенням видатків", "Lines whose spending goes above the limit";
    OverSummaryHint => "Видатки за рік перевищують затверджену суму (або заплановану, поки затвердженої немає). Пояснення автора — під кожним позначеним рядком.",
        "The year's spending goes above the approved amount (or the planned one while nothing is approved). The author's explanation is under each marked line.";
    SubmitReport => "Подати звіт", "Submit the report";
    EndorseReport => "Погодити й передати департаменту", "Endorse and pass to the department";
    ReturnReport => "Повернути на доопрацювання", "Return for rework";
    ApproveReport => "Затвердити звіт", "Approve the report";
    UnlockReport => "Розблокувати звіт", "Unlock the report";
    UnlockReason => "Причина розблокування", "Reason for unlocking";
    ReportSavedNotice => "Звіт збережено.", "The report is saved.";
    ReportSubmittedNotice => "Звіт подано.", "The report has been submitted.";
    ReportEndorsedNotice => "Звіт погоджено й передано департаменту.", "The report is endorsed and passed to the department.";
    ReportReturnedNotice => "Звіт повернуто на доопрацювання.", "The report has been returned for rework.";
    ReportApprovedNotice => "Звіт затверджено; його період заблоковано.", "The report is approved; its period is locked.";
    ReportUnlockedNotice => "Звіт розблоковано: він знову чернетка.", "The report is unlocked: it is a draft again.";
    ReportStepsTitle => "Хід звіту", "The report's record";
    ReportNoSteps => "Звіт ще не подавали.", "The report has not been submitted yet.";
    ReportConflictText => "Хтось інший змінив цей звіт, поки ви його заповнювали. Ваші значення залишено у формі; поруч із полями показано значення, що зараз на сервері.",
        "Someone else changed this report while you were filling it in. Your values are kept in the form; the values now on the server are shown beside the fields.";
    ReportKeepMineHint => "Наступне збереження замінить звіт на сервері вашими значеннями.",
        "The next save will replace the report on the server with your values.";
    LiveReportChanged => "Щойно змінено звіт — {name}.", "{name} changed the report just now.";
    LiveReportSubmitted => "Щойно подано звіт — {name}.", "{name} submitted the report just now.";
    LiveReportEndorsed => "Щойно погоджено звіт — {name}.", "{name} endorsed the report just now.";
    LiveReportReturned => "Щойно повернуто звіт — {name}.", "{name} returned the report just now.";
    LiveReportApproved => "Щойно затверджено звіт — {name}.", "{name} approved the report just now.";
    LiveReportUnlocked => "Щойно розблоковано звіт — {name}.", "{name} unlocked the report just now.";
    LiveBudgetApproved => "Щойно внесено затверджені суми бюджету — {name}.", "{name} entered approved budget amounts just now.";
    InboxReportWaiting => "Надіслано звіт вам на розгляд: {org}, {period}", "A report was sent for your review: {org}, {period}";
    InboxReportReturned => "Звіт повернуто на доопрацювання: {org}, {period}", "The report was returned for rework: {org}, {period}";
    InboxReportApproved => "Звіт затверджено: {org}, {period}", "The report was approved: {org}, {period}";
    InboxReportDue => "Строк подання звіту — {due}: {org}, {period}", "A report is due by {due}: {org}, {period}";
    InboxReportOverdue => "Строк подання звіту минув {due}: {org}, {period}", "A report was due by {due} and is not in: {org}, {period}";
    InboxOpenReport => "Відкрити звіт", "Open the report";
    BudgetExecutionTitle => "Виконання бюджету", "Budget execution";
    BudgetExecutionHint => "Заплановано — за планом; затверджено — рішенням про бюджет на рік (вносить департамент); виконано — за затвердженими квартальними звітами. Суми — тис. грн.",
        "Planned is the plan; approved is the year's budget decision (entered by the department); executed comes from approved quarterly reports. Amounts in thousand UAH.";
    ApprovedOfPlanned => "Затверджено від запланованого, %", "Approved of planned, %";
    ExecutedOfApproved => "Виконано від затвердженого, %", "Executed of approved, %";
    NoExecutionCells => "У заходу ще немає сум за роками.", "The measure has no amounts by year yet.";
    QuarterSpendingTitle => "Видатки за звітами", "Spending by report";
    NoQuarterSpending => "Звітів із видатками на цей захід ще немає.", "No report has spending on this measure yet.";
    QuarterCol => "Квартал", "Quarter";
    AmountCol => "Сума, тис. грн", "Amount, thousand UAH";
    ReportCol => "Звіт", "Report";
    EditApproved => "Змінити затверджені суми", "Edit the approved amounts";
    SaveApproved => "Зберегти затверджені суми", "Save the approved amounts";
    ApprovedSaved => "Затверджені суми збережено.", "The approved amounts are saved.";
    ApprovedConflict => "Хтось інший щойно змінив затверджені суми. Ваші значення залишено в полях, поруч — значення із сервера; збережіть ще раз, щоб записати свої.",
        "Someone else has just changed the approved amounts. Your values are kept in the fields, the server's beside them; save again to record yours.";
    ApprovedAmountFor => "Затверджена сума", "Approved amount";

    // Dashboard
    NavDashboard => "Моніторинг", "Dashboard";
    DashTitle => "Моніторинг програми", "Programme dashboard";
    DashPath => "Рівень деталізації", "Drill-down path";
    DashLevelOblast => "Область", "Oblast";
    DashLevelDistrict => "Район", "District";
    DashLevelCommunity => "Громада", "Community";
    DashLevelMeasure => "Захід", "Measure";
    DashToday => "станом на", "as of";
    DashQuarter => "Квартал оцінювання показників", "Quarter the indicators are assessed at";
    DashQuarterHint => "Типово — останній завершений квартал.", "By default, the latest ended quarter.";
    DashSource => "Джерело фінансування", "Funding source";
    DashSourceAll => "Усі джерела", "All sources";
    DashSourceHint => "Суми й відсотки виконання — лише за цим джерелом.", "Amounts and execution percentages of this source only.";
    DashQuarterCol => "Квартал", "Quarter";
    DashOpenMeasure => "Відкрити картку заходу", "Open the measure's page";
    DashAtAGlance => "Головне", "At a glance";
    DashOf => "з", "of";
    DashExecutedShare => "Виконано від затвердженого", "Executed of approved";
    DashApprovedShare => "Затверджено від запланованого", "Approved of planned";
    DashIndicatorsOnTrack => "Показників за планом", "Indicators on track";
    DashBehindCount => "відстають або під загрозою:", "off track or at risk:";
    DashReportsOnTime => "Звіти подано вчасно", "Reports on time";
    DashLateWord => "із запізненням", "late";
    DashMissingWord => "не подано", "missing";
    DashOnTimeWord => "вчасно", "on time";
    DashTroublesCount => "Що відстає", "Behind";
    DashTroublesSub => "{items} у переліку нижче", "{items} in the list below";
    DashExecTitle => "Виконання бюджету", "Budget execution";
    DashExecHint => "Тис. грн. Заплановано — за чинним планом; затверджено — у рішеннях про бюджет на рік; виконано — за затвердженими звітами. Наведіть на стовпчик, щоб побачити точну суму.",
        "Thousand UAH. Planned: the current plan; approved: the year's budget decisions; executed: approved reports. Point at a bar to see the exact amount.";
    DashExecChart => "Виконання бюджету за роками: заплановано, затверджено, виконано", "Budget execution by year: planned, approved, executed";
    DashExecTable => "За роками, тис. грн", "By year, thousand UAH";
    DashExecByDirection => "За напрямами і роками, тис. грн", "By direction and year, thousand UAH";
    DashPlanned => "Заплановано", "Planned";
    DashApproved => "Затверджено", "Approved";
    DashExecuted => "Виконано", "Executed";
    DashApprovedPct => "Затверджено / заплановано", "Approved / planned";
    DashExecutedPct => "Виконано / затверджено", "Executed / approved";
    DashExecutedPctShort => "Виконано, %", "Executed, %";
    DashIndicatorsTitle => "Показники", "Indicators";
    DashIndicatorsHint => "Фактичне значення порівнюється з ціллю, пропорційно розподіленою до кінця кварталу. Статус — словом, значком і кольором.",
        "The actual is compared with the target pro-rated to the quarter's end. The status is given in words, a sign and a colour.";
    DashNoIndicators => "Показників на цьому рівні немає.", "There are no indicators at this level.";
    DashActual => "Фактично", "Actual";
    DashExpected => "Очікувано", "Expected";
    DashAchievement => "Досягнення", "Achievement";
    DashTarget => "Ціль на", "Target for";
    DashReported => "Звітували", "Reported";
    DashComputed => "обчислюється", "computed";
    DashTrend => "Динаміка за кварталами", "Trend by quarter";
    DashTrendNumbers => "Значення за кварталами", "Values by quarter";
    DashComplianceTitle => "Дотримання строків звітування", "Reporting compliance";
    DashComplianceHint => "Звіти організацій за кожен період відносно строку подання: вчасно, із запізненням, не подано, строк не настав.",
        "Organisations' reports for each period against the due date: on time, late, missing, not due yet.";
    DashDue => "Строк подання", "Due date";
    DashOnTimePct => "Вчасно, %", "On time, %";
    DashChildrenOblast => "Райони та обласні виконавці", "Districts and oblast executors";
    DashChildrenDistrict => "Громади району та власні заходи району", "The district's communities and its own measures";
    DashChildrenCommunity => "Заходи", "Measures";
    DashChildrenHint => "Натисніть назву, щоб перейти на рівень нижче. Заголовки стовпців сортують таблицю.",
        "Select a name to go one level down. The column headings sort the table.";
    DashLatestReport => "Останній звіт", "Latest report";
    DashIndicatorCounts => "Показники за статусом", "Indicators by status";
    DashExecStatus => "Стан виконання", "Execution status";
    DashMapTitle => "Карта громад", "Map of communities";
    DashMapFigure => "Показати на карті", "Show on the map";
    DashFigureExecution => "Виконання бюджету, % (виконано / затверджено)", "Budget execution, % (executed / approved)";
    DashFigureCompliance => "Звіти, подані вчасно, %", "Reports submitted on time, %";
    DashFigureIndicator => "Статус показника", "Indicator status";
    DashMapHint => "Натисніть на громаду (або перейдіть до неї клавішею Tab і натисніть Enter), щоб відкрити її дані. Межі районів — товстою лінією.",
        "Click a community (or reach it with Tab and press Enter) to open its figures. District borders are the thick lines.";
    DashMapLegend => "Легенда карти", "Map legend";
    DashMapTable => "Таблиця", "Table";
    DashMapTableCaption => "Громади на карті та їхні значення", "The communities on the map and their figures";
    DashNoData => "Немає даних", "No data";
    DashTroublesTitle => "Що відстає і хто відповідає", "What is behind, and who is responsible";
    DashNoTroubles => "Нічого не відстає.", "Nothing is behind.";
    DashShowAll => "Показати всі", "Show all";
    DashShowFewer => "Показати менше", "Show fewer";
    DashTroublesListed => "У переліку перші {shown} з {all}.", "The list shows the first {shown} of {all}.";
    DashReportFor => "Звіт за", "Report for";
    DashDistrictOwn => "Власні заходи району", "The district's own measures";
    DashSkipMap => "Пропустити карту громад", "Skip the map of communities";
    DashTraceTitle => "Звіти, з яких узято виконання", "The reports behind the executed amounts";
    DashTraceHint => "Кожна сума «виконано» на цій сторінці складається із затверджених звітів, наведених тут. Звіти, що ще на розгляді, показано з їхнім станом: їх буде враховано після затвердження.",
        "Every executed amount on this page adds up from the approved reports listed here. Reports still under review are shown with their stage: they count once approved.";
    DashNotCounted => "ще не враховано", "not counted yet";
    DashTraceReport => "Звіт", "Report";
    DashTraceExecuted => "Виконано за звітом, тис. грн", "Executed in the report, thousand UAH";
    DashNoTrace => "Затверджених звітів із витратами ще немає.", "There are no approved reports with spending yet.";

    // Indicators page
    NavIndicators => "Показники", "Indicators";
    IndTitle => "Показники результативності програми", "Programme performance indicators";
    IndHint => "Кожен показник: базове значення на 1 січня 2026 року, цілі за роками, хто звітує і за якими порогами його статус — «за планом», «під загрозою» чи «відстає». Досягнення рахують від цілі, пропорційно розподіленої до кінця кварталу.",
        "Each indicator: its baseline on 1 January 2026, its targets by year, who reports it, and the thresholds that make its status on track, at risk or off track. Achievement is measured against the target pro-rated to the quarter's end.";
    IndDemoHint => "— цілі встановлено для демонстрації: у текстах програми цілей на 2026–2028 роки немає.",
        "— the targets are set for the demo: the programme's texts set none for 2026–2028.";
    IndReadOnly => "Лише перегляд: пороги статусу та налаштування звітності змінює департамент.",
        "Read only: the department sets the status thresholds and the reporting settings.";
    IndNone => "Показників ще немає.", "There are no indicators yet.";
    IndCodeCol => "Код", "Code";
    IndNameCol => "Показник", "Indicator";
    IndUnitCol => "Одиниця", "Unit";
    IndKindCol => "Вид", "Kind";
    IndBaselineCol => "Базове значення", "Baseline";
    IndTargetCol => "Цілі на рік", "Targets by year";
    IndReportersCol => "Хто звітує", "Who reports";
    IndThresholdsCol => "Пороги статусу", "Status thresholds";
    IndAsOf => "на", "as of";
    IndProgramme => "Програма загалом", "The programme as a whole";
    IndAllCommunities => "Усі громади", "All communities";
    IndAllDistricts => "Усі райони", "All districts";
    IndComputed => "Обчислюється, не вводиться", "Computed, not entered";
    IndLocalProgrammes => "Обчислюється з реєстру місцевих програм: громади із затвердженою програмою, чинною на кінець кварталу",
        "Computed from the register of local programmes: communities with an approved programme in force at the quarter's end";
    NavLocalProgramme => "Місцева програма", "Local programme";
    LocalTitle => "Місцева програма інформатизації", "Local informatization programme";
    LocalListTitle => "Місцеві програми інформатизації", "Local informatization programmes";
    LocalHint => "Програма громади узгоджує її заходи із завданнями регіональної програми і має власне фінансування.",
        "A community's programme aligns its measures with the regional programme's tasks and has its own funding.";
    LocalNone => "Місцеву програму ще не внесено.", "No local programme has been entered yet.";
    LocalDemo => "демо", "demo";
    LocalNotEntered => "не внесено", "not entered";
    LocalProgrammeTitle => "Назва програми", "Programme title";
    LocalStatus => "Стан", "Status";
    LocalDecision => "Рішення ради", "Council decision";
    LocalDecisionHint => "Наприклад: рішення Підгородненської міської ради № 1234-VIII",
        "For example: рішення Підгородненської міської ради № 1234-VIII";
    LocalDecisionDate => "Дата рішення", "Decision date";
    LocalFirstYear => "Перший рік строку", "First year of the term";
    LocalLastYear => "Останній рік строку", "Last year of the term";
    LocalTerm => "Строк", "Term";
    LocalEnvelope => "Обсяг фінансування, тис. грн", "Funding, thousand UAH";
    LocalEnvelopeHint => "На роки регіональної програми, що входять у строк місцевої.",
        "For the regional programme's years within the local term.";
    LocalTasks => "Завдання регіональної програми, з якими узгоджено заходи",
        "Regional programme tasks the measures align to";
    LocalSave => "Зберегти програму", "Save the programme";
    LocalSaved => "Місцеву програму збережено.", "The local programme is saved.";
    LocalConflictReloaded => "Показано актуальну версію: внесіть свої зміни ще раз.",
        "The current version is shown: apply your changes again.";
    LocalYear => "Рік", "Year";
    LocalInForce => "Чинна у році", "In force in the year";
    LocalYearEnvelope => "Обсяг на рік, тис. грн", "Year's funding, thousand UAH";
    LocalCommunity => "Громада / район", "Community / district";
    LocalYes => "так", "yes";
    LocalNo => "ні", "no";
    IndFormula => "Формула", "Formula";
    IndCombineSum => "Зведення: сума значень", "Combined: the sum";
    IndCombineMean => "Зведення: середнє значень", "Combined: the mean";
    IndDemo => "демо", "demo";
    IndDemoTargets => "цілі демонстраційні", "demo targets";
    IndOwnTargets => "Власні цілі організацій:", "Organisations with own targets:";
    IndTargetsImportHint => "Цілі програми й власні цілі громад, районів та виконавців на кожен рік задаються файлом:", "The programme's targets and the own targets of communities, districts and executors for each year are set from a file:";
    IndTargetsImport => "імпорт цілей з Excel", "import targets from Excel";
    IndDefaults => "типові", "defaults";
    IndEditThresholds => "Змінити пороги", "Edit the thresholds";
    IndOnTrackFrom => "«За планом» — від, %", "“On track” from, %";
    IndAtRiskFrom => "«Під загрозою» — від, %", "“At risk” from, %";
    IndThresholdsHint => "Відсоток досягнення очікуваного на кінець кварталу; нижче порогу «під загрозою» — «відстає». Від 0 до 100, поріг «за планом» вищий. Типово 95 і 80.",
        "Percent of what is expected by the quarter's end; below the at-risk threshold is off track. 0 to 100, with on track the higher one. Defaults: 95 and 80.";
    IndSaveThresholds => "Зберегти пороги", "Save the thresholds";
    IndResetThresholds => "Повернути типові", "Back to defaults";
    IndThresholdsSaved => "пороги збережено:", "thresholds saved:";
    IndSaved => "Збережено", "Saved";
    IndThresholdsReset => "повернуто типові пороги:", "back to the default thresholds:";
    IndThresholdsConflict => "Хтось інший щойно змінив пороги цього показника; їхні значення — поруч. Ваші залишено в полях: збережіть ще раз, щоб записати свої.",
        "Someone else has just changed this indicator's thresholds; theirs are shown beside. Yours are kept in the fields: save again to record them.";
    IndSettingsTitle => "Налаштування звітності", "Reporting settings";
    IndSettingsHint => "Нагадування надходять до вхідних за вказану кількість днів до строку подання звіту і в день строку. Значення показника, що змінилося від попереднього періоду більше ніж на вказаний відсоток, потребує коментаря.",
        "Reminders reach the inbox the set number of days before a report is due and on the due date. An indicator value that moves from the previous period by more than the set share needs a comment.";
    IndRemindDays => "Нагадувати за, днів до строку", "Remind, days before the due date";
    IndRemindDaysHint => "Від 0 до 30; 0 — лише в день строку.", "0 to 30; 0: on the due date only.";
    IndMaxChange => "Зміна без коментаря — до, %", "Change without a comment — up to, %";
    IndMaxChangeHint => "Від 1 до 1000.", "1 to 1000.";
    IndSaveSettings => "Зберегти налаштування", "Save the settings";
    IndSettingsSaved => "Налаштування збережено.", "The settings are saved.";
    IndRemindersTitle => "Нагадування", "Reminders";
    IndRemindersHint => "Нагадування також розсилаються щогодини; уже надіслані не повторюються.",
        "Reminders also go out every hour; those already sent are never repeated.";
    IndSendReminders => "Надіслати нагадування зараз", "Send reminders now";
    IndSendingReminders => "Надсилання…", "Sending…";
    IndRemindersSent => "Надіслано", "Sent";
    IndRemindersToday => "станом на", "as of";

    // Own account and password
    MyAccount => "Мій обліковий запис", "My account";
    AccountTitle => "Мій обліковий запис", "My account";
    AccountLink => "Мій обліковий запис і пароль", "My account and password";
    RoleLabel => "Роль", "Role";
    DisplayNameLabel => "Ім’я та прізвище", "Full name";
    PasswordTitle => "Зміна пароля", "Change the password";
    CurrentPassword => "Поточний пароль", "Current password";
    CurrentPasswordForced => "Пароль, який видав адміністратор", "The password the administrator gave you";
    NewPassword => "Новий пароль", "New password";
    RepeatPassword => "Новий пароль ще раз", "New password again";
    PasswordRules => "Щонайменше 12 символів; не ваш логін, не один повторений символ і не поширений пароль. Зручно взяти кілька слів, наприклад «вишневий-сад-над-Дніпром».",
        "At least 12 characters; not your login, not one character repeated, not a common password. A few words work well, e.g. “cherry-orchard-by-the-Dnipro”.";
    CurrentPasswordRequired => "Вкажіть поточний пароль.", "Enter your current password.";
    PasswordsDiffer => "Паролі не збігаються: введіть новий пароль ще раз так само.",
        "The passwords do not match: type the new password again exactly.";
    ChangePassword => "Змінити пароль", "Change the password";
    PasswordChanged => "Пароль змінено. Ваші сеанси на інших пристроях завершено; тут ви лишаєтеся в системі.",
        "The password is changed. Your sessions on other devices have ended; you stay signed in here.";
    PasswordChangedContinue => "Пароль змінено. Тепер можна працювати.",
        "The password is changed. You can carry on now.";
    MustChangeTitle => "Спершу оберіть власний пароль", "First choose your own password";
    MustChangeText => "Адміністратор скинув ваш пароль і видав одноразовий. Поки ви не оберете власний пароль, інші розділи недоступні. Введіть одноразовий пароль як поточний, потім — новий; після цього ви перейдете туди, куди прямували.",
        "The administrator reset your password and gave you a one-time one. Until you choose your own password, the other sections are closed. Enter the one-time password as the current one, then a new one; you will then go on to where you were heading.";

    // Accounts (administrator)
    NavUsers => "Користувачі", "Users";
    UsersTitle => "Облікові записи користувачів", "User accounts";
    UsersHint => "Логіни не залежать від регістру. Вимкнений обліковий запис не може увійти; його сеанси завершуються одразу.",
        "Logins ignore letter case. A disabled account cannot sign in; its sessions end at once.";
    UsersCount => "Облікових записів", "Accounts";
    AccountState => "Стан", "State";
    AccountActions => "Дії", "Actions";
    AccountActive => "Активний", "Active";
    AccountDisabled => "Вимкнено", "Disabled";
    AccountMustChange => "Має змінити пароль", "Must change the password";
    AccountYou => "це ви", "you";
    ResetPassword => "Скинути пароль", "Reset the password";
    ResetPasswordFor => "Скинути пароль користувача", "Reset the password of";
    ResetConfirm => "Видати одноразовий пароль? Поточний пароль перестане діяти, а сеанси користувача завершаться.",
        "Issue a one-time password? The current password stops working and the user's sessions end.";
    ResetYes => "Так, скинути", "Yes, reset it";
    Resetting => "Скидання…", "Resetting…";
    OneTimeFor => "Одноразовий пароль для", "One-time password for";
    OneTimeNote => "Передайте його користувачу надійним способом. Його показано лише зараз: після закриття побачити його знову не можна. Під час наступного входу користувач має змінити пароль.",
        "Give it to the user by a safe channel. It is shown only now: once closed, it cannot be shown again. At the next sign-in the user must change the password.";
    OneTimeDone => "Пароль передано — сховати", "I have passed it on — hide it";
    DisableAccount => "Вимкнути", "Disable";
    DisableAccountFor => "Вимкнути обліковий запис", "Disable the account of";
    DisableConfirm => "Вимкнути цей обліковий запис? Користувач не зможе увійти, його сеанси завершаться одразу. Увімкнути його можна будь-коли.",
        "Disable this account? The user cannot sign in and their sessions end at once. It can be enabled again at any time.";
    DisableYes => "Так, вимкнути", "Yes, disable it";
    Disabling => "Вимкнення…", "Disabling…";
    EnableAccount => "Увімкнути", "Enable";
    EnableAccountFor => "Увімкнути обліковий запис", "Enable the account of";
    AccountDisabledNotice => "Обліковий запис вимкнено:", "Account disabled:";
    AccountEnabledNotice => "Обліковий запис увімкнено:", "Account enabled:";
    NewUserTitle => "Новий обліковий запис", "New account";
    NewUserHint => "Координаторам громад і районів потрібна їхня організація. Передайте пароль користувачу надійним способом.",
        "Community and district coordinators need their organisation. Give the password to the user by a safe channel.";
    LoginHint => "3–64 символи: латинські літери, цифри, крапка, дефіс, підкреслення. Наприклад, community.novomoskovsk.",
        "3–64 characters: Latin letters, digits, dot, hyphen, underscore. For example, community.novomoskovsk.";
    InitialPassword => "Початковий пароль", "Initial password";
    CreateUser => "Створити обліковий запис", "Create the account";
    Creating => "Створення…", "Creating…";
    UserCreated => "Обліковий запис створено:", "Account created:";
    ChooseOrgOfKind => "Оберіть організацію", "Choose the organisation";

    // Issue 13: a coordinator's home page, the decision form's error summary, done inbox items
    NavHome => "Моя робота", "My work";
    HomeTitle => "Моя робота", "My work";
    HomeNextReport => "Наступний звіт", "Next report";
    HomeNoReport => "Усі звіти, які вже можна подати, подано.", "Every report that can be handed in now is in.";
    HomeProposalsWaiting => "Пропозиції, що чекають на вас", "Proposals waiting for you";
    HomeNoProposals => "Жодна пропозиція не чекає на вас.", "No proposal is waiting for you.";
    HomeAllProposals => "Усі пропозиції", "All proposals";
    HomeUnread => "Непрочитані вхідні", "Unread in the inbox";
    HomeAllInbox => "Усі вхідні", "The whole inbox";
    HomeMeasures => "Заходи організації", "The organisation's measures";
    HomeNoMeasures => "Заходів організації в плані ще немає.", "The organisation has no measures in the plan yet.";
    HomeWholePlan => "Увесь план", "The whole plan";
    InboxDone => "виконано", "done";
    ErrorSummaryTitle => "Рішення не надіслано. Виправте:", "The decision was not sent. Please fix:";

    // Presence
    AlsoHere => "Зараз тут також:", "Also here now:";
    PresenceEditing => "редагує", "editing";
    // --- Issue 13, offline: the connection strip, drafts, the save queue, leaving a page. ---
    Offline => "Немає зв’язку: показано збережене на цьому пристрої", "Offline: showing what this device kept";
    QueueOne => "зміна чекає на зв’язок", "change waiting for the connection";
    QueueFew => "зміни чекають на зв’язок", "changes waiting for the connection";
    QueueMany => "змін чекають на зв’язок", "changes waiting for the connection";
    QueueSending => "Надсилання збережених змін…", "Sending the saved changes…";
    QueueRefused => "Сервер не прийняв збережену без зв’язку зміну.", "The server did not accept a change saved offline.";
    QueueOpen => "Відкрити", "Open";
    DraftFound => "У вас є незбережені зміни від", "You have unsaved changes from";
    DraftRestore => "Відновити", "Restore";
    DraftDiscard => "Відкинути", "Discard";
    SavedOffline => "Немає зв’язку: зміни збережено на цьому пристрої й буде надіслано, щойно зв’язок відновиться.",
        "No connection: the changes are kept on this device and will be sent when the connection returns.";
    SaveWaiting => "Ваші зміни збережено на цьому пристрої й чекають на зв’язок.",
        "Your changes are kept on this device and wait for the connection.";
    SubmitOffline => "Немає зв’язку: звіт збережено на цьому пристрої. Подайте його, коли зв’язок відновиться.",
        "No connection: the report is kept on this device. Submit it when the connection returns.";
    SavedFromQueue => "Зміни, збережені без зв’язку, надіслано.", "The changes saved offline have been sent.";
    LeaveUnsaved => "На сторінці є незбережені зміни. Піти з неї?", "This page has unsaved changes. Leave it?";
    // --- end of the offline block ---

    // Not found
    NotFoundTitle => "Сторінку не знайдено", "Page not found";
    NotFoundText => "Такої сторінки немає. Можливо, посилання застаріло.",
        "There is no such page. The link may be out of date.";
    GoHome => "На головну", "Go to the overview";
}

impl K {
    /// Both languages, for places that keep a message to show later (notices, form errors).
    pub fn both(self) -> Text {
        in_both(|lang| self.text(lang).to_string())
    }
}

/// A bilingual text put together the same way in each language, e.g. a name with a dictionary word.
pub fn in_both(text: impl Fn(Lang) -> String) -> Text {
    Text::new(text(Lang::Uk), text(Lang::En))
}
