//! Python values and exceptions as a program prints them: `repr()`, `str()` and the last line
//! of a traceback (`traceback.format_exception_only`), byte for byte as CPython writes them (3.8–3.10's
//! `asyncio.exceptions.TimeoutError` and 3.8's argument-less `CancelledError()` are variants).

use super::printable::NOT_PRINTABLE;

/// A value a coroutine returns or `main` prints: the few Python types a scenario can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    None,
    Int(i64),
    Str(String),
    Tuple(Vec<Value>),
    List(Vec<Value>),
    /// An exception used as a value: `gather(..., return_exceptions=True)` puts it in the list.
    Exception(Exc),
}

/// The exception types a scenario's `raise` step may use (all subclasses of `Exception`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorType {
    OSError,
    ValueError,
    RuntimeError,
    ConnectionError,
    TimeoutError,
}

impl ErrorType {
    pub const ALL: [ErrorType; 5] = [
        ErrorType::OSError,
        ErrorType::ValueError,
        ErrorType::RuntimeError,
        ErrorType::ConnectionError,
        ErrorType::TimeoutError,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ErrorType::OSError => "OSError",
            ErrorType::ValueError => "ValueError",
            ErrorType::RuntimeError => "RuntimeError",
            ErrorType::ConnectionError => "ConnectionError",
            ErrorType::TimeoutError => "TimeoutError",
        }
    }

    pub fn from_name(name: &str) -> Option<ErrorType> {
        ErrorType::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// What a coroutine or a done future gives: its value or its exception.
pub type Outcome = Result<Value, Exc>;

/// An exception in flight or stored in a future.
#[derive(Clone, Debug, PartialEq)]
pub enum Exc {
    /// `raise OSError('message')` from a scenario step: always exactly one argument.
    Raised { kind: ErrorType, message: String },
    /// `raise TimeoutError` with no arguments, as `as_completed` and `wait_for` do (3.11+).
    Timeout,
    /// `raise exceptions.TimeoutError()` of 3.8–3.10: asyncio's own class, not the builtin.
    AsyncioTimeout,
    /// `asyncio.CancelledError('')`: what a cancelled task or future raises (3.9+).
    Cancelled,
    /// `exceptions.CancelledError()` without arguments: 3.8's gather puts it in the list of a
    /// `return_exceptions=True` gather for a cancelled child.
    CancelledNoArgs,
    /// `ExceptionGroup('unhandled errors in a TaskGroup', [...])` from `TaskGroup.__aexit__`.
    Group(Vec<Exc>),
}

const GROUP_MESSAGE: &str = "unhandled errors in a TaskGroup";

impl Exc {
    /// The class name: the one place that spells the exceptions asyncio raises.
    pub fn type_name(&self) -> &'static str {
        match self {
            Exc::Raised { kind, .. } => kind.name(),
            Exc::Timeout | Exc::AsyncioTimeout => ErrorType::TimeoutError.name(),
            Exc::Cancelled | Exc::CancelledNoArgs => "CancelledError",
            Exc::Group(_) => "ExceptionGroup",
        }
    }

    /// `str(exc)`.
    pub fn py_str(&self) -> String {
        match self {
            Exc::Raised { message, .. } => message.clone(),
            Exc::Timeout | Exc::AsyncioTimeout | Exc::Cancelled | Exc::CancelledNoArgs => {
                String::new()
            }
            Exc::Group(excs) => {
                let n = excs.len();
                let plural = if n == 1 { "" } else { "s" };
                format!("{GROUP_MESSAGE} ({n} sub-exception{plural})")
            }
        }
    }

    /// `repr(exc)`.
    pub fn py_repr(&self) -> String {
        match self {
            Exc::Raised { kind, message } => format!("{}({})", kind.name(), str_repr(message)),
            Exc::Timeout | Exc::AsyncioTimeout | Exc::CancelledNoArgs => {
                format!("{}()", self.type_name())
            }
            Exc::Cancelled => format!("{}('')", self.type_name()),
            Exc::Group(excs) => {
                let inner: Vec<String> = excs.iter().map(Exc::py_repr).collect();
                format!(
                    "{}({}, [{}])",
                    self.type_name(),
                    str_repr(GROUP_MESSAGE),
                    inner.join(", ")
                )
            }
        }
    }

    /// The last line of the traceback Python prints when this exception escapes
    /// `asyncio.run`: `OSError: message`, or the bare qualified type when `str()` is empty.
    pub fn traceback_line(&self) -> String {
        let qualified = match self {
            Exc::Cancelled | Exc::CancelledNoArgs | Exc::AsyncioTimeout => {
                format!("asyncio.exceptions.{}", self.type_name())
            }
            other => other.type_name().to_string(),
        };
        let text = self.py_str();
        if text.is_empty() {
            qualified
        } else {
            format!("{qualified}: {text}")
        }
    }

    /// `isinstance(exc, Exception)`: everything but `CancelledError`, a `BaseException`.
    pub fn is_exception(&self) -> bool {
        !matches!(self, Exc::Cancelled | Exc::CancelledNoArgs)
    }
}

impl Value {
    /// `repr(value)`.
    pub fn py_repr(&self) -> String {
        match self {
            Value::None => "None".to_string(),
            Value::Int(i) => i.to_string(),
            Value::Str(s) => str_repr(s),
            Value::Tuple(items) if items.len() == 1 => format!("({},)", items[0].py_repr()),
            Value::Tuple(items) => format!("({})", join_reprs(items)),
            Value::List(items) => format!("[{}]", join_reprs(items)),
            Value::Exception(e) => e.py_repr(),
        }
    }

    /// `str(value)`, as an f-string `{value}` formats it.
    pub fn py_str(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Exception(e) => e.py_str(),
            other => other.py_repr(),
        }
    }
}

/// A float as a Python literal that parses back to the same f64 (whole numbers without `.0`).
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x:?}")
    }
}

fn join_reprs(items: &[Value]) -> String {
    items
        .iter()
        .map(Value::py_repr)
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return (0x20..0x7f).contains(&cp);
    }
    NOT_PRINTABLE
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

/// `repr(s)` for a `str`, following CPython's `unicode_repr`: single quotes unless the text
/// has a `'` and no `"`, and escapes for backslash, the quote, `\t \n \r` and unprintables.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let cp = c as u32;
                if cp <= 0xff {
                    out.push_str(&format!("\\x{cp:02x}"));
                } else if cp <= 0xffff {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_repr_picks_quotes_like_python() {
        assert_eq!(str_repr("test 5"), "'test 5'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("'\""), "'\\'\"'");
        assert_eq!(str_repr("a\nb\\"), "'a\\nb\\\\'");
        assert_eq!(str_repr("\u{7f}\u{0}"), "'\\x7f\\x00'");
        assert_eq!(str_repr("Подключаюсь"), "'Подключаюсь'");
        assert_eq!(str_repr("\u{200b}\u{a0}"), "'\\u200b\\xa0'");
    }

    #[test]
    fn tuples_and_exceptions_repr_like_python() {
        let one = Value::Tuple(vec![Value::Int(1)]);
        assert_eq!(one.py_repr(), "(1,)");
        assert_eq!(Value::Tuple(vec![]).py_repr(), "()");
        let e = Exc::Raised {
            kind: ErrorType::OSError,
            message: "Не могу".into(),
        };
        assert_eq!(
            Value::List(vec![Value::Str("a".into()), Value::Exception(e.clone())]).py_repr(),
            "['a', OSError('Не могу')]"
        );
        assert_eq!(e.traceback_line(), "OSError: Не могу");
        assert_eq!(Exc::Timeout.traceback_line(), "TimeoutError");
        assert_eq!(
            Exc::Group(vec![e.clone()]).traceback_line(),
            "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)"
        );
        assert_eq!(
            Exc::Cancelled.traceback_line(),
            "asyncio.exceptions.CancelledError"
        );
    }
}
