//! Table-building shorthands the migrations share: tables, foreign keys and indexes named
//! by string, so a migration reads as its schema.

use sea_orm_migration::prelude::*;

pub fn a(name: &str) -> Alias {
    Alias::new(name)
}

pub async fn create(
    manager: &SchemaManager<'_>,
    name: &str,
    columns: impl FnOnce(&mut TableCreateStatement),
) -> Result<(), DbErr> {
    let mut table = Table::create();
    table.table(a(name));
    columns(&mut table);
    manager.create_table(table).await
}

/// A foreign key `fk_{table}_{column}` to `target.id`.
pub fn fk(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(a(table), a(column))
        .to(a(target), a("id"))
        .to_owned()
}

pub async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: &str,
    columns: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create().name(name).table(a(table)).to_owned();
    if unique {
        stmt.unique();
    }
    for column in columns {
        stmt.col(a(column));
    }
    manager.create_index(stmt).await
}
