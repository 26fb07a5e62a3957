//! Free-text filters of the lists (搜索). The caller's text is matched literally: `%` and
//! `_` in it match themselves, not any text, on PostgreSQL and SQLite alike.

use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Expr, LikeExpr};

use crate::error::ApiResult;
use crate::validate;

/// The longest search text: longer than any name or ID number it could match.
const MAX_CHARS: usize = 100;

/// The caller's search text of the input field `field`, trimmed; `None` when blank,
/// which filters nothing.
pub fn text(field: &str, raw: Option<String>) -> ApiResult<Option<String>> {
    validate::text(field, raw, MAX_CHARS)
}

/// `column` holds `text` somewhere.
pub fn contains(column: impl ColumnTrait, text: &str) -> Expr {
    column.like(pattern(format!("%{}%", literal(text))))
}

/// `column` begins with `text`.
pub fn starts_with(column: impl ColumnTrait, text: &str) -> Expr {
    column.like(pattern(format!("{}%", literal(text))))
}

/// ASCII, as sea-query writes the escape character as one byte.
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

    use entity::worker;
    use sea_orm::{DbBackend, EntityTrait, QueryFilter, QueryTrait};

    #[test]
    fn wildcards_are_escaped_and_blank_text_filters_nothing() {
        assert_eq!(literal(r"a_b%c\d张"), r"a\_b\%c\\d张");
        assert_eq!(
            text("search", Some("  王 ".into())).unwrap().as_deref(),
            Some("王")
        );
        assert_eq!(text("search", Some("   ".into())).unwrap(), None);
        assert_eq!(text("search", None).unwrap(), None);
        assert!(text("search", Some("王".repeat(MAX_CHARS + 1))).is_err());
    }

    #[test]
    fn both_databases_read_the_backslash_as_the_escape_character() {
        let statement = |backend| {
            worker::Entity::find()
                .filter(contains(worker::Column::Name, r"a\_%"))
                .build(backend)
        };
        let bound = |s: &sea_orm::Statement| s.values.clone().map(|v| v.0);
        let pattern = Some(vec![sea_orm::Value::from(r"%a\\\_\%%")]);
        let postgres = statement(DbBackend::Postgres);
        assert!(
            postgres.sql.ends_with(r#""name" LIKE $1 ESCAPE E'\\'"#),
            "{}",
            postgres.sql
        );
        assert_eq!(bound(&postgres), pattern);
        let sqlite = statement(DbBackend::Sqlite);
        assert!(
            sqlite.sql.ends_with(r#""name" LIKE ? ESCAPE '\'"#),
            "{}",
            sqlite.sql
        );
        assert_eq!(bound(&sqlite), pattern);
    }
}
