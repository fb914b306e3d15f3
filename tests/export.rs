//! What a teacher exports: the timeline SVG (well-formed, complete, hostile names escaped) and
//! the trace JSON (per program, the same as `simulate --trace` prints for its scenario).

#[path = "support/process.rs"]
mod process;
use process::run_piped;
use std::process::Command;

use asyncio_playground::core::scenario::Runner;
use asyncio_playground::core::{Python, Scenario, Semantics};
use asyncio_playground::web::export::{timeline_svg, trace_json};
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::presets::{preset, PRESETS};
use asyncio_playground::web::program::{PerProgram, ProgramId};
use asyncio_playground::web::timeline::{Derived, Mark};
use serde_json::Value as Json;

/// Both programs as the page builds them for a bottom scenario: gather on top.
fn derived(bottom: Scenario, python: Python) -> Derived {
    let mut top = bottom.clone();
    top.main.runner = Runner::Gather {
        return_exceptions: false,
    };
    Derived::new(PerProgram::new(top, bottom), Semantics::new(python))
}

fn titles() -> PerProgram<String> {
    PerProgram::new("Program 1: asyncio.gather".into(), "Program 2 <&>".into())
}

/// A small XML well-formedness check: tags nest and close, attributes are quoted, `&` starts
/// only an entity, `<` only a tag, and there is one root element.
fn assert_well_formed(xml: &str) {
    let body = xml
        .strip_prefix(r#"<?xml version="1.0" encoding="UTF-8"?>"#)
        .expect("an XML declaration")
        .trim();
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    let check_text = |text: &str| {
        assert!(!text.contains('>'), "a bare > in text: {text}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity),
                "a bare & in {text}"
            );
        }
    };
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open]);
        assert!(open == 0 || !stack.is_empty(), "text outside the root");
        let close = rest[open..].find('>').expect("a tag ends") + open;
        let tag = &rest[open + 1..close];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "closing tag matches");
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric()),
                "tag name {name}"
            );
            let mut attrs = attrs.trim();
            while !attrs.is_empty() {
                let (_, value) = attrs.split_once("=\"").expect("a quoted attribute");
                let end = value.find('"').expect("the quote closes");
                check_text(&value[..end]);
                assert!(!value[..end].contains('<'), "a < in an attribute");
                attrs = value[end + 1..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert_eq!(roots, 1, "one root element");
    assert!(rest.trim().is_empty());
}

#[test]
fn every_preset_exports_a_well_formed_complete_svg() {
    for (stem, _) in PRESETS {
        let d = derived(preset(stem).unwrap(), Python::V3_12);
        let (svg, size) = timeline_svg(&d, &titles(), Lang::En);
        assert_well_formed(&svg);
        assert!(svg.contains(&format!(r#"width="{}""#, size.width)));
        assert!(
            svg.contains("Program 1: asyncio.gather") && svg.contains("Program 2 &lt;&amp;&gt;")
        );
        // Nothing from another file or origin.
        assert!(!svg.contains("href") && !svg.contains("@import"), "{stem}");
        for id in ProgramId::ALL {
            for lane in &d.programs[id].lanes {
                let name = lane
                    .name
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                let name = name.replace('"', "&quot;").replace('\'', "&apos;");
                assert!(
                    svg.contains(&format!("<title>{name}</title>")),
                    "{stem}: lane {name}"
                );
            }
        }
        let lanes: usize = d.programs.iter().map(|p| p.lanes.len()).sum();
        assert_eq!(svg.matches(r#"<g class="lane">"#).count(), lanes, "{stem}");
        // Every mark is drawn with its glyph; every sleep as a hatched bar.
        let count = |f: &dyn Fn(&Mark) -> bool| -> usize {
            let items = d
                .programs
                .iter()
                .flat_map(|p| p.lanes.iter().flat_map(|l| &l.items));
            items
                .filter(|i| f(&i.mark) && (i.end > i.t || !matches!(i.mark, Mark::Sleep { .. })))
                .count()
        };
        let drawn = |class: &str| svg.matches(&format!(r#"class="mark {class}""#)).count();
        assert_eq!(
            drawn("print"),
            count(&|m| matches!(m, Mark::Print(_))),
            "{stem}"
        );
        assert_eq!(
            drawn("ok"),
            count(&|m| matches!(m, Mark::Returned(_))),
            "{stem}"
        );
        assert_eq!(
            drawn("err"),
            count(&|m| matches!(m, Mark::Raised(_))),
            "{stem}"
        );
        assert_eq!(
            drawn("cancel"),
            count(&|m| matches!(m, Mark::Cancelled { .. })),
            "{stem}"
        );
        let sleeps = svg.matches(r#"<rect class="sleep""#).count();
        assert_eq!(
            sleeps,
            count(&|m| matches!(m, Mark::Sleep { .. })),
            "{stem}"
        );
        for glyph in ["•", "✓"] {
            assert!(svg.contains(glyph), "{stem}: {glyph}");
        }
        let deadline = d.programs.bottom.scenario.main.runner.timeout().is_some();
        assert_eq!(svg.contains(r#"<g class="deadline">"#), deadline, "{stem}");
    }
}

#[test]
fn hostile_names_and_values_are_escaped() {
    let hostile = r#"</text><script>alert("x")</script>&amp;'"#;
    let mut text = PRESETS[1].1.replacen(
        r#""name": "5""#,
        &format!(r#""name": {}"#, serde_json::to_string(hostile).unwrap()),
        1,
    );
    text = text.replacen("Подключаюсь", "<b>&", 1);
    let d = derived(Scenario::from_json(&text).unwrap(), Python::V3_12);
    let (svg, _) = timeline_svg(&d, &titles(), Lang::Ru);
    assert_well_formed(&svg);
    assert!(!svg.contains("<script") && !svg.contains("</text><script"));
    assert!(svg
        .contains("&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&apos;"));
    assert!(svg.contains("время, с"), "the Russian axis");
}

/// `simulate` run on a scenario file: its stdout as JSON.
fn simulate(args: &[&str], stdin: &str) -> Json {
    let out = run_piped(
        Command::new(env!("CARGO_BIN_EXE_simulate")).args(args),
        stdin,
    );
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_trace_is_simulate_traces_per_program_with_program_and_python() {
    for (stem, python) in [
        ("book-4-as-completed", Python::V3_12),
        ("as-completed-timeout", Python::V3_8),
    ] {
        let d = derived(preset(stem).unwrap(), python);
        let export: Json = serde_json::from_str(&trace_json(&d)).unwrap();
        assert_eq!(export["python"], python.name());
        let programs = export["programs"].as_array().unwrap();
        assert_eq!(programs.len(), 2);
        for (mut got, (id, runner)) in programs.iter().cloned().zip([
            (ProgramId::Top, "gather"),
            (ProgramId::Bottom, "as_completed"),
        ]) {
            let scenario = &d.programs[id].scenario;
            assert_eq!(
                got["program"],
                if id == ProgramId::Top {
                    "top"
                } else {
                    "bottom"
                }
            );
            assert_eq!(got["runner"], runner);
            assert_eq!(
                Scenario::from_value(&got["scenario"], &Default::default()).as_ref(),
                Ok(scenario)
            );
            for key in ["program", "runner", "scenario"] {
                got.as_object_mut().unwrap().remove(key);
            }
            let expected = simulate(
                &["--trace", "--python-version", python.name(), "-"],
                &scenario.to_json_string(),
            );
            assert_eq!(got, expected, "{stem} {id:?}");
            assert!(got["passes"].as_array().is_some_and(|p| !p.is_empty()));
        }
    }
}
