//! The Python program of each side, generated from the editor, with a Copy code button.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct CodeText {
    pub title: AttrValue,
    pub code: AttrValue,
    /// The lines coroutines are at (1-based), with who is there.
    pub current: Vec<(usize, String)>,
}

#[derive(Properties, PartialEq)]
pub struct PythonCodeProps {
    pub label: AttrValue,
    /// Which Python the code is for: "Python 3.12", beside the heading.
    pub version: AttrValue,
    pub copy_label: AttrValue,
    pub copied_label: AttrValue,
    pub programs: Vec<CodeText>,
    /// Asks the app to copy this text.
    pub on_copy: Callback<(usize, String)>,
    /// Which block was copied last (its button says so).
    pub copied: Option<usize>,
}

/// One line; a line a coroutine is at is highlighted (as Python Tutor does) and names who.
fn line_html(n: usize, line: &str, current: &[(usize, String)]) -> Html {
    match current.iter().find(|(l, _)| *l == n) {
        Some((_, who)) => html! {
            <><mark class="current-line">{ line.to_string() }</mark><span class="line-who">{ format!("  ← {who}") }</span>{ "\n" }</>
        },
        None => html! { <>{ line.to_string() }{ "\n" }</> },
    }
}

#[function_component(PythonCode)]
pub fn python_code(props: &PythonCodeProps) -> Html {
    let blocks = props.programs.iter().enumerate().map(|(i, p)| {
        let code = p.code.to_string();
        let onclick = props.on_copy.reform(move |_: MouseEvent| (i, code.clone()));
        let copied = props.copied == Some(i);
        html! {
            <figure class="code-block">
                <figcaption>
                    <span>{ p.title.clone() }</span>
                    <button type="button" class="copy" {onclick}>{ props.copy_label.clone() }</button>
                    <span class="copied" aria-live="polite">{ if copied { props.copied_label.to_string() } else { String::new() } }</span>
                </figcaption>
                <pre tabindex="0"><code>{ for p.code.lines().enumerate().map(|(i, line)| line_html(i + 1, line, &p.current)) }</code></pre>
            </figure>
        }
    });
    html! {
        <section class="python" aria-label={props.label.clone()}>
            <h2>{ props.label.clone() }{ " · " }<span class="version">{ props.version.clone() }</span></h2>
            <div class="code-grid">{ for blocks }</div>
        </section>
    }
}
