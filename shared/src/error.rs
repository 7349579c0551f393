//! The one error shape of the API: a stable code the app matches on, a message in both languages,
//! and the field it concerns. Validation rules in this crate return these codes too.

use crate::text::Text;
use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($variant:ident = $code:literal, $status:literal, $uk:literal, $en:literal;)*) => {
        /// Every error the API can answer with.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($variant,)*
        }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)* }
            }

            /// The HTTP status the server answers this error with.
            pub fn status(self) -> u16 {
                match self { $(ErrorCode::$variant => $status,)* }
            }

            /// What a coordinator reads.
            pub fn message(self) -> Text {
                match self { $(ErrorCode::$variant => Text::new($uk, $en),)* }
            }

            pub fn parse(code: &str) -> Option<ErrorCode> {
                match code { $($code => Some(ErrorCode::$variant),)* _ => None }
            }
        }
    };
}

error_codes! {
    AmountRequired = "amount_required", 422,
        "Вкажіть суму (тис. грн), наприклад 1 250,5.", "Enter an amount (thousand UAH), e.g. 1250.5.";
    AmountInvalid = "amount_invalid", 422,
        "Сума має бути числом, наприклад 1 250,5.", "The amount must be a number, e.g. 1250.5.";
    AmountNegative = "amount_negative", 422,
        "Сума не може бути від’ємною.", "The amount cannot be negative.";
    AmountTooPrecise = "amount_too_precise", 422,
        "Не більше трьох знаків після коми (тис. грн з точністю до гривні).",
        "At most three decimal places (thousand UAH to the hryvnia).";
    AmountTooLarge = "amount_too_large", 422,
        "Сума завелика: не більше 1 000 000 000,0 тис. грн в одному рядку.",
        "The amount is too large: at most 1,000,000,000.0 thousand UAH per line.";
    YearInvalid = "year_invalid", 422,
        "Рік має бути в межах строку програми: 2026–2028.",
        "The year must be within the programme term: 2026–2028.";
    YearRangeInverted = "year_range_inverted", 422,
        "Рік завершення не може бути раніше за рік початку.",
        "The end year cannot be before the start year.";
    BudgetLineOutsideYears = "budget_line_outside_years", 422,
        "Рядок бюджету поза роками виконання заходу.",
        "The budget line is outside the measure's years.";
    BudgetLineDuplicate = "budget_line_duplicate", 422,
        "Для цього року і джерела вже є рядок бюджету.",
        "There is already a budget line for this year and source.";
    QuarterInvalid = "quarter_invalid", 422,
        "Квартал має бути від 1 до 4.", "The quarter must be 1 to 4.";
    SourceInvalid = "source_invalid", 422,
        "Невідоме джерело фінансування.", "Unknown funding source.";
    CodeInvalid = "code_invalid", 422,
        "Код має формат UA та 17 цифр (Кодифікатор).",
        "The code must be UA followed by 17 digits (KATOTTH).";
    TaskCodeInvalid = "task_code_invalid", 422,
        "Код завдання має формат 1.1.", "The task code must look like 1.1.";
    NameRequired = "name_required", 422,
        "Вкажіть назву.", "Enter a name.";
    CommentRequired = "comment_required", 422,
        "Напишіть текст коментаря.", "Write the comment's text.";
    CommentParentInvalid = "comment_parent_invalid", 422,
        "Відповідати можна лише на коментар до цього ж запису.",
        "You can only reply to a comment on the same item.";
    TextTooLong = "text_too_long", 422,
        "Текст задовгий.", "The text is too long.";
    TextControlCharacter = "text_control_character", 422,
        "Текст містить невидимий керівний символ (зокрема зміну напрямку письма). Приберіть його й збережіть ще раз.",
        "The text contains an invisible control character (such as a change of writing direction). Remove it and save again.";
    LoginInvalid = "login_invalid", 422,
        "Логін: 3–64 символи, латинські літери, цифри, крапка, дефіс, підкреслення.",
        "Login: 3–64 characters, Latin letters, digits, dot, hyphen, underscore.";
    PasswordTooShort = "password_too_short", 422,
        "Пароль має містити щонайменше 12 символів.",
        "The password must be at least 12 characters long.";
    PasswordIsLogin = "password_is_login", 422,
        "Пароль не може бути логіном.", "The password cannot be the login.";
    PasswordRepeated = "password_repeated", 422,
        "Пароль не може складатися з одного повтореного символу.",
        "The password cannot be one character repeated.";
    PasswordTooCommon = "password_too_common", 422,
        "Цей пароль надто поширений: його легко вгадати. Оберіть інший.",
        "This password is too common to be safe. Choose another.";
    PasswordWrong = "password_wrong", 422,
        "Поточний пароль невірний.", "The current password is wrong.";
    PasswordChangeRequired = "password_change_required", 403,
        "Спершу змініть пароль, який вам видав адміністратор.",
        "First change the password the administrator gave you.";
    AccountDisabled = "account_disabled", 403,
        "Обліковий запис вимкнено. Зверніться до адміністратора.",
        "This account is disabled. Contact the administrator.";
    CannotDisableSelf = "cannot_disable_self", 422,
        "Не можна вимкнути власний обліковий запис.", "You cannot disable your own account.";
    LoginTaken = "login_taken", 409,
        "Такий логін уже існує.", "This login is already taken.";
    OrgRequired = "org_required", 422,
        "Для цієї ролі потрібна організація відповідного рівня.",
        "This role needs an organisation of the matching level.";
    OrgNotAllowed = "org_not_allowed", 403,
        "Ви не можете планувати заходи цієї організації.",
        "You cannot plan measures for this organisation.";
    TaskUnknown = "task_unknown", 422,
        "Такого завдання немає в програмі.", "There is no such task in the programme.";
    OrgUnknown = "org_unknown", 422,
        "Такої організації немає.", "There is no such organisation.";
    DatabaseUnavailable = "database_unavailable", 503,
        "База даних зараз недоступна. Збережене раніше не втрачено; спробуйте ще раз за хвилину.",
        "The database is unavailable right now. Nothing saved before is lost; try again in a minute.";
    SpendingAboveApproved = "spending_above_approved", 422,
        "Витрати за рік перевищують затверджену суму (або заплановану, поки затвердженої немає). Поясніть причину в коментарі до рядка.",
        "The year's spending goes above the approved amount (or the planned one while nothing is approved). Explain why in the line's comment.";
    EnvelopeExceeded = "envelope_exceeded", 422,
        "Рішення виводить розподіл за межі обсягу фінансування програми. Підтвердьте його, вказавши причину.",
        "The decision takes the allocation beyond the programme's funding envelope. Confirm it with a reason.";
    PageInvalid = "page_invalid", 422,
        "Номер сторінки — ціле число від 1, на сторінці — від 1 до 500 заходів.",
        "The page is a whole number from 1, with 1 to 500 measures on a page.";
    BadRequest = "bad_request", 400,
        "Запит не вдалося прочитати.", "The request could not be read.";
    BodyTooLarge = "body_too_large", 413,
        "Запит завеликий: не більше 1 МіБ.", "The request is too large: at most 1 MiB.";
    JsonRequired = "json_required", 415,
        "Запит має бути в форматі JSON (Content-Type: application/json).",
        "The request must be JSON (Content-Type: application/json).";
    ForeignOrigin = "foreign_origin", 403,
        "Запит надіслано з іншого сайту: його відхилено.",
        "The request came from another site and was refused.";
    Unauthenticated = "unauthenticated", 401,
        "Увійдіть, щоб продовжити.", "Sign in to continue.";
    BadCredentials = "bad_credentials", 401,
        "Невірний логін або пароль.", "Wrong login or password.";
    TooManyAttempts = "too_many_attempts", 429,
        "Забагато невдалих спроб входу з цієї адреси. Зачекайте трохи й спробуйте знову.",
        "Too many failed sign-in attempts from this address. Wait a little and try again.";
    DocumentTooLarge = "document_too_large", 422,
        "Документ завеликий для PDF (понад 5 000 рядків таблиць). Оберіть менше охоплення — район чи громаду — або завантажте його в Excel (XLSX).",
        "The document is too large for a PDF (over 5 000 table rows). Choose a smaller scope — a district or a community — or download it as Excel (XLSX).";
    ExportSeparatorInvalid = "export_separator_invalid", 422,
        "Роздільник CSV — «semicolon» (крапка з комою) або «comma» (кома).",
        "The CSV separator is \"semicolon\" or \"comma\".";
    ImportNotSpreadsheet = "import_not_spreadsheet", 422,
        "Файл не схожий на таблицю Excel (XLSX) чи CSV. Збережіть його як «Книга Excel (*.xlsx)» або «CSV UTF-8» і завантажте знову.",
        "The file is not an Excel workbook (XLSX) or a CSV. Save it as \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8\" and upload it again.";
    ImportEncrypted = "import_encrypted", 422,
        "Файл захищено паролем. Зніміть пароль у Excel (Файл → Відомості → Захистити книгу) і завантажте знову.",
        "The file is password-protected. Remove the password in Excel (File → Info → Protect Workbook) and upload it again.";
    ImportTooLarge = "import_too_large", 413,
        "Файл завеликий: Обрій приймає до 10 МБ і до 20 000 рядків. Розділіть файл на частини.",
        "The file is too large: Obriy takes up to 10 MB and 20 000 rows. Split the file into parts.";
    ImportColumnsMissing = "import_columns_missing", 422,
        "У файлі не знайдено потрібних стовпців (їх перелічено в полі «значення»). Візьміть за основу файл, завантажений з Обрію, і не перейменовуйте заголовки.",
        "The file lacks the columns needed (listed under \"value\"). Start from a file downloaded from Obriy and keep its headings.";
    ImportEmpty = "import_empty", 422,
        "У файлі немає жодного рядка з даними під заголовками.",
        "The file has no data rows under its headings.";
    ImportWrongReport = "import_wrong_report", 422,
        "Цей файл — звіт іншої організації чи іншого періоду. Завантажте файл саме цього звіту.",
        "This file is the report of another organisation or period. Download the workbook of this very report.";
    ImportMeasureUnknown = "import_measure_unknown", 422,
        "Заходу з таким кодом немає в затвердженому плані. Для нового заходу залиште код порожнім.",
        "No measure with this code in the approved plan. Leave the code empty for a new measure.";
    ImportMeasureForbidden = "import_measure_forbidden", 422,
        "Ви не можете планувати заходи цієї організації: рядок пропущено.",
        "You may not plan this organisation's measures: the row is skipped.";
    ImportSourceUnknown = "import_source_unknown", 422,
        "Невідоме джерело фінансування. Можливі: Державний бюджет, Обласний бюджет, Місцеві бюджети, Інші джерела.",
        "Unknown funding source. Possible: State budget, Oblast budget, Local budgets, Other sources.";
    ImportStatusUnknown = "import_status_unknown", 422,
        "Невідомий стан виконання. Можливі: Не розпочато, Виконується, Виконано, Скасовано, Під загрозою.",
        "Unknown execution status. Possible: Not started, In progress, Done, Cancelled, At risk.";
    ImportRowDuplicate = "import_row_duplicate", 422,
        "Цей рядок повторює попередній (той самий захід, рік і джерело чи показник): узято перший.",
        "This row repeats an earlier one (the same measure, year and source, or indicator): the first is taken.";
    ImportNumberInvalid = "import_number_invalid", 422,
        "Не число. Пишіть як у формі: 1234,5 або 1 234,5; не використовуйте одночасно кому й крапку.",
        "Not a number. Type it as in the form: 1234,5 or 1 234,5; don't mix commas and dots.";
    ImportStale = "import_stale", 409,
        "Захід змінено після версії плану, з якої зроблено файл, і значення у файлі інше: завантажте свіжий файл і внесіть зміну знову.",
        "The measure changed after the plan version the file was made from, and the file's value differs: download a fresh file and make the change again.";
    ImportMeasureIncomplete = "import_measure_incomplete", 422,
        "Захід пропущено: інший його рядок має помилку. Виправте її — і захід буде взято цілим.",
        "The measure is skipped: another of its rows has an error. Fix it and the measure is taken whole.";
    ImportChanged = "import_changed", 409,
        "План або ваша чернетка змінилися після перевірки файлу. Перегляньте оновлений перелік змін і підтвердьте знову.",
        "The plan or your draft changed after the file was checked. Look at the updated list of changes and confirm again.";
    ImportNotReady = "import_not_ready", 409,
        "Цей файл ще перевіряється або вже застосований.",
        "This file is still being checked or has already been applied.";
    ImportNothingToApply = "import_nothing_to_apply", 422,
        "У файлі немає змін, які можна застосувати.",
        "The file has no changes that can be applied.";
    ImportIndicatorUnknown = "import_indicator_unknown", 422,
        "Показника з таким кодом у програмі немає. Візьміть коди з файлу цілей, завантаженого з Обрію.",
        "No indicator with this code in the programme. Take the codes from the targets file downloaded from Obriy.";
    ImportTargetNotReporter = "import_target_not_reporter", 422,
        "Ця організація не звітує за цим показником, тож власної цілі не має. Для цілі програми залиште організацію порожньою.",
        "This organisation does not report this indicator, so it has no target of its own. Leave the organisation empty for the programme's target.";
    RateLimited = "rate_limited", 429,
        "Забагато запитів з цієї адреси. Зачекайте кілька секунд і спробуйте знову.",
        "Too many requests from this address. Wait a few seconds and try again.";
    CsrfFailed = "csrf_failed", 403,
        "Сесія застаріла. Оновіть сторінку й повторіть дію.",
        "Your session is out of date. Reload the page and try again.";
    Forbidden = "forbidden", 403,
        "Недостатньо прав для цієї дії.", "You are not allowed to do this.";
    NotFound = "not_found", 404,
        "Не знайдено.", "Not found.";
    MethodNotAllowed = "method_not_allowed", 405,
        "Цей ресурс не приймає такий запит.", "This resource does not take this method.";
    VersionConflict = "version_conflict", 409,
        "Хтось інший уже змінив цей захід. Перегляньте актуальні дані й повторіть зміни.",
        "Someone else has changed this measure. Review the current data and apply your changes again.";
    MeasureApproved = "measure_approved", 409,
        "Захід входить до затвердженого плану: зміни до нього подаються пропозицією.",
        "The measure is in the approved plan: changes to it go through a proposal.";
    MeasureNotApproved = "measure_not_approved", 409,
        "Захід ще не затверджено: редагуйте його безпосередньо.",
        "The measure is not approved yet: edit it directly.";
    ProposalLocked = "proposal_locked", 409,
        "Пропозицію вже подано: її не можна змінювати, доки її розглядають.",
        "The proposal has been submitted: it cannot be changed while it is under review.";
    ProposalWrongState = "proposal_wrong_state", 409,
        "Пропозиція вже не на цьому етапі. Оновіть сторінку.",
        "The proposal is no longer at this step. Reload the page.";
    ProposalEmpty = "proposal_empty", 422,
        "У пропозиції немає змін.", "The proposal has no changes.";
    ProposalConflict = "proposal_conflict", 409,
        "Затверджений план змінився під цими рядками. Автор має узгодити пропозицію з новою версією.",
        "The approved plan changed under these lines. The author must rebase the proposal on the new version.";
    ProposalVersionConflict = "proposal_version_conflict", 409,
        "Хтось інший уже змінив цю пропозицію. Перегляньте актуальний стан і повторіть.",
        "Someone else has changed this proposal. Review its current state and try again.";
    LineUnknown = "line_unknown", 422,
        "Такого рядка в пропозиції немає (можливо, його вже вилучено).",
        "There is no such line in the proposal (it may have been removed).";
    LineNotPending = "line_not_pending", 409,
        "Цей рядок уже розглянуто.", "This line has already been decided.";
    LineDuplicate = "line_duplicate", 422,
        "Рядок згадано двічі.", "The line is listed twice.";
    DecisionEmpty = "decision_empty", 422,
        "Оберіть хоча б один рядок.", "Choose at least one line.";
    DecisionRequired = "decision_required", 422,
        "Вкажіть рішення або підставу для нової версії плану.",
        "Enter the decision or reason for the new plan version.";
    ReasonRequired = "reason_required", 422,
        "Вкажіть причину.", "Give a reason.";
    LocalTitleRequired = "local_title_required", 422,
        "Вкажіть назву місцевої програми.", "Enter the local programme's title.";
    LocalDecisionRequired = "local_decision_required", 422,
        "Затверджена програма має рішення ради: вкажіть його номер і дату.",
        "An approved programme has a council decision: enter its number and date.";
    LocalDecisionDateInvalid = "local_decision_date_invalid", 422,
        "Дата рішення не може бути пізніше за сьогодні чи за кінець строку програми.",
        "The decision date cannot be later than today or the end of the programme's term.";
    LocalTermInvalid = "local_term_invalid", 422,
        "Рік строку програми має бути між 2015 і 2040.",
        "The programme's term years must be between 2015 and 2040.";
    LocalEnvelopeOutsideTerm = "local_envelope_outside_term", 422,
        "Рядок обсягу фінансування поза строком місцевої програми.",
        "The funding line is outside the local programme's term.";
    LocalTaskDuplicate = "local_task_duplicate", 422,
        "Це завдання вже вибрано.", "This task is already chosen.";
    LocalProgrammeVersionConflict = "local_programme_version_conflict", 409,
        "Хтось інший уже змінив цю місцеву програму. Перегляньте актуальні дані й повторіть зміни.",
        "Someone else has changed this local programme. Review the current data and apply your changes again.";
    PlanInvalid = "plan_invalid", 422,
        "Після цих змін захід був би некоректним (наприклад, рядок бюджету поза роками виконання).",
        "After these changes the measure would be invalid (e.g. a budget line outside its years).";
    VersionUnknown = "version_unknown", 404,
        "Такої версії плану немає.", "There is no such plan version.";
    DateInvalid = "date_invalid", 422,
        "Дата має бути справжньою датою у форматі РРРР-ММ-ДД.",
        "The date must be a real date written YYYY-MM-DD.";
    IndicatorValueRequired = "indicator_value_required", 422,
        "Вкажіть значення показника.", "Enter the indicator's value.";
    IndicatorValueInvalid = "indicator_value_invalid", 422,
        "Значення має бути числом, наприклад 1 390 або 96,7.",
        "The value must be a number, e.g. 1390 or 96.7.";
    IndicatorValueOutOfRange = "indicator_value_out_of_range", 422,
        "Значення поза допустимими межами для одиниці виміру (наприклад, відсоток — від 0 до 100).",
        "The value is outside the range of its unit (e.g. a percentage is 0 to 100).";
    IndicatorValueNotWhole = "indicator_value_not_whole", 422,
        "Кількість має бути цілим числом.", "A count must be a whole number.";
    IndicatorValueTooPrecise = "indicator_value_too_precise", 422,
        "Забагато знаків після коми для цієї одиниці виміру.",
        "Too many decimal places for this unit.";
    IndicatorValueComputed = "indicator_value_computed", 422,
        "Цей показник обчислюється за формулою з інших показників; його не вводять вручну.",
        "This indicator is computed from others by a formula; it is not entered by hand.";
    IndicatorChangeNeedsComment = "indicator_change_needs_comment", 422,
        "Значення суттєво змінилося порівняно з попереднім періодом: поясніть зміну в коментарі.",
        "The value changed a lot since the previous period: explain the change in a comment.";
    StatusRuleInvalid = "status_rule_invalid", 422,
        "Пороги статусу мають бути від 0 до 100 %, і поріг «за планом» — вищим за поріг «під загрозою».",
        "Status thresholds must be 0–100 %, with the on-track threshold above the at-risk one.";
    TargetsInvalid = "targets_invalid", 422,
        "Цільові значення: не більше одного на рік програми, у межах одиниці виміру.",
        "Targets: at most one per programme year, within the unit's range.";
    FormulaInvalid = "formula_invalid", 422,
        "Формула має посилатися на інші наявні показники (сума — щонайменше на один).",
        "The formula must refer to other existing indicators (a sum to at least one).";
    FormulaCycle = "formula_cycle", 422,
        "Формули показників посилаються одна на одну по колу.",
        "The indicators' formulas refer to each other in a circle.";
    ReportLocked = "report_locked", 409,
        "Звіт затверджено, і його період заблоковано. Розблокувати звіт може департамент, зазначивши причину.",
        "The report is approved and its period is locked. The department can unlock it, giving a reason.";
    ReportWrongState = "report_wrong_state", 409,
        "Звіт уже не на цьому етапі. Оновіть сторінку.",
        "The report is no longer at this step. Reload the page.";
    ReportVersionConflict = "report_version_conflict", 409,
        "Хтось інший уже змінив цей звіт. Ваші значення збережено у формі: перегляньте актуальний стан і повторіть.",
        "Someone else has changed this report. Your values are kept in the form: review its current state and try again.";
    ReportPeriodNotStarted = "report_period_not_started", 409,
        "Звітний період ще не розпочався.", "The reporting period has not started yet.";
    ReportPeriodNotEnded = "report_period_not_ended", 409,
        "Звітний період ще не завершився: звіт подають після його закінчення.",
        "The reporting period has not ended yet: the report is submitted after it ends.";
    ExecutionStatusRequired = "execution_status_required", 422,
        "Вкажіть стан виконання заходу.", "Choose the measure's execution status.";
    ReportMeasureUnknown = "report_measure_unknown", 422,
        "Цей захід не входить до звіту цієї організації.",
        "This measure is not part of this organisation's report.";
    ReportIndicatorUnknown = "report_indicator_unknown", 422,
        "Ця організація не звітує за цим показником.",
        "This organisation does not report this indicator.";
    SpendingNotInBudget = "spending_not_in_budget", 422,
        "У заході немає коштів за цим джерелом фінансування в цьому році (ні в плані, ні в затвердженому бюджеті).",
        "The measure has no money from this funding source in this year (neither planned nor approved).";
    SpendingInAnnual = "spending_in_annual", 422,
        "Річний звіт не містить видатків: вони складаються з квартальних звітів.",
        "The annual report has no spending: the year's spending is the sum of its quarterly reports.";
    ReasonsInQuarterly = "reasons_in_quarterly", 422,
        "Причини невиконання зазначаються лише в річному звіті.",
        "Reasons for non-execution are given in the annual report only.";
    ReminderDaysInvalid = "reminder_days_invalid", 422,
        "Кількість днів для нагадування — від 0 до 30.", "Reminder days must be 0 to 30.";
    MaxChangeInvalid = "max_change_invalid", 422,
        "Допустима зміна без коментаря — від 1 до 1000 %.",
        "The change allowed without a comment must be 1 to 1000 %.";
    Internal = "internal", 500,
        "Внутрішня помилка сервера. Ваші збережені дані не втрачено; спробуйте пізніше.",
        "Internal server error. Your saved data is safe; try again later.";
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::error::Error for ErrorCode {}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub code: ErrorCode,
    pub message: Text,
    /// The request field the error concerns, as a path: `budget_lines[2].amount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a version conflict: the current state of the resource, so nothing typed is lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub current: Option<serde_json::Value>,
}

impl ApiErrorBody {
    pub fn new(code: ErrorCode) -> Self {
        ApiErrorBody {
            code,
            message: code.message(),
            field: None,
            current: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

/// A validation failure on one field, as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: ErrorCode) -> Self {
        FieldError {
            field: field.into(),
            code,
        }
    }
}

impl From<FieldError> for ApiErrorBody {
    fn from(e: FieldError) -> Self {
        ApiErrorBody::new(e.code).with_field(e.field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_have_both_languages() {
        for &code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).expect("serialize");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let m = code.message();
            assert!(!m.uk.is_empty() && !m.en.is_empty());
            assert!((400..600).contains(&code.status()));
        }
    }
}
