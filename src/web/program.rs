//! The two programs the page shows over one time axis, named rather than numbered 0 and 1.

use std::ops::{Index, IndexMut};

/// Which program: `asyncio.gather` on top, the bottom runner (`as_completed` …) below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProgramId {
    Top,
    Bottom,
}

impl ProgramId {
    /// Both, top first: the order the merged event list keeps at equal times.
    pub const ALL: [ProgramId; 2] = [ProgramId::Top, ProgramId::Bottom];
}

/// One value per program, indexed by [`ProgramId`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PerProgram<T> {
    pub top: T,
    pub bottom: T,
}

impl<T> PerProgram<T> {
    pub fn new(top: T, bottom: T) -> PerProgram<T> {
        PerProgram { top, bottom }
    }

    pub fn from_fn(mut f: impl FnMut(ProgramId) -> T) -> PerProgram<T> {
        PerProgram::new(f(ProgramId::Top), f(ProgramId::Bottom))
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> PerProgram<U> {
        PerProgram::new(f(self.top), f(self.bottom))
    }

    pub fn each_ref(&self) -> PerProgram<&T> {
        PerProgram::new(&self.top, &self.bottom)
    }

    /// Top first.
    pub fn iter(&self) -> std::array::IntoIter<&T, 2> {
        [&self.top, &self.bottom].into_iter()
    }
}

impl<T> Index<ProgramId> for PerProgram<T> {
    type Output = T;
    fn index(&self, id: ProgramId) -> &T {
        match id {
            ProgramId::Top => &self.top,
            ProgramId::Bottom => &self.bottom,
        }
    }
}

impl<T> IndexMut<ProgramId> for PerProgram<T> {
    fn index_mut(&mut self, id: ProgramId) -> &mut T {
        match id {
            ProgramId::Top => &mut self.top,
            ProgramId::Bottom => &mut self.bottom,
        }
    }
}

impl<'a, T> IntoIterator for &'a PerProgram<T> {
    type Item = &'a T;
    type IntoIter = std::array::IntoIter<&'a T, 2>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
