//! `/api/indicators`: the demo indicators carry the real baselines and a computed share.

use obriy_tests::{on_both, spawn_app, Client};
use rust_decimal::Decimal;
use shared::api::indicators::IndicatorEntry;
use shared::indicators::{formula_order, Formula, IndicatorUnit, Reporters};

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

on_both! {
    fn the_demo_indicators_carry_the_baselines_of_the_final_report(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "community.pidhorodne");
        let list: Vec<IndicatorEntry> = c.get("/api/indicators").expect("indicators");
        let by_code = |code: &str| list.iter().find(|e| e.code == code).unwrap_or_else(|| panic!("{code}"));
        // docs/programme.md, "Indicator baselines (state on 1 Jan 2026)".
        for (code, baseline) in [("IND-01", "85"), ("IND-02", "1390"), ("IND-03", "82"), ("IND-04", "90"),
                                 ("IND-05", "50"), ("IND-07", "117"), ("IND-08", "2700"), ("IND-09", "52")] {
            let e = by_code(code);
            assert_eq!(e.indicator.baseline.value, dec(baseline), "{code}");
            assert_eq!(e.indicator.baseline.date.to_string(), "2026-01-01");
            assert_eq!(e.indicator.targets.len(), 3, "{code}: a target per year");
            assert!(e.is_demo);
        }
        let all: Vec<_> = list.iter().map(|e| e.indicator.clone()).collect();
        for (i, e) in list.iter().enumerate() {
            assert!(e.indicator.validate(&format!("indicators[{i}]")).is_empty(), "{}", e.code);
        }
        // The formula indicators, in the order they can be computed: one, without cycles.
        let order = formula_order(&all).expect("no cycles");
        assert_eq!(order, [by_code("IND-06").indicator.id]);

        // The share of ЦНАП connected to ДРАЦС is computed: 50 of 90 is 55,6 %.
        let share = by_code("IND-06");
        assert_eq!(share.indicator.unit, IndicatorUnit::Percent);
        assert_eq!(share.indicator.reporters, Reporters::Computed);
        let Some(Formula::Ratio { numerator, denominator, .. }) = share.indicator.formula else { panic!("a ratio") };
        assert_eq!((numerator, denominator), (by_code("IND-05").indicator.id, by_code("IND-04").indicator.id));
        let one = c.get::<IndicatorEntry>(&format!("/api/indicators/{}", share.indicator.id)).expect("one");
        assert_eq!(&one, share);
        let computed = share.indicator.formula.as_ref().expect("f").evaluate(|id| {
            all.iter().find(|i| i.id == id).map(|i| i.baseline.value)
        });
        assert_eq!(computed.map(|v| IndicatorUnit::Percent.round(v)), Some(dec("55.6")));
        assert_eq!(c.get::<IndicatorEntry>("/api/indicators/99999").expect_err("none").status, 404);
        assert_eq!(Client::anonymous(&app).get::<Vec<IndicatorEntry>>("/api/indicators").expect_err("anon").status, 401);
    }
}
