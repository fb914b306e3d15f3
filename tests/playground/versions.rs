//! The Python version: state, refusals, links, and the "Across versions" view.

use super::*;
use asyncio_playground::web::versions::across;

#[test]
fn explore() {
    for (stem, _) in PRESETS {
        let mut p = Playground::new(Lang::En);
        p.reduce(Action::Open(Open::Preset(stem.into())));
        let v = across(&p.scenarios(), Lang::En);
        println!("== {stem}\n{v:#?}");
    }
}
