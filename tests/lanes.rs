//! The lanes as an editor and the scrubber in time, natively: which sleeps get a handle, the
//! seconds a drag or an arrow key gives, and the scrubber's time ↔ cursor mapping.

use asyncio_playground::core::trace::LaneKind;
use asyncio_playground::core::{Python, Scenario};
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::{Action, Command, Control, Edit, Play, Playback, Playground};
use asyncio_playground::web::timeline::{dragged_seconds, stepped_seconds, Derived};

fn event_times(d: &Derived) -> Vec<f64> {
    d.merged
        .iter()
        .map(|&(p, i)| d.programs[p].events()[i].t)
        .collect()
}

#[test]
fn the_scrubber_maps_time_to_every_event_at_or_before_it() {
    let p = Playground::new(Lang::En);
    let d = &p.derived;
    let times = event_times(d);
    assert!(
        times[0] == 0.0 && times[1] == 0.0,
        "the book's example starts many at t=0"
    );
    // The start is before every event, even those at t = 0; the end is all of them.
    assert_eq!(d.cursor_at_time(0.0), 0);
    assert_eq!(d.cursor_at_time(d.axis_end), d.events_len());
    let at_zero = times.iter().filter(|t| **t == 0.0).count();
    assert_eq!(d.cursor_at_time(0.01), at_zero);
    // Monotone, and exactly the events at or before the time.
    let mut last = 0;
    for i in 0..=1000 {
        let t = d.axis_end * f64::from(i) / 1000.0;
        let c = d.cursor_at_time(t);
        assert!(c >= last, "monotone at t={t}");
        last = c;
        if t > 0.0 {
            assert_eq!(c, times.iter().filter(|e| **e <= t).count(), "t={t}");
        }
    }
    // Half the range is the middle of the time axis: the 7 s device (t=7, 8) has not ended.
    let half = d.cursor_at_time(d.axis_end / 2.0);
    assert!(half < d.events_len() && d.time_at(half) <= d.axis_end / 2.0);
    assert_eq!(d.scrub_step(), 0.01);
}

#[test]
fn the_scrubber_steps_finer_when_events_are_closer_than_its_step() {
    let close = Scenario::from_json(
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": 0.1}, {"return": 1}]},
                           {"name": "b", "steps": [{"sleep": 0.105}, {"return": 2}]}],
            "main": {"runner": "as_completed"}}"#,
    )
    .unwrap();
    let p = Playground::from_scenario(&close, false, None, 1.0, Python::V3_12, Lang::En);
    let step = p.derived.scrub_step();
    assert_eq!(step, 0.001);
    // Both moments are reachable on the grid.
    let (a, b) = (
        p.derived.cursor_at_time(0.1),
        p.derived.cursor_at_time(0.105),
    );
    assert!(a < b);
}

#[test]
fn the_scrubber_shows_its_time_between_events_and_refuses_a_time_off_the_axis() {
    let mut p = Playground::new(Lang::En);
    let c = p.derived.cursor_at_time(2.5);
    assert_eq!(
        p.on_control(Control::Seek(2.5)),
        [Command::Do(Action::Playback(Play::SeekTime(2.5)))]
    );
    p.reduce(Action::Playback(Play::SeekTime(2.5)));
    assert_eq!((p.cursor(), p.screen_time()), (c, 2.5));
    assert!(
        p.derived.time_at(c) < 2.5,
        "no event at 2.5 s: the screen is between events"
    );
    // Step still moves one event; a run goes on from the scrubbed moment.
    p.reduce(Action::Playback(Play::Step));
    assert_eq!(p.playback, Playback::Cursor(c + 1));
    p.reduce(Action::Playback(Play::SeekTime(2.5)));
    assert_eq!(p.run_plan(1.0, false).from_t, 2.5);
    for off in [-1.0, p.derived.axis_end + 0.5, f64::NAN] {
        let mut q = p.clone();
        q.reduce(Action::Playback(Play::SeekTime(off)));
        assert!(q.notice.is_some(), "{off}");
        assert_eq!(q.playback, p.playback);
    }
}

#[test]
fn only_the_scenario_coroutines_sleeps_get_handles() {
    let pipeline = Scenario::from_json(
        r#"{"coroutines": [{"name": "r1", "steps": [{"sleep": 1}, {"print": "x"}, {"sleep": 2}, {"return": "ok"}]}],
            "main": {"runner": "as_completed_pipeline", "write_delay": 1}}"#,
    )
    .unwrap();
    let p = Playground::from_scenario(&pipeline, false, None, 1.0, Python::V3_12, Lang::En);
    for prog in p.derived.programs.iter() {
        for lane in &prog.lanes {
            let handles: Vec<(usize, f64)> = lane.sleep_handles().map(|(k, _, s)| (k, s)).collect();
            match lane.kind {
                LaneKind::Coroutine => assert_eq!(handles, [(1, 1.0), (2, 2.0)]),
                _ => assert_eq!(handles, [], "{}", lane.name),
            }
        }
    }
    assert!(p
        .derived
        .programs
        .bottom
        .lanes
        .iter()
        .any(|l| l.kind == LaneKind::Writer));
}

#[test]
fn a_drag_sets_the_pointers_time_minus_the_sleeps_start_to_a_tenth() {
    // Axis 0…10 s over 500 px: 50 px per second. The sleep starts at 1 s, its end is at 3 s.
    let drag = |dx| dragged_seconds(1.0, 3.0, dx, 500.0, 10.0);
    assert_eq!(drag(0.0), 2.0);
    assert_eq!(drag(50.0), 3.0);
    assert_eq!(drag(-26.0), 1.5, "−0.52 s, to the tenth");
    assert_eq!(drag(2.0), 2.0, "a tremble changes nothing");
    assert_eq!(drag(-400.0), 0.0, "never negative");
    assert_eq!(
        dragged_seconds(0.0, 0.0, 10.0, 0.0, 10.0),
        0.0,
        "an unlaid axis"
    );
}

#[test]
fn arrow_keys_on_a_handle_step_a_tenth_or_a_second() {
    assert_eq!(stepped_seconds(2.0, true, false), 2.1);
    assert_eq!(stepped_seconds(2.0, false, false), 1.9);
    assert_eq!(stepped_seconds(2.0, true, true), 3.0);
    assert_eq!(stepped_seconds(0.5, false, true), 0.0);
    assert_eq!(
        stepped_seconds(0.04, true, false),
        0.1,
        "back on the 0.1 s grid"
    );
}

#[test]
fn a_handles_edit_is_the_sliders_edit_and_reorders_as_completed() {
    let mut p = Playground::new(Lang::En);
    let before = p.derived.programs.bottom.result_items(usize::MAX);
    let lane = &p.derived.programs.bottom.lanes[3];
    let (k, _, seconds) = lane.sleep_handles().next().unwrap();
    assert_eq!((lane.name.as_str(), k, seconds), ("7", 1, 7.0));
    let text = asyncio_playground::core::value::number(stepped_seconds(0.0, true, true));
    p.reduce(Action::Edit(Edit::Sleep { co: 3, k, text }));
    assert_eq!(p.coroutines[3].sleeps()[0], 1.0);
    assert!(p.notice.is_none());
    let lane = &p.derived.programs.bottom.lanes[3];
    assert_eq!(lane.sleep_handles().next().map(|(_, _, s)| s), Some(1.0));
    assert_ne!(p.derived.programs.bottom.result_items(usize::MAX), before);
}
