//! Which CPython's asyncio the loop reproduces. Only 3.11 (3.11.7) is transcribed today; the
//! other versions are named so that a runner can say since when it exists and a later issue
//! can add their rules (3.12's eager `gather`, `wait_for` on `timeout`, …) behind this value.

use std::fmt;

/// A CPython minor version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
}

/// The scheduling rules a simulation follows: those of one Python version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Semantics {
    python: Python,
}

/// A version whose rules are not transcribed yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnsupportedPython(pub Python);

impl fmt::Display for UnsupportedPython {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Python {} is not simulated yet; only 3.11 is",
            self.0.name()
        )
    }
}

impl std::error::Error for UnsupportedPython {}

impl Semantics {
    pub fn new(python: Python) -> Result<Semantics, UnsupportedPython> {
        match python {
            Python::V3_11 => Ok(Semantics { python }),
            other => Err(UnsupportedPython(other)),
        }
    }

    pub fn python(self) -> Python {
        self.python
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
    fn only_3_11_is_accepted_and_the_error_names_the_version() {
        for python in Python::ALL {
            match Semantics::new(python) {
                Ok(s) => assert_eq!((python, s), (Python::V3_11, Semantics::default())),
                Err(e) => assert_eq!(
                    e.to_string(),
                    format!(
                        "Python {} is not simulated yet; only 3.11 is",
                        python.name()
                    )
                ),
            }
        }
    }
}
