//! Free-text filters of the lists (搜索). The caller's text is matched literally: `%` and
//! `_` in it match themselves, not any text, on PostgreSQL and SQLite alike.

use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Expr, LikeExpr};

/// The caller's search text, trimmed; `None` when blank, which filters nothing.
pub fn text(raw: Option<String>) -> Option<String> {
    raw.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// `column` holds `text` somewhere.
pub fn contains(column: impl ColumnTrait, text: &str) -> Expr {
    column.like(pattern(format!("%{}%", literal(text))))
}

/// `column` begins with `text`.
pub fn starts_with(column: impl ColumnTrait, text: &str) -> Expr {
    column.like(pattern(format!("{}%", literal(text))))
}

const ESCAPE: char = '\\';

fn pattern(like: String) -> LikeExpr {
    LikeExpr::new(like).escape(ESCAPE)
}

/// `text` with LIKE's wildcards and the escape character escaped.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | ESCAPE) {
            out.push(ESCAPE);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_escaped_and_blank_text_filters_nothing() {
        assert_eq!(literal(r"a_b%c\d张"), r"a\_b\%c\\d张");
        assert_eq!(text(Some("  王 ".into())).as_deref(), Some("王"));
        assert_eq!(text(Some("   ".into())), None);
        assert_eq!(text(None), None);
    }
}
