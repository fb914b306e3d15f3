//! CPython's `tasks.py`, 3.8.18 to 3.13.0: `gather` and `_GatheringFuture` (its `cancel` and
//! `_done_callback`). One function per version's code where they differ: `gather_3_8`
//! (3.8–3.11) and `gather_3_12` (3.12+, children already done counted at once); a cancelled
//! child's `CancelledError()` (3.8) vs `CancelledError('')` (3.9+) in a result list.

use super::base_events::Loop;
use super::objects::{Callback, FutId, FutKind, GatherData, Origin};
use super::semantics::Python;
use super::trace::CancelCause;
use super::value::{Exc, Value};

impl Loop {
    /// `asyncio.gather(*children, return_exceptions=...)` over futures already wrapped in tasks.
    pub fn gather(
        &mut self,
        children: Vec<FutId>,
        return_exceptions: bool,
        origin: Origin,
    ) -> FutId {
        if children.is_empty() {
            let outer = self.create_future(origin);
            self.set_result(outer, Value::List(Vec::new()));
            return outer;
        }
        let data = GatherData {
            children: children.clone(),
            finished: 0,
            return_exceptions,
            cancel_requested: false,
        };
        let outer = self.new_fut(FutKind::Gather(data), origin);
        if self.semantics.python() >= Python::V3_12 {
            self.gather_3_12(outer, children);
        } else {
            self.gather_3_8(outer, children);
        }
        outer
    }

    /// gather's loop over its children in 3.8–3.11: `fut.add_done_callback(_done_callback)`.
    fn gather_3_8(&mut self, outer: FutId, children: Vec<FutId>) {
        for child in children {
            self.add_done_callback(child, Callback::GatherChildDone(outer));
        }
    }

    /// 3.12+: a child already done is not given the callback; `_done_callback(fut)` runs for
    /// it right after the outer future exists, so a gather of finished children is done at once.
    fn gather_3_12(&mut self, outer: FutId, children: Vec<FutId>) {
        let mut done_futs = Vec::new();
        for child in children {
            if self.done(child) {
                done_futs.push(child);
            } else {
                self.add_done_callback(child, Callback::GatherChildDone(outer));
            }
        }
        for fut in done_futs {
            self.gather_child_done(outer, fut);
        }
    }

    /// `_GatheringFuture.cancel()`: cancels every child still running.
    pub(super) fn gather_cancel(&mut self, outer: FutId, by: CancelCause) -> bool {
        if self.done(outer) {
            return false;
        }
        let FutKind::Gather(g) = &self.futs[outer].kind else {
            return false;
        };
        let mut any = false;
        for child in g.children.clone() {
            any |= self.cancel(child, by);
        }
        if let (true, FutKind::Gather(g)) = (any, &mut self.futs[outer].kind) {
            g.cancel_requested = true;
        }
        any
    }

    /// gather's `_done_callback(fut)`.
    pub fn gather_child_done(&mut self, outer: FutId, child: FutId) {
        let FutKind::Gather(g) = &mut self.futs[outer].kind else {
            return;
        };
        g.finished += 1;
        let (finished, total, return_exceptions) =
            (g.finished, g.children.len(), g.return_exceptions);
        if self.done(outer) {
            return;
        }
        if !return_exceptions {
            if self.cancelled(child) {
                self.set_exception(outer, Exc::Cancelled);
                return;
            }
            if let Some(e) = self.exception(child) {
                self.set_exception(outer, e);
                return;
            }
        }
        if finished == total {
            let FutKind::Gather(g) = &self.futs[outer].kind else {
                return;
            };
            let cancel_requested = g.cancel_requested;
            let results: Vec<Value> = g
                .children
                .iter()
                .map(|&c| match self.result(c) {
                    Err(Exc::Cancelled) => Value::Exception(self.gather_cancelled_child()),
                    outcome => outcome.unwrap_or_else(Value::Exception),
                })
                .collect();
            if cancel_requested {
                self.set_exception(outer, Exc::Cancelled);
            } else {
                self.set_result(outer, Value::List(results));
            }
        }
    }

    /// What gather lists for a cancelled child with `return_exceptions`: 3.8's
    /// `exceptions.CancelledError()`, 3.9+'s `CancelledError('')` (the message, bpo-31033).
    fn gather_cancelled_child(&self) -> Exc {
        if self.semantics.python() == Python::V3_8 {
            Exc::CancelledNoArgs
        } else {
            Exc::Cancelled
        }
    }
}
