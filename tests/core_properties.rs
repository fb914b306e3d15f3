//! Invariants of the simulator over random scenarios (proptest drives the generator's seed).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use asyncio_playground::core::scenario::Runner;
use asyncio_playground::core::trace::What;
use asyncio_playground::core::{
    simulate, simulate_in, Limits, Python, Scenario, Semantics, SimError,
};
use common::{scenario, Rng};
use proptest::prelude::*;

fn any_scenario() -> impl Strategy<Value = Scenario> {
    any::<u64>().prop_map(|seed| scenario(&mut Rng(seed | 1)))
}

fn with_runner(runner: Runner) -> impl Strategy<Value = Scenario> {
    any_scenario().prop_map(move |mut s| {
        s.main.runner = runner.clone();
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_run_is_repeatable(s in any_scenario()) {
        prop_assert_eq!(simulate(&s, &Limits::default()), simulate(&s, &Limits::default()));
    }

    #[test]
    fn time_and_passes_never_go_backwards(s in any_scenario()) {
        let r = simulate(&s, &Limits::default()).unwrap();
        for pair in r.events.windows(2) {
            prop_assert!(pair[1].t >= pair[0].t && pair[1].pass >= pair[0].pass, "{:?} then {:?}", pair[0], pair[1]);
        }
        prop_assert!(r.events.iter().all(|e| e.t <= r.end_time));
    }

    #[test]
    fn every_version_runs_a_scenario_or_refuses_exactly_the_runners_it_lacks(s in any_scenario()) {
        for python in Python::ALL {
            let run = || simulate_in(&s, &Limits::default(), Semantics::new(python));
            match (s.check_python(python), run()) {
                (Ok(()), Ok(r)) => {
                    prop_assert_eq!(Ok(r.clone()), run());
                    prop_assert!(r.events.windows(2).all(|p| p[1].t >= p[0].t && p[1].pass >= p[0].pass));
                }
                (Err(e), Err(SimError::NotInPython(refused))) => prop_assert_eq!(e, refused),
                (check, result) => prop_assert!(false, "{python}: {check:?} but {result:?}"),
            }
        }
    }

    #[test]
    fn the_share_format_round_trips(s in any_scenario()) {
        prop_assert_eq!(Scenario::from_json(&s.to_json_string()).unwrap(), s);
    }

    #[test]
    fn gather_returns_when_its_last_child_ends(s in with_runner(Runner::Gather { return_exceptions: true })) {
        let r = simulate(&s, &Limits::default()).unwrap();
        let last_child = r.coroutines.iter().filter_map(|c| c.end).fold(0.0, f64::max);
        let main = s.coroutines.len();
        let awaited = r.events.iter().find(|e| e.lane == main && matches!(e.what, What::Awaited(_))).unwrap();
        prop_assert_eq!(awaited.t, last_child);
        prop_assert!(matches!(&awaited.what, What::Awaited(Ok(_))), "return_exceptions=True never raises");
    }

    #[test]
    fn as_completed_yields_in_completion_order(s in with_runner(Runner::AsCompleted { timeout: None, catch: true })) {
        let r = simulate(&s, &Limits::default()).unwrap();
        let n = s.coroutines.len();
        let completions: Vec<String> = r.events.iter().filter(|e| e.lane < n).filter_map(|e| match &e.what {
            What::Returned(v) => Some(v.py_repr()),
            What::Raised(x) => Some(x.py_repr()),
            _ => None,
        }).collect();
        let yields: Vec<String> = r.events.iter().filter(|e| e.lane == n).filter_map(|e| match &e.what {
            What::Yielded { outcome: Ok(v), .. } => Some(v.py_repr()),
            What::Yielded { outcome: Err(x), .. } => Some(x.py_repr()),
            _ => None,
        }).collect();
        prop_assert_eq!(yields, completions);
        // Each item names the coroutine it came from, in completion order.
        let ended: Vec<usize> = r.events.iter().filter(|e| e.lane < n && matches!(e.what, What::Returned(_) | What::Raised(_))).map(|e| e.lane).collect();
        let from: Vec<usize> = r.events.iter().filter_map(|e| match e.what { What::Yielded { from: Some(l), .. } => Some(l), _ => None }).collect();
        prop_assert_eq!(from, ended);
    }
}
