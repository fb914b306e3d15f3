//! Predict mode: grading right and wrong answers of each kind, the share link's flag, and
//! that nothing of the answer is in the state before Reveal.

use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::predict::{Answer, Cause, PredictAction as P, Question};
use asyncio_playground::web::model::{Action, Edit, Playground};
use asyncio_playground::web::share;

fn exercise(id: &str) -> Playground {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Predict(P::Exercise(id.into())));
    assert!(p.notice.is_none(), "{:?}", p.notice);
    p
}

/// The index of the question of a kind.
fn q(p: &Playground, question: Question) -> usize {
    let asked = &p.predict.as_ref().unwrap().asked;
    asked.iter().position(|a| a.question == question).unwrap()
}

fn right(p: &Playground, q: usize) -> bool {
    let predict = p.predict.as_ref().unwrap();
    predict.asked[q].grade(&p.derived).right
}

/// Arranges an order question's items into `want` with the up/down moves a learner makes.
fn arrange(p: &mut Playground, q: usize, want: &[&str]) {
    for (target, text) in want.iter().enumerate() {
        let asked = &p.predict.as_ref().unwrap().asked[q];
        let Answer::Order(order) = &asked.answer else {
            panic!("an order")
        };
        let mut at = order.iter().position(|&i| asked.given[i] == *text).unwrap();
        while at > target {
            p.reduce(Action::Predict(P::Move { q, at, up: true }));
            at -= 1;
        }
    }
}

fn choose(p: &mut Playground, q: usize, text: &str) {
    let given = &p.predict.as_ref().unwrap().asked[q].given;
    let option = given
        .iter()
        .position(|g| g == text)
        .unwrap_or_else(|| panic!("{text} in {given:?}"));
    p.reduce(Action::Predict(P::Choose { q, option }));
}

#[test]
fn console_order_graded_exactly() {
    let mut p = exercise("09-sleep-zero");
    let c = q(
        &p,
        Question::Console(asyncio_playground::web::program::ProgramId::Top),
    );
    assert!(!right(&p, c), "the first arrangement is never the answer");
    arrange(&mut p, c, &["a1", "a2", "b1", "b2", "[None, None]"]);
    let grade = p.predict.as_ref().unwrap().asked[c].grade(&p.derived);
    assert!(!grade.right);
    // They part at the second line, printed at 0 s.
    assert_eq!(grade.parting.map(|(_, k, t)| (k, t)), Some((1, 0.0)));
    arrange(&mut p, c, &["a1", "b1", "a2", "b2", "[None, None]"]);
    assert!(right(&p, c));
}

#[test]
fn gather_outcome_and_raised_graded() {
    let mut p = exercise("01-gather-siblings");
    let g = q(&p, Question::Gather);
    choose(&mut p, g, "['test 5', 'test 2', 'test 7']");
    assert!(!right(&p, g));
    choose(&mut p, g, "OSError: Не могу подключиться к 3");
    assert!(right(&p, g));

    let mut p = exercise("12-timeout-error-3-10");
    let r = q(
        &p,
        Question::Raised(asyncio_playground::web::program::ProgramId::Bottom),
    );
    choose(&mut p, r, "TimeoutError");
    assert!(!right(&p, r));
    choose(&mut p, r, "asyncio.exceptions.TimeoutError");
    assert!(right(&p, r));
}

#[test]
fn order_causes_and_seconds_graded() {
    let mut p = exercise("03-completion-order");
    let o = q(&p, Question::Order);
    arrange(
        &mut p,
        o,
        &["'task 1'", "'task 2'", "'task 3'", "'task 4'", "'task 5'"],
    );
    assert!(!right(&p, o));
    arrange(
        &mut p,
        o,
        &["'task 1'", "'task 5'", "'task 3'", "'task 4'", "'task 2'"],
    );
    assert!(right(&p, o));

    let mut p = exercise("07-taskgroup");
    let c = q(
        &p,
        Question::Cancelled(asyncio_playground::web::program::ProgramId::Bottom),
    );
    assert!(!right(&p, c));
    p.reduce(Action::Predict(P::Cause {
        q: c,
        co: 1,
        cause: Cause::TaskGroup,
    }));
    p.reduce(Action::Predict(P::Cause {
        q: c,
        co: 2,
        cause: Cause::Shutdown,
    }));
    assert!(!right(&p, c));
    p.reduce(Action::Predict(P::Cause {
        q: c,
        co: 2,
        cause: Cause::TaskGroup,
    }));
    assert!(right(&p, c));

    let mut p = exercise("05-sequential");
    let s = q(
        &p,
        Question::Returns(asyncio_playground::web::program::ProgramId::Bottom),
    );
    p.reduce(Action::Predict(P::Seconds {
        q: s,
        text: "3".into(),
    }));
    assert!(!right(&p, s));
    p.reduce(Action::Predict(P::Seconds {
        q: s,
        text: "6,0".into(),
    }));
    assert!(right(&p, s));
}

#[test]
fn reveal_scores_and_keeps_progress_and_fixes_answers() {
    let mut p = exercise("05-sequential");
    p.reduce(Action::Predict(P::Seconds {
        q: 0,
        text: "3".into(),
    }));
    assert!(!p.shows_answers());
    p.reduce(Action::Predict(P::Reveal));
    assert!(p.shows_answers());
    assert_eq!(p.progress, [("05-sequential".to_string(), (1, 2))]);
    p.reduce(Action::Predict(P::Seconds {
        q: 1,
        text: "6".into(),
    }));
    assert_eq!(p.predict.as_ref().unwrap().score(&p.derived), (1, 2));
    let text = asyncio_playground::web::model::predict::progress_text(&p.progress);
    assert_eq!(text, "05-sequential=1/2");
    assert_eq!(
        asyncio_playground::web::model::predict::progress_from(&text),
        p.progress
    );
    // Another exercise keeps the progress.
    p.reduce(Action::Predict(P::Exercise("09-sleep-zero".into())));
    assert_eq!(p.progress.len(), 1);
}

#[test]
fn editing_the_scenario_leaves_predict_mode() {
    let mut p = exercise("05-sequential");
    p.reduce(Action::Edit(Edit::Sleep {
        co: 0,
        k: 1,
        text: "2".into(),
    }));
    assert!(p.notice.is_none(), "{:?}", p.notice);
    assert!(p.predict.is_none() && p.shows_answers());
}

#[test]
fn nothing_of_the_answer_is_in_the_state_before_reveal() {
    let p = exercise("01-gather-siblings");
    let predict = p.predict.as_ref().unwrap();
    // The chosen, arranged and typed answers start empty or scrambled, and the options
    // come sorted: their place says nothing.
    for a in &predict.asked {
        match &a.answer {
            Answer::Choice(c) => {
                assert!(c.is_none());
                assert!(a.given.windows(2).all(|w| w[0] <= w[1]));
            }
            Answer::Causes(c) => assert!(c.iter().all(|c| *c == Cause::NotCancelled)),
            Answer::Seconds(s) => assert!(s.is_empty()),
            Answer::Order(_) => assert!(!a.grade(&p.derived).right),
        }
    }
    assert!(!p.shows_answers());
}

#[test]
fn the_share_link_flag_round_trips() {
    let mut p = Playground::new(Lang::En);
    let plain = share::encode(&p);
    assert!(share::decode(&plain, Lang::En)
        .unwrap()
        .unwrap()
        .predict
        .is_none());
    p.reduce(Action::Predict(P::Start));
    let link = share::encode_exercise(&p);
    let opened = share::decode(&link, Lang::En).unwrap().unwrap();
    let predict = opened.predict.as_ref().unwrap();
    assert!(!predict.revealed);
    assert_eq!(predict.asked.len(), p.predict.as_ref().unwrap().asked.len());
    assert_eq!(opened.bottom_scenario(), p.bottom_scenario());
    // The page's own hash never carries it.
    assert_eq!(share::encode(&opened), plain);
}

#[test]
fn where_an_order_parts_is_said_whole() {
    use asyncio_playground::web::i18n::PredictTexts;
    // It once read "… at 2 of, t=0.0": an "of" with nothing after it.
    let en = PredictTexts::of(Lang::En).parting(1, "0.0");
    assert_eq!(en, "Your prediction parts from asyncio at item 2, t=0.0");
    let ru = PredictTexts::of(Lang::Ru).parting(0, "1.0");
    assert_eq!(
        ru,
        "Ваше предсказание расходится с asyncio в пункте 1, t=1.0"
    );
}
