//! A seeded generator of random scenarios, shared by the differential and property tests:
//! every runner, equal deadlines, zero sleeps, float sums, errors, timeouts, limits and a
//! `main()` that catches and lingers.
#![allow(dead_code)]

use asyncio_playground::core::scenario::{Coroutine, Main, ReturnWhen, Runner, Scenario, Step};
use asyncio_playground::core::value::{ErrorType, Value};

/// xorshift64*: small, seedable, no dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

/// Sleeps drawn so that equal deadlines, zero sleeps and float sums (0.1 + 0.2) are common.
fn seconds(rng: &mut Rng) -> f64 {
    match rng.below(10) {
        0 => 0.0,
        1 => rng.pick(&[0.1, 0.2, 0.3, 0.7, 1e-10, 1.0000000005, 0.5 + 1e-9]),
        2 => rng.below(1000) as f64 / 100.0,
        _ => rng.pick(&[0.5, 1.0, 1.0, 1.5, 2.0, 2.0, 3.0, 5.0]),
    }
}

fn scalar(rng: &mut Rng, name: &str) -> Value {
    match rng.below(3) {
        0 => Value::Int(rng.below(100) as i64 - 10),
        1 => Value::Str(format!("test {name}")),
        _ => Value::Str(
            rng.pick(&["it's", "a\"b", "x\ny", "Привет", ""])
                .to_string(),
        ),
    }
}

fn coroutine(rng: &mut Rng, name: String) -> Coroutine {
    let mut steps = Vec::new();
    let wide = std::env::var("DIFF_WIDE").is_ok_and(|v| v == "1");
    for _ in 0..rng.below(if wide { 9 } else { 5 }) {
        steps.push(if rng.chance(45) {
            Step::Print(format!("{name} says {}", rng.below(10)))
        } else {
            Step::Sleep(seconds(rng))
        });
    }
    match rng.below(10) {
        0..=2 => steps.push(Step::Raise {
            kind: rng.pick(&ErrorType::ALL),
            message: rng.pick(&["boom", "", "Не могу подключиться"]).into(),
        }),
        3..=7 => steps.push(Step::Return(match rng.below(4) {
            0 => Value::None,
            1 => Value::Tuple((0..rng.below(3)).map(|_| scalar(rng, &name)).collect()),
            _ => scalar(rng, &name),
        })),
        _ => {}
    }
    Coroutine { name, steps }
}

fn timeout(rng: &mut Rng) -> Option<f64> {
    if rng.chance(40) {
        None
    } else {
        Some(seconds(rng))
    }
}

pub fn scenario(rng: &mut Rng) -> Scenario {
    let names = [
        "5",
        "2",
        "3",
        "7",
        "task 1",
        "10.1.1.1",
        "a'b",
        "main",
        "Роутер",
        "x",
    ];
    // DIFF_WIDE=1 draws larger programs (up to 12 coroutines of up to 9 steps).
    let wide = std::env::var("DIFF_WIDE").is_ok_and(|v| v == "1");
    let names: Vec<String> = names
        .iter()
        .map(|n| n.to_string())
        .chain((0..12).map(|i| format!("dev{i}")))
        .collect();
    let n = 1 + rng.below(if wide { 12 } else { 5 });
    let mut chosen: Vec<String> = Vec::new();
    while chosen.len() < n {
        let name = rng.pick(&names);
        if !chosen.contains(&name) {
            chosen.push(name);
        }
    }
    let coroutines = if rng.chance(30) {
        same_shape(rng, chosen)
    } else {
        chosen
            .into_iter()
            .map(|name| coroutine(rng, name))
            .collect()
    };
    let runner = match rng.below(8) {
        0 => Runner::Gather {
            return_exceptions: rng.chance(50),
        },
        1 => Runner::AsCompleted {
            timeout: timeout(rng),
            catch: rng.chance(50),
        },
        2 => Runner::AsCompletedPipeline {
            timeout: timeout(rng),
            write_delay: seconds(rng),
        },
        3 => Runner::Wait {
            return_when: rng.pick(&ReturnWhen::ALL),
            timeout: timeout(rng),
        },
        4 => Runner::WaitForGather {
            timeout: seconds(rng),
            return_exceptions: rng.chance(50),
        },
        5 => Runner::TaskGroup,
        6 => Runner::Timeout {
            timeout: seconds(rng),
            return_exceptions: rng.chance(50),
        },
        _ => Runner::Sequential,
    };
    let limit = if rng.chance(25) {
        Some(1 + rng.below(3) as u32)
    } else {
        None
    };
    // main() catching what its runner raised and sleeping on, past the others' ends or not.
    let linger = rng.chance(30).then(|| seconds(rng));
    Scenario {
        coroutines,
        main: Main {
            runner,
            limit,
            linger,
        },
    }
}

/// Coroutines of one shape, texts naming each coroutine (the book's `connect_ssh(ip, ...)`):
/// the generated Python shares one function for them.
fn same_shape(rng: &mut Rng, names: Vec<String>) -> Vec<Coroutine> {
    let shape = coroutine(rng, "{}".to_string());
    let varies: Vec<bool> = shape.steps.iter().map(|_| rng.chance(50)).collect();
    let fill = |text: &str, name: &str| text.replace("{}", name);
    names
        .into_iter()
        .map(|name| {
            let steps = shape
                .steps
                .iter()
                .zip(&varies)
                .map(|(step, &vary)| match step {
                    Step::Print(t) => Step::Print(fill(t, &name)),
                    Step::Sleep(_) if vary => Step::Sleep(seconds(rng)),
                    Step::Raise { kind, message } => Step::Raise {
                        kind: *kind,
                        message: fill(message, &name),
                    },
                    Step::Return(Value::Str(t)) => Step::Return(Value::Str(fill(t, &name))),
                    Step::Return(Value::Tuple(items)) => Step::Return(Value::Tuple(
                        items
                            .iter()
                            .map(|v| {
                                if let Value::Str(t) = v {
                                    Value::Str(fill(t, &name))
                                } else {
                                    v.clone()
                                }
                            })
                            .collect(),
                    )),
                    other => other.clone(),
                })
                .collect();
            Coroutine { name, steps }
        })
        .collect()
}
