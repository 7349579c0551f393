//! How an indicator's definition reads in words: what it belongs to, who reports it, its formula and its status thresholds.

use crate::i18n::{in_both, K};
use crate::pages::report::labels::value_text;
use rust_decimal::Decimal;
use shared::api::orgs::OrgSummary;
use shared::api::programme::DirectionSummary;
use shared::indicators::{
    Aggregate, Formula, IndicatorScope, IndicatorStatus, Reporters, StatusRule,
};
use shared::{IndicatorId, Lang, OrgId, Text};

/// "IND-05 ÷ IND-04 × 100", "IND-01 + IND-02", "IND-03 − IND-07": the inputs by their codes
/// (an input the list does not hold reads as `#id`, never as nothing).
pub fn formula_words(
    formula: &Formula,
    code_of: impl Fn(IndicatorId) -> Option<String>,
    lang: Lang,
) -> String {
    let code = |id: IndicatorId| code_of(id).unwrap_or_else(|| format!("#{id}"));
    match formula {
        Formula::Ratio {
            numerator,
            denominator,
            scale,
        } => {
            let ratio = format!("{} ÷ {}", code(*numerator), code(*denominator));
            if *scale == Decimal::ONE {
                ratio
            } else {
                format!("{ratio} × {}", value_text(*scale, lang))
            }
        }
        Formula::Sum { terms } => terms
            .iter()
            .map(|t| code(*t))
            .collect::<Vec<_>>()
            .join(" + "),
        Formula::Difference {
            minuend,
            subtrahend,
        } => format!("{} − {}", code(*minuend), code(*subtrahend)),
    }
}

/// What the indicator belongs to: "Програма загалом", "Напрям 2. …", "Завдання 2.1. …".
pub fn scope_text(scope: IndicatorScope, directions: &[DirectionSummary]) -> Text {
    match scope {
        IndicatorScope::Programme => K::IndProgramme.both(),
        IndicatorScope::Direction { id } => match directions.iter().find(|d| d.id == id) {
            Some(d) => in_both(|lang| {
                format!(
                    "{} {}. {}",
                    K::Direction.text(lang),
                    d.number,
                    d.name.get(lang)
                )
            }),
            None => in_both(|lang| format!("{} #{id}", K::Direction.text(lang))),
        },
        IndicatorScope::Task { id } => {
            match directions
                .iter()
                .flat_map(|d| &d.tasks)
                .find(|t| t.id == id)
            {
                Some(t) => in_both(|lang| {
                    format!("{} {}. {}", K::Task.text(lang), t.code, t.name.get(lang))
                }),
                None => in_both(|lang| format!("{} #{id}", K::Task.text(lang))),
            }
        }
    }
}

/// Who reports the actual values: all communities, all districts, the named organisations, or
/// nobody (computed).
pub fn reporters_text(reporters: &Reporters, orgs: &[OrgSummary]) -> Text {
    match reporters {
        Reporters::AllCommunities => K::IndAllCommunities.both(),
        Reporters::AllDistricts => K::IndAllDistricts.both(),
        Reporters::Computed => K::IndComputed.both(),
        Reporters::LocalProgrammes => K::IndLocalProgrammes.both(),
        Reporters::Orgs { ids } => in_both(|lang| {
            ids.iter()
                .map(|id| org_name(*id, orgs, lang))
                .collect::<Vec<_>>()
                .join("; ")
        }),
    }
}

fn org_name(id: OrgId, orgs: &[OrgSummary], lang: Lang) -> String {
    orgs.iter()
        .find(|o| o.id == id)
        .map_or_else(|| format!("#{id}"), |o| o.name.get(lang).to_string())
}

/// How several reporters' values make one figure, when there can be several.
pub fn aggregate_text(reporters: &Reporters, aggregate: Aggregate) -> Option<K> {
    let several = match reporters {
        Reporters::AllCommunities | Reporters::AllDistricts => true,
        Reporters::Orgs { ids } => ids.len() > 1,
        Reporters::Computed | Reporters::LocalProgrammes => false,
    };
    several.then_some(match aggregate {
        Aggregate::Sum => K::IndCombineSum,
        Aggregate::Mean => K::IndCombineMean,
    })
}

/// A threshold as a percentage: `95,0 %` / `95.0%`, `82,5 %` / `82.5%`.
pub fn threshold_text(value: Decimal, lang: Lang) -> String {
    shared::amount::format_percent(Some(value), lang)
}

/// The two thresholds, each as its own line: "За планом ≥ 95,0 %", "Під загрозою ≥ 80,0 %" (the
/// defaults when the rule is unset).
pub fn threshold_lines(rule: Option<StatusRule>, lang: Lang) -> [String; 2] {
    let effective = rule.unwrap_or_default();
    [
        (IndicatorStatus::OnTrack, effective.on_track),
        (IndicatorStatus::AtRisk, effective.at_risk),
    ]
    .map(|(status, value)| {
        format!(
            "{} ≥ {}",
            status.label().get(lang),
            threshold_text(value, lang)
        )
    })
}

/// "За планом ≥ 95,0 %; під загрозою ≥ 80,0 %", with "(типові)" when they are the defaults.
pub fn thresholds_text(rule: Option<StatusRule>, lang: Lang) -> String {
    let [on_track, at_risk] = threshold_lines(rule, lang);
    let text = format!("{on_track}; {}", lowercase_first(&at_risk));
    if rule.is_none() {
        format!("{text} ({})", K::IndDefaults.text(lang))
    } else {
        text
    }
}

/// Mid-sentence, "Під загрозою" reads "під загрозою".
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A threshold as typed (`95`, `82,5`, `82.5`): a number from 0 to 100 with at most one decimal.
/// The rule between the two fields is `StatusRule::validate`'s.
pub fn parse_threshold(input: &str) -> Result<Decimal, shared::ErrorCode> {
    use shared::indicators::IndicatorUnit;
    use shared::ErrorCode;
    match IndicatorUnit::Percent.parse_value(input) {
        Ok(value) => Ok(value),
        Err(code @ (ErrorCode::IndicatorValueInvalid | ErrorCode::IndicatorValueTooPrecise)) => {
            Err(code)
        }
        Err(_) => Err(ErrorCode::StatusRuleInvalid),
    }
}

/// The field names the server and `StatusRule::validate` use.
pub const ON_TRACK_FIELD: &str = "status_rule.on_track";
pub const AT_RISK_FIELD: &str = "status_rule.at_risk";

/// The two typed thresholds as a rule, or each wrong field with its error (named as the server
/// names them).
pub fn build_rule(
    on_track: &str,
    at_risk: &str,
) -> Result<StatusRule, Vec<(&'static str, shared::ErrorCode)>> {
    let on = parse_threshold(on_track);
    let risk = parse_threshold(at_risk);
    match (on, risk) {
        (Ok(on_track), Ok(at_risk)) => {
            let rule = StatusRule { on_track, at_risk };
            match rule.validate() {
                Ok(()) => Ok(rule),
                Err(e) if e.field == ON_TRACK_FIELD => Err(vec![(ON_TRACK_FIELD, e.code)]),
                Err(e) => Err(vec![(AT_RISK_FIELD, e.code)]),
            }
        }
        (on, risk) => {
            let mut errors = Vec::new();
            if let Err(code) = on {
                errors.push((ON_TRACK_FIELD, code));
            }
            if let Err(code) = risk {
                errors.push((AT_RISK_FIELD, code));
            }
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ErrorCode;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn codes(id: IndicatorId) -> Option<String> {
        match id.0 {
            4 => Some("IND-04".into()),
            5 => Some("IND-05".into()),
            7 => Some("IND-07".into()),
            _ => None,
        }
    }

    #[test]
    fn formulas_read_with_the_inputs_codes() {
        let ratio = |scale: &str| Formula::Ratio {
            numerator: IndicatorId(5),
            denominator: IndicatorId(4),
            scale: d(scale),
        };
        let cases = [
            (ratio("100"), Lang::Uk, "IND-05 ÷ IND-04 × 100"),
            (ratio("100"), Lang::En, "IND-05 ÷ IND-04 × 100"),
            // A plain ratio has no "× 1".
            (ratio("1"), Lang::Uk, "IND-05 ÷ IND-04"),
            (ratio("1000"), Lang::Uk, "IND-05 ÷ IND-04 × 1\u{a0}000"),
            (ratio("1000"), Lang::En, "IND-05 ÷ IND-04 × 1,000"),
            (
                Formula::Sum {
                    terms: vec![IndicatorId(4), IndicatorId(5), IndicatorId(7)],
                },
                Lang::En,
                "IND-04 + IND-05 + IND-07",
            ),
            // An input missing from the list still shows which one it is.
            (
                Formula::Difference {
                    minuend: IndicatorId(7),
                    subtrahend: IndicatorId(99),
                },
                Lang::Uk,
                "IND-07 − #99",
            ),
        ];
        for (formula, lang, words) in cases {
            assert_eq!(formula_words(&formula, codes, lang), words, "{formula:?}");
        }
    }

    #[test]
    fn thresholds_read_as_percentages_and_say_when_they_are_the_defaults() {
        assert_eq!(
            thresholds_text(None, Lang::Uk),
            "За планом ≥ 95,0\u{a0}%; під загрозою ≥ 80,0\u{a0}% (типові)"
        );
        assert_eq!(
            thresholds_text(None, Lang::En),
            "On track ≥ 95.0%; at risk ≥ 80.0% (defaults)"
        );
        let rule = StatusRule {
            on_track: d("90"),
            at_risk: d("72.5"),
        };
        assert_eq!(
            thresholds_text(Some(rule), Lang::Uk),
            "За планом ≥ 90,0\u{a0}%; під загрозою ≥ 72,5\u{a0}%"
        );
        // Set to exactly the defaults is still the department's own setting.
        assert_eq!(
            thresholds_text(Some(StatusRule::default()), Lang::En),
            "On track ≥ 95.0%; at risk ≥ 80.0%"
        );
    }

    #[test]
    fn typed_thresholds_become_a_rule_or_errors_named_like_the_servers() {
        assert_eq!(
            build_rule(" 90 ", "82,5"),
            Ok(StatusRule {
                on_track: d("90"),
                at_risk: d("82.5")
            })
        );
        // At risk above on track: the rule's own check, at the at-risk field.
        assert_eq!(
            build_rule("80", "90"),
            Err(vec![(AT_RISK_FIELD, ErrorCode::StatusRuleInvalid)])
        );
        assert_eq!(
            build_rule("85", "85"),
            Err(vec![(AT_RISK_FIELD, ErrorCode::StatusRuleInvalid)])
        );
        assert_eq!(
            build_rule("101", "50"),
            Err(vec![(ON_TRACK_FIELD, ErrorCode::StatusRuleInvalid)])
        );
        assert_eq!(
            build_rule("", "abc"),
            Err(vec![
                (ON_TRACK_FIELD, ErrorCode::StatusRuleInvalid),
                (AT_RISK_FIELD, ErrorCode::IndicatorValueInvalid)
            ])
        );
        assert_eq!(
            build_rule("95,55", "80"),
            Err(vec![(ON_TRACK_FIELD, ErrorCode::IndicatorValueTooPrecise)])
        );
        assert_eq!(
            build_rule("-5", "-10"),
            Err(vec![
                (ON_TRACK_FIELD, ErrorCode::StatusRuleInvalid),
                (AT_RISK_FIELD, ErrorCode::StatusRuleInvalid)
            ])
        );
    }

    #[test]
    fn several_reporters_say_how_they_combine_and_one_does_not() {
        assert_eq!(
            aggregate_text(&Reporters::AllCommunities, Aggregate::Mean),
            Some(K::IndCombineMean)
        );
        assert_eq!(
            aggregate_text(&Reporters::AllDistricts, Aggregate::Sum),
            Some(K::IndCombineSum)
        );
        assert_eq!(
            aggregate_text(
                &Reporters::Orgs {
                    ids: vec![OrgId(3)]
                },
                Aggregate::Sum
            ),
            None
        );
        assert_eq!(
            aggregate_text(
                &Reporters::Orgs {
                    ids: vec![OrgId(3), OrgId(4)]
                },
                Aggregate::Sum
            ),
            Some(K::IndCombineSum)
        );
        assert_eq!(aggregate_text(&Reporters::Computed, Aggregate::Sum), None);
        assert_eq!(
            reporters_text(&Reporters::Computed, &[]).get(Lang::En),
            "Computed, not entered"
        );
        assert_eq!(
            reporters_text(
                &Reporters::Orgs {
                    ids: vec![OrgId(42)]
                },
                &[]
            )
            .get(Lang::Uk),
            "#42"
        );
    }

    #[test]
    fn the_programme_scope_and_an_unknown_direction_still_read() {
        assert_eq!(
            scope_text(IndicatorScope::Programme, &[]).get(Lang::Uk),
            "Програма загалом"
        );
        assert_eq!(
            scope_text(
                IndicatorScope::Direction {
                    id: shared::DirectionId(7)
                },
                &[]
            )
            .get(Lang::En),
            "Direction #7"
        );
    }
}
