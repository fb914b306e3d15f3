//! Which CPython's asyncio the loop reproduces: 3.8 (3.8.18) to 3.13 (3.13.0). The loop itself
//! is the same in all six; the library functions that differ have one transcription per
//! version (`wait_for_3_8`, `wait_for_3_9`, `wait_for_3_12`, …), chosen by this value.

use super::value::Exc;
use std::fmt;

/// A CPython minor version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Python {
    V3_8,
    V3_9,
    V3_10,
    V3_11,
    V3_12,
    V3_13,
}

impl Python {
    pub const ALL: [Python; 6] = [
        Python::V3_8,
        Python::V3_9,
        Python::V3_10,
        Python::V3_11,
        Python::V3_12,
        Python::V3_13,
    ];

    /// `"3.11"`.
    pub fn name(self) -> &'static str {
        match self {
            Python::V3_8 => "3.8",
            Python::V3_9 => "3.9",
            Python::V3_10 => "3.10",
            Python::V3_11 => "3.11",
            Python::V3_12 => "3.12",
            Python::V3_13 => "3.13",
        }
    }

    /// The version named `"3.12"` (as `name` writes it).
    pub fn from_name(name: &str) -> Option<Python> {
        Python::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl fmt::Display for Python {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The scheduling rules a simulation follows: those of one Python version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Semantics {
    python: Python,
}

impl Semantics {
    pub fn new(python: Python) -> Semantics {
        Semantics { python }
    }

    /// The semantics of the version named `"3.12"`; the error names what was given.
    pub fn from_name(name: &str) -> Result<Semantics, String> {
        Python::from_name(name)
            .map(|python| Semantics { python })
            .ok_or_else(|| {
                format!("unknown Python version {name:?}: expected one of 3.8, 3.9, 3.10, 3.11, 3.12, 3.13")
            })
    }

    pub fn python(self) -> Python {
        self.python
    }

    /// `asyncio.TimeoutError` as the library raises it: its own class until 3.10, the builtin
    /// from 3.11 (bpo-42413).
    pub fn timeout_error(self) -> Exc {
        if self.python < Python::V3_11 {
            Exc::AsyncioTimeout
        } else {
            Exc::Timeout
        }
    }
}

impl Default for Semantics {
    /// CPython 3.11.
    fn default() -> Self {
        Semantics {
            python: Python::V3_11,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_is_accepted_and_named_back() {
        for python in Python::ALL {
            assert_eq!(Semantics::new(python).python(), python);
            assert_eq!(
                Semantics::from_name(python.name()).unwrap().python(),
                python
            );
        }
        assert_eq!(Semantics::default().python(), Python::V3_11);
        assert_eq!(
            Semantics::from_name("3.7").unwrap_err(),
            "unknown Python version \"3.7\": expected one of 3.8, 3.9, 3.10, 3.11, 3.12, 3.13"
        );
    }
}
