//! The embed's way out: the full playground on the same scenario (the same hash), in a new
//! tab, so a course page keeps its place.

use yew::prelude::*;

use crate::web::i18n::{ExportTexts, Lang};

#[derive(Properties, PartialEq)]
pub struct EmbedLinkProps {
    /// The share hash, without its `#`.
    pub hash: AttrValue,
    pub lang: Lang,
}

#[function_component(EmbedLink)]
pub fn embed_link(props: &EmbedLinkProps) -> Html {
    let ex = ExportTexts::of(props.lang);
    // `./` drops the query (`?embed`) and keeps the page's own path.
    let href = format!("./#{}", props.hash);
    html! {
        <p class="embed-link">
            <a href={href} target="_blank" rel="noopener">
                { ex.open_in_playground }
                <span class="visually-hidden">{ format!(" {}", ex.new_tab) }</span>
            </a>
        </p>
    }
}
