//! The export and embed words: the buttons and the embed's link to the full page.

use super::Lang;

pub struct ExportTexts {
    pub export: &'static str,
    pub export_svg: &'static str,
    pub export_png: &'static str,
    pub export_trace: &'static str,
    pub open_in_playground: &'static str,
    /// Said by the link after its name: it opens a new tab.
    pub new_tab: &'static str,
}

const EXPORT_EN: ExportTexts = ExportTexts {
    export: "Export",
    export_svg: "Export SVG",
    export_png: "Export PNG",
    export_trace: "Export trace",
    open_in_playground: "Open in the playground",
    new_tab: "(opens a new tab)",
};

const EXPORT_RU: ExportTexts = ExportTexts {
    export: "Экспорт",
    export_svg: "Экспорт SVG",
    export_png: "Экспорт PNG",
    export_trace: "Экспорт трассы",
    open_in_playground: "Открыть в песочнице",
    new_tab: "(в новой вкладке)",
};

impl ExportTexts {
    pub fn of(lang: Lang) -> &'static ExportTexts {
        match lang {
            Lang::En => &EXPORT_EN,
            Lang::Ru => &EXPORT_RU,
        }
    }
}
