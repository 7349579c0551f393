//! What an inbox item says, written out in the reader's language: one sentence per kind from the
//! item's organisation, period and facts, in words that do not guess the sender's gender.

use crate::i18n::K;
use shared::api::inbox::{Notification, NotificationKind as N};
use shared::i18n::words::{CHANGES, ROWS, UNREAD};
use shared::Lang;

/// Who the item is from: a person's name, or Obriy's own in the reader's language.
pub fn sender(item: &Notification, lang: Lang) -> String {
    if item.kind.from_obriy() {
        K::AppName.text(lang).to_string()
    } else {
        item.by.clone()
    }
}

/// The item's sentence: "Надіслано звіт вам на розгляд: Підгороднянська міська громада,
/// III квартал 2026".
pub fn headline(item: &Notification, lang: Lang) -> String {
    let org = item.org_name.get(lang);
    let period = item.period.map(|p| p.format(lang)).unwrap_or_default();
    let due = item.facts.due.map(|d| d.format(lang)).unwrap_or_default();
    let with_org = |key: K| key.fill(lang, &[("org", org)]);
    let report = |key: K| {
        key.fill(
            lang,
            &[
                ("org", org),
                ("period", period.as_str()),
                ("due", due.as_str()),
            ],
        )
    };
    let measure = |key: K| key.fill(lang, &[("measure", item.summary.as_str())]);
    match item.kind {
        N::Comment => K::InboxCommented.text(lang).to_string(),
        N::MeasureChanged => measure(K::InboxChanged),
        N::MeasureDeleted => measure(K::InboxDeletedMeasure),
        N::ProposalWaiting => match item.facts.lines {
            Some(n) => K::InboxProposalWaitingLines.fill(
                lang,
                &[
                    ("org", org),
                    ("lines", CHANGES.count(i64::from(n), lang).as_str()),
                ],
            ),
            None => with_org(K::InboxProposalWaiting),
        },
        N::ProposalEndorsed => with_org(K::InboxProposalEndorsed),
        N::ProposalReturned | N::ProposalDecided => match item.facts.decided {
            Some(v) => K::InboxProposalDecidedLines
                .fill(lang, &[("org", org), ("verdicts", v.text(lang).as_str())]),
            None if item.kind == N::ProposalReturned => with_org(K::InboxProposalReturned),
            None => with_org(K::InboxProposalDecided),
        },
        N::ProposalComment => with_org(K::InboxProposalComment),
        N::ReportWaiting => report(K::InboxReportWaiting),
        N::ReportReturned => report(K::InboxReportReturned),
        N::ReportApproved => report(K::InboxReportApproved),
        N::ReportDue => report(K::InboxReportDue),
        N::ReportOverdue => report(K::InboxReportOverdue),
        N::ImportChecked => match item.facts.import {
            Some(i) if i.read => K::InboxImportChecked.fill(
                lang,
                &[
                    ("file", item.summary.as_str()),
                    (
                        "changes",
                        CHANGES.count(i64::from(i.changes), lang).as_str(),
                    ),
                    ("refused", ROWS.count(i64::from(i.refused), lang).as_str()),
                ],
            ),
            _ => K::InboxImportFailed.fill(lang, &[("file", item.summary.as_str())]),
        },
    }
}

/// What the person wrote (a comment, a reason), when the sentence does not already hold it.
pub fn detail(item: &Notification) -> Option<&str> {
    let in_headline = matches!(
        item.kind,
        N::MeasureChanged | N::MeasureDeleted | N::ImportChecked
    );
    (!in_headline && !item.summary.trim().is_empty()).then_some(item.summary.as_str())
}

/// "3 непрочитані" / "3 unread".
pub fn unread(count: i64, lang: Lang) -> String {
    UNREAD.count(count, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::inbox::{ImportFacts, LineVerdicts, NoticeFacts};
    use shared::{Date, OrgId, ReportPeriod, Text};

    fn item(kind: N, summary: &str, facts: NoticeFacts) -> Notification {
        Notification {
            id: 1,
            kind,
            measure_id: None,
            proposal_id: None,
            period: ReportPeriod::parse("2026-Q3").ok(),
            org_id: OrgId(7),
            org_name: Text::new(
                "Підгороднянська міська громада",
                "Pidhorodnenska urban hromada",
            ),
            by: "Ігор Бондар".into(),
            summary: summary.into(),
            facts,
            at: 0,
            read: false,
            done: false,
        }
    }

    #[test]
    fn reminders_write_out_the_period_and_the_due_date() {
        let due = NoticeFacts {
            due: Date::parse("2026-10-05").ok(),
            ..NoticeFacts::default()
        };
        let overdue = item(N::ReportOverdue, "", due);
        assert_eq!(
            headline(&overdue, Lang::Uk),
            "Строк подання звіту минув 05.10.2026: Підгороднянська міська громада, III квартал 2026"
        );
        assert_eq!(
            headline(&overdue, Lang::En),
            "A report was due by 5 Oct 2026 and is not in: Pidhorodnenska urban hromada, Q3 2026"
        );
        assert_eq!(sender(&overdue, Lang::En), "Obriy");
        assert_eq!(detail(&overdue), None);
    }

    #[test]
    fn a_return_names_the_report_and_keeps_the_reason_apart() {
        let returned = item(
            N::ReportReturned,
            "Додайте кошторис",
            NoticeFacts::default(),
        );
        assert_eq!(
            headline(&returned, Lang::Uk),
            "Звіт повернуто на доопрацювання: Підгороднянська міська громада, III квартал 2026"
        );
        assert_eq!(detail(&returned), Some("Додайте кошторис"));
        assert_eq!(sender(&returned, Lang::En), "Ігор Бондар");
    }

    #[test]
    fn counts_agree_with_their_numbers() {
        let decided = NoticeFacts {
            decided: Some(LineVerdicts {
                approved: 21,
                returned: 2,
                rejected: 0,
            }),
            ..NoticeFacts::default()
        };
        assert_eq!(
            headline(&item(N::ProposalDecided, "", decided), Lang::Uk),
            "Ухвалено рішення щодо пропозиції: Підгороднянська міська громада; \
             затверджено 21 рядок, повернуто 2 рядки, відхилено 0 рядків"
        );
        let waiting = NoticeFacts {
            lines: Some(5),
            ..NoticeFacts::default()
        };
        assert_eq!(
            headline(&item(N::ProposalWaiting, "", waiting), Lang::En),
            "A proposal was sent for your review: Pidhorodnenska urban hromada, 5 changes"
        );
        let checked = NoticeFacts {
            import: Some(ImportFacts {
                read: true,
                changes: 1,
                refused: 3,
            }),
            ..NoticeFacts::default()
        };
        let file = item(N::ImportChecked, "plan.xlsx", checked);
        assert_eq!(
            headline(&file, Lang::Uk),
            "Файл перевірено: plan.xlsx — 1 зміна, 3 рядки з помилками"
        );
        assert_eq!(detail(&file), None);
        assert_eq!(unread(1, Lang::Uk), "1 непрочитане");
        assert_eq!(unread(5, Lang::Uk), "5 непрочитаних");
    }

    #[test]
    fn every_inbox_message_is_filled_completely() {
        let all = NoticeFacts {
            due: Date::parse("2026-10-05").ok(),
            decided: Some(LineVerdicts::default()),
            import: Some(ImportFacts::default()),
            lines: Some(1),
        };
        for kind in [
            N::Comment,
            N::MeasureChanged,
            N::MeasureDeleted,
            N::ProposalWaiting,
            N::ProposalEndorsed,
            N::ProposalReturned,
            N::ProposalDecided,
            N::ProposalComment,
            N::ReportWaiting,
            N::ReportReturned,
            N::ReportApproved,
            N::ReportDue,
            N::ReportOverdue,
            N::ImportChecked,
        ] {
            for facts in [NoticeFacts::default(), all.clone()] {
                for lang in [Lang::Uk, Lang::En] {
                    let text = headline(&item(kind, "x", facts.clone()), lang);
                    assert!(!text.contains('{'), "{kind:?} {lang:?}: {text}");
                }
            }
        }
    }
}
