//! The viewer's preferences: language, theme and speed. (The speed travels in a share link;
//! language and theme stay on the device.) Kept free of problems: the reducer refuses a
//! speed no option has, and [`crate::web::problem`] lists [`SPEEDS`] in a link's message.

use crate::web::i18n::Lang;

/// Speeds offered by the Speed control (virtual seconds per real second).
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0];

/// A preference the viewer changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pref {
    Speed(f64),
    Lang(Lang),
    Theme(Theme),
}

/// The colour theme: the system's, or forced light or dark (a viewer preference, not part of
/// a share link).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The `<option>` value and the `data-theme` attribute (none for the system's).
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == name)
    }
}
