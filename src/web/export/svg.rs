//! Both programs' timelines and a legend as one standalone SVG, for slides: lanes with their
//! names, hatched sleeps, marks • ✓ ✗ ⊘ with their labels, the deadline line, the time axis
//! with ticks and the programs' titles. The whole prediction is drawn (no cursor, no ghost).
//! Self-contained: light colours as attributes, generic font families, no reference to any
//! other file or origin — what learners typed (names, values) is escaped.

use std::fmt::Write;

use crate::core::trace::LaneKind;
use crate::web::i18n::{LanesText, Lang, Texts};
use crate::web::program::{PerProgram, ProgramId};
use crate::web::timeline::{fmt_t, ticks, Derived, LaneView, Mark};

/// The drawing's size in CSS pixels (a PNG of it is drawn at twice that).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvgSize {
    pub width: u32,
    pub height: u32,
}

const WIDTH: f64 = 960.0;
const PAD: f64 = 16.0;
const NAME_W: f64 = 150.0;
const AXIS_X0: f64 = PAD + NAME_W;
/// Room right of the axis' end for the last mark's glyph.
const AXIS_X1: f64 = WIDTH - PAD - 12.0;
const TITLE_H: f64 = 30.0;
const AXIS_H: f64 = 22.0;
const LANE_H: f64 = 26.0;
const GAP: f64 = 16.0;
const LEGEND_ROW: f64 = 22.0;
const LEGEND_COLS: usize = 3;
/// Longest lane name and end label drawn whole (a name's `<title>` keeps it whole).
const NAME_CHARS: usize = 20;
const LABEL_CHARS: usize = 44;

// The page's light theme.
const BG: &str = "#fdfdfc";
const FG: &str = "#1d1f21";
const MUTED: &str = "#555b61";
const LINE: &str = "#c9ced4";
const OK: &str = "#176b2c";
const ERR: &str = "#a11d1d";
const CANCEL: &str = "#6b4f00";
const SLEEP: &str = "#2f6fde";
const YIELD: &str = "#6a3fb5";

/// Text escaped for XML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all (control codes a learner could type).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// At most `n` characters, the start cut with … (the tail tells lanes apart, as on screen).
fn tail(text: &str, n: usize) -> String {
    let count = text.chars().count();
    if count <= n {
        return text.to_string();
    }
    let kept: String = text.chars().skip(count - (n - 1)).collect();
    format!("…{kept}")
}

/// At most `n` characters, the end cut with … (a value's or exception's start says most).
fn head(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let kept: String = text.chars().take(n - 1).collect();
    format!("{kept}…")
}

/// The glyph, colour and class of a point mark, and its end label if the lane shows one.
fn glyph(mark: &Mark, main: bool) -> (&'static str, &'static str, &'static str, Option<String>) {
    match mark {
        Mark::Start => ("▸", MUTED, "start", None),
        Mark::Print(_) => ("•", FG, "print", None),
        Mark::Returned(v) => ("✓", OK, "ok", (!main).then(|| v.clone())),
        Mark::Raised(e) => ("✗", ERR, "err", Some(e.clone())),
        Mark::Cancelled { .. } => ("⊘", CANCEL, "cancel", Some("CancelledError".into())),
        Mark::Yielded(_) => ("◆", YIELD, "yield", None),
        Mark::Awaited(_) => ("◆", YIELD, "awaited", None),
        Mark::Sleep { .. } | Mark::WaitSemaphore => ("", FG, "", None),
    }
}

struct Axis {
    end: f64,
}

impl Axis {
    fn x(&self, t: f64) -> f64 {
        let f = if self.end > 0.0 {
            (t / self.end).clamp(0.0, 1.0)
        } else {
            0.0
        };
        AXIS_X0 + f * (AXIS_X1 - AXIS_X0)
    }
}

fn lane(out: &mut String, lane: &LaneView, axis: &Axis, y: f64) {
    let cy = y + LANE_H / 2.0;
    let (weight, style) = match lane.kind {
        LaneKind::Main => ("bold", "normal"),
        LaneKind::Writer => ("normal", "italic"),
        LaneKind::Coroutine => ("normal", "normal"),
    };
    let _ = write!(
        out,
        r#"<g class="lane"><line x1="{PAD}" y1="{y1}" x2="{AXIS_X1}" y2="{y1}" stroke="{LINE}" stroke-dasharray="2 3"/><text class="lane-name" x="{PAD}" y="{ty:.1}" font-size="12" font-weight="{weight}" font-style="{style}" fill="{FG}"><title>{full}</title>{shown}</text>"#,
        y1 = y + LANE_H,
        ty = cy + 4.0,
        full = esc(&lane.name),
        shown = esc(&tail(&lane.name, NAME_CHARS)),
    );
    let first = lane.items.first().map_or(0.0, |i| i.t);
    let last = lane.items.iter().map(|i| i.end).fold(first, f64::max);
    if last > first {
        let _ = write!(
            out,
            r#"<line x1="{:.1}" y1="{cy}" x2="{:.1}" y2="{cy}" stroke="{LINE}" stroke-width="2"/>"#,
            axis.x(first),
            axis.x(last)
        );
    }
    // Segments first, so that the marks at their ends are drawn over them.
    for item in &lane.items {
        let (fill, dash, class) = match item.mark {
            Mark::Sleep { .. } => ("url(#hatch)", "none", "sleep"),
            Mark::WaitSemaphore => ("url(#dots)", "2 2", "wait"),
            _ => continue,
        };
        if item.end > item.t {
            let x = axis.x(item.t);
            let _ = write!(
                out,
                r#"<rect class="{class}" x="{x:.1}" y="{:.1}" width="{:.1}" height="12" rx="2" fill="{fill}" stroke="{SLEEP}" stroke-dasharray="{dash}"/>"#,
                cy - 6.0,
                axis.x(item.end) - x
            );
        }
    }
    for item in &lane.items {
        let (icon, colour, class, label) = glyph(&item.mark, lane.kind == LaneKind::Main);
        if icon.is_empty() {
            continue;
        }
        let x = axis.x(item.t);
        let _ = write!(
            out,
            r#"<text class="mark {class}" x="{x:.1}" y="{:.1}" font-size="14" font-weight="bold" text-anchor="middle" fill="{colour}">{icon}</text>"#,
            cy + 5.0
        );
        if let Some(label) = label {
            // Beside the mark, towards the middle of the axis (as on screen), haloed so
            // that a bar under it does not hide it.
            let (lx, anchor) = if x > (AXIS_X0 + AXIS_X1) / 2.0 {
                (x - 10.0, "end")
            } else {
                (x + 10.0, "start")
            };
            let _ = write!(
                out,
                r#"<text class="end-label" x="{lx:.1}" y="{:.1}" font-size="11" font-family="DejaVu Sans Mono, monospace" text-anchor="{anchor}" fill="{colour}" stroke="{BG}" stroke-width="3" paint-order="stroke">{}</text>"#,
                cy + 4.0,
                esc(&head(&label, LABEL_CHARS))
            );
        }
    }
    out.push_str("</g>");
}

/// One program: its title, the axis with ticks, its lanes and (bottom) the deadline line.
/// Returns the y below it.
fn program(out: &mut String, d: &Derived, id: ProgramId, title: &str, lang: Lang, y: f64) -> f64 {
    let tx = Texts::of(lang);
    let axis = Axis { end: d.axis_end };
    let prog = &d.programs[id];
    let _ = write!(
        out,
        r#"<g class="program"><text class="program-title" x="{PAD}" y="{:.1}" font-size="15" font-weight="bold" fill="{FG}">{}</text>"#,
        y + 20.0,
        esc(title)
    );
    let base = y + TITLE_H + AXIS_H - 4.0;
    let _ = write!(
        out,
        r#"<g class="axis" font-size="11" fill="{MUTED}"><text x="{PAD}" y="{:.1}">{}</text><line x1="{AXIS_X0}" y1="{base}" x2="{AXIS_X1}" y2="{base}" stroke="{LINE}"/>"#,
        base - 4.0,
        esc(tx.time_axis)
    );
    for t in ticks(d.axis_end) {
        let x = axis.x(t);
        let _ = write!(
            out,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{base}" stroke="{LINE}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            base - 3.0,
            base - 5.0,
            fmt_t(t)
        );
    }
    out.push_str("</g>");
    let top = y + TITLE_H + AXIS_H;
    for (i, l) in prog.lanes.iter().enumerate() {
        lane(out, l, &axis, top + i as f64 * LANE_H);
    }
    let mut bottom = top + prog.lanes.len() as f64 * LANE_H;
    if let Some(t) = prog.scenario.main.runner.timeout() {
        let x = axis.x(t);
        let _ = write!(
            out,
            r#"<g class="deadline"><line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="{ERR}" stroke-width="2" stroke-dasharray="5 3"/><text x="{:.1}" y="{:.1}" font-size="11" fill="{ERR}">{}</text></g>"#,
            top - 6.0,
            x + 4.0,
            bottom + 13.0,
            esc(&format!("{} {} {}", tx.deadline, fmt_t(t), tx.sec))
        );
        bottom += 18.0;
    }
    out.push_str("</g>");
    bottom + GAP
}

/// The legend: every pattern the drawing uses, with its word.
fn legend(out: &mut String, lang: Lang, y: f64) -> f64 {
    let tx = Texts::of(lang);
    let lx = LanesText::of(lang);
    // A glyph and its colour, or a swatch drawn by `swatch` (empty glyph).
    let entries: [(&str, &str, &str); 9] = [
        ("▸", MUTED, lx.legend_started),
        ("", "url(#hatch)", tx.legend_sleep),
        ("", "url(#dots)", lx.legend_wait_semaphore),
        ("•", FG, tx.legend_print),
        ("✓", OK, tx.legend_returned),
        ("✗", ERR, tx.legend_raised),
        ("⊘", CANCEL, tx.legend_cancelled),
        ("◆", YIELD, lx.legend_main_gets),
        ("", ERR, lx.legend_deadline),
    ];
    let _ = write!(
        out,
        r#"<g class="legend" font-size="12" fill="{FG}"><text x="{PAD}" y="{:.1}" font-weight="bold">{}</text>"#,
        y + 14.0,
        esc(tx.legend)
    );
    let col_w = (WIDTH - 2.0 * PAD) / LEGEND_COLS as f64;
    for (i, (icon, colour, word)) in entries.iter().enumerate() {
        let x = PAD + (i % LEGEND_COLS) as f64 * col_w;
        let cy = y + 22.0 + (i / LEGEND_COLS) as f64 * LEGEND_ROW + LEGEND_ROW / 2.0;
        if !icon.is_empty() {
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" font-size="14" font-weight="bold" text-anchor="middle" fill="{colour}">{icon}</text>"#,
                x + 10.0,
                cy + 5.0
            );
        } else if colour.starts_with("url") {
            let dash = if *colour == "url(#dots)" {
                "2 2"
            } else {
                "none"
            };
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{:.1}" width="22" height="12" rx="2" fill="{colour}" stroke="{SLEEP}" stroke-dasharray="{dash}"/>"#,
                cy - 6.0
            );
        } else {
            let _ = write!(
                out,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="2" stroke-dasharray="5 3"/>"#,
                x + 10.0,
                cy - 8.0,
                x + 10.0,
                cy + 8.0
            );
        }
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            x + 30.0,
            cy + 4.0,
            esc(word)
        );
    }
    out.push_str("</g>");
    let rows = entries.len().div_ceil(LEGEND_COLS);
    y + 22.0 + rows as f64 * LEGEND_ROW + PAD
}

/// The standalone SVG document of both programs (titled `titles`) and the legend, and its size.
pub fn timeline_svg(d: &Derived, titles: &PerProgram<String>, lang: Lang) -> (String, SvgSize) {
    let mut body = String::new();
    let mut y = PAD;
    for id in ProgramId::ALL {
        y = program(&mut body, d, id, &titles[id], lang, y);
    }
    let height = legend(&mut body, lang, y).ceil();
    let title = format!("{} · {}", titles.top, titles.bottom);
    let svg = format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, sans-serif" role="img"><title>{}</title><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{SLEEP}" stroke-width="2.5" stroke-opacity="0.5"/></pattern><pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#ffffff"/><rect width="2" height="6" fill="{MUTED}" fill-opacity="0.4"/></pattern></defs><rect width="100%" height="100%" fill="{BG}"/>{body}</svg>
"##,
        esc(&title)
    );
    let size = SvgSize {
        width: WIDTH as u32,
        height: height as u32,
    };
    (svg, size)
}
