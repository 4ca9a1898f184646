//! Reading a WordPress export (WXR, an RSS file with WordPress's own elements) into the items
//! it holds. The XML is read with roxmltree, which refuses a document type declaration: no
//! entity can expand ("billion laughs") and no external entity is fetched. WordPress writes
//! none.

use std::path::Path;

/// The `wp:` namespace of the WXR versions WordPress writes (1.0 to 1.2).
fn is_wp(ns: Option<&str>) -> bool {
    ns.is_some_and(|n| n.starts_with("http://wordpress.org/export/"))
}

/// One `<item>` of the export.
#[derive(Debug, Clone, Default)]
pub struct WxrItem {
    pub id: String,
    pub title: String,
    /// The item's address on the old site.
    pub link: String,
    pub content: String,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub date: String,
    pub slug: String,
    pub status: String,
    pub post_type: String,
    /// `category` terms, then `post_tag` terms, as written.
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// The line of the export where the item starts.
    pub line: usize,
}

/// A whole export: the old site's address and its items.
#[derive(Debug, Default)]
pub struct Export {
    /// The blog's address (`wp:base_blog_url`, or the channel's `link`): item links start with it.
    pub site_url: String,
    pub items: Vec<WxrItem>,
}

/// Why an export could not be read, with its line when known.
#[derive(Debug)]
pub struct WxrError {
    pub message: String,
    pub line: Option<usize>,
    pub hint: &'static str,
}

pub fn read(path: &Path) -> Result<Export, WxrError> {
    let text = std::fs::read_to_string(path).map_err(|e| WxrError {
        message: format!("cannot read the export: {e}"),
        line: None,
        hint: "give the file WordPress wrote (Tools > Export > All content)",
    })?;
    parse(&text)
}

pub fn parse(text: &str) -> Result<Export, WxrError> {
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        let dtd = matches!(e, roxmltree::Error::DtdDetected);
        WxrError {
            message: if dtd {
                "the export declares a document type (<!DOCTYPE>): refused, as its entities could expand without bound or read other files".into()
            } else {
                format!("the export is not well-formed XML: {e}")
            },
            line: Some(e.pos().row as usize),
            hint: if dtd {
                "WordPress writes no <!DOCTYPE>: export the site again from WordPress"
            } else {
                "export the site again from WordPress (Tools > Export); a file cut short by a download ends like this"
            },
        }
    })?;
    let Some(channel) = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("channel"))
    else {
        return Err(WxrError {
            message: "this is no WordPress export: it has no <rss><channel>".into(),
            line: Some(1),
            hint: "give the file WordPress wrote (Tools > Export > All content)",
        });
    };
    let mut export = Export::default();
    let mut channel_link = String::new();
    for node in channel.children().filter(|n| n.is_element()) {
        let tag = node.tag_name();
        match (tag.name(), is_wp(tag.namespace())) {
            ("base_blog_url", true) => export.site_url = text_of(node),
            ("link", false) => channel_link = text_of(node),
            ("item", false) => export.items.push(item(&doc, node)),
            _ => {}
        }
    }
    if export.site_url.is_empty() {
        export.site_url = channel_link;
    }
    Ok(export)
}

fn text_of(node: roxmltree::Node) -> String {
    node.children()
        .filter_map(|c| c.text())
        .collect::<String>()
        .trim()
        .to_string()
}

fn item(doc: &roxmltree::Document, node: roxmltree::Node) -> WxrItem {
    let mut item = WxrItem {
        line: doc.text_pos_at(node.range().start).row as usize,
        ..WxrItem::default()
    };
    for child in node.children().filter(|n| n.is_element()) {
        let tag = child.tag_name();
        let wp = is_wp(tag.namespace());
        let value = || text_of(child);
        match tag.name() {
            "title" if !wp => item.title = value(),
            "link" if !wp => item.link = value(),
            "encoded" if tag.namespace() == Some("http://purl.org/rss/1.0/modules/content/") => {
                item.content = value()
            }
            "post_id" if wp => item.id = value(),
            "post_date" if wp => item.date = value(),
            "post_name" if wp => item.slug = value(),
            "status" if wp => item.status = value(),
            "post_type" if wp => item.post_type = value(),
            "category" if !wp => match child.attribute("domain") {
                Some("post_tag") => item.tags.push(value()),
                Some("category") => item.categories.push(value()),
                _ => {}
            },
            _ => {}
        }
    }
    item
}
