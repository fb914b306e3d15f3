//! A return value typed as Python writes it — what the card shows (`repr`) read back:
//! `None`, an integer, a `'string'` or `"string"` with `repr`'s escapes, or a tuple of strings
//! and integers — the values the scenario's JSON format can carry.

use crate::core::value::Value;

/// The value `text` writes, or `None` when it is not one the format allows.
pub fn parse_value(text: &str) -> Option<Value> {
    let mut p = Parser {
        chars: text.trim().chars().collect(),
        at: 0,
    };
    let value = if p.eat('(') {
        p.tuple()?
    } else if p.rest_is("None") {
        p.at += 4;
        Value::None
    } else {
        p.scalar()?
    };
    p.skip_spaces();
    (p.at == p.chars.len()).then_some(value)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_spaces();
        let found = self.peek() == Some(c);
        self.at += usize::from(found);
        found
    }

    fn rest_is(&self, word: &str) -> bool {
        self.chars[self.at..]
            .iter()
            .copied()
            .take(word.len())
            .eq(word.chars())
    }

    /// After `(`: `()`, `(x,)`, `(x, y)`; `(x)` is `x`, as in Python.
    fn tuple(&mut self) -> Option<Value> {
        let mut items = Vec::new();
        let mut comma = false;
        while !self.eat(')') {
            items.push(self.scalar()?);
            comma = self.eat(',');
            if !comma && !self.eat(')') {
                return None;
            }
            if !comma {
                break;
            }
        }
        match (items.len(), comma) {
            (1, false) => items.pop(),
            _ => Some(Value::Tuple(items)),
        }
    }

    fn scalar(&mut self) -> Option<Value> {
        self.skip_spaces();
        match self.peek()? {
            q @ ('\'' | '"') => {
                self.at += 1;
                self.string(q).map(Value::Str)
            }
            _ => {
                let start = self.at;
                if matches!(self.peek(), Some('-' | '+')) {
                    self.at += 1;
                }
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.at += 1;
                }
                let digits: String = self.chars[start..self.at].iter().collect();
                digits.parse().ok().map(Value::Int)
            }
        }
    }

    /// The rest of a string literal opened by `quote`, with the escapes `repr` writes.
    fn string(&mut self, quote: char) -> Option<String> {
        let mut out = String::new();
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                c if c == quote => return Some(out),
                '\\' => {
                    let e = self.peek()?;
                    self.at += 1;
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '\\' | '\'' | '"' => e,
                        'x' => self.hex(2)?,
                        'u' => self.hex(4)?,
                        'U' => self.hex(8)?,
                        _ => return None,
                    });
                }
                c => out.push(c),
            }
        }
    }

    fn hex(&mut self, n: usize) -> Option<char> {
        let digits: String = self.chars.get(self.at..self.at + n)?.iter().collect();
        self.at += n;
        char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_repr_writes() {
        let values = [
            Value::None,
            Value::Int(-42),
            Value::Str("test 5".into()),
            Value::Str("it's \"q\" \\ \n\t\u{7}\u{e000}".into()),
            Value::Tuple(vec![Value::Str("5".into()), Value::Str("test".into())]),
            Value::Tuple(vec![Value::Int(1)]),
            Value::Tuple(vec![]),
        ];
        for v in values {
            assert_eq!(
                parse_value(&v.py_repr()),
                Some(v.clone()),
                "{}",
                v.py_repr()
            );
        }
        assert_eq!(parse_value(" ( 'a' ) "), Some(Value::Str("a".into())));
        for bad in [
            "",
            "test 5",
            "'open",
            "1.5",
            "(1, (2,))",
            "(1 2)",
            "None x",
            "'\\q'",
            "-",
            "99999999999999999999",
            "(,)",
            "[1]",
        ] {
            assert_eq!(parse_value(bad), None, "{bad:?}");
        }
    }
}
