//! The pure core: scenario model, CPython 3.8–3.13's event loop, the programs, the trace and the
//! generated Python. No web crate, no clock reads: time is data, moved only by the loop.
//!
//! Files from the bottom up (none imports a file above it): `value`, `trace`, `semantics`,
//! `scenario` (+ `scenario_json`), `objects` (the loop's data), `handles` (what a handle is),
//! `base_events` (the loop), `snapshots` (the loop before a pass), `futures`, `tasks`,
//! `queues`, `locks`, `taskgroups`, `timeouts`, `events` (what a handle runs), `programs`
//! (each runner's `main()`), `runners` (`asyncio.run`), `inspect` (snapshots by replay,
//! `why`), `report_json` (a run as JSON), `python`.

mod base_events;
mod events;
mod futures;
pub mod handles;
mod inspect;
mod locks;
mod objects;
mod printable;
mod programs;
pub mod python;
mod python_functions;
mod queues;
mod report_json;
mod runners;
pub mod scenario;
mod scenario_json;
pub mod semantics;
mod snapshots;
mod taskgroups;
mod tasks;
mod tasks_gather;
mod tasks_wait;
mod timeouts;
pub mod trace;
pub mod value;

pub use base_events::SimError;
pub use inspect::{lane_calls, snapshot, why, CauseStep};
pub use objects::Origin;
pub use programs::wait_line;
pub use report_json::report_json;
pub use runners::{simulate, simulate_in, CoroutineEnd, Report, Simulation};
pub use scenario::{Limits, NotInPython, Scenario, ScenarioError};
pub use semantics::{Python, Semantics};
pub use trace::EndState;
