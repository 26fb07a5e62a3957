//! Reading a model from a row by column position (按列位置读取).
//!
//! sea-orm reads a model by column name: for every column of every row it formats the
//! prefixed name (`A_id`, `B_name`, …), looks it up among the row's columns and checks
//! the type. A page of 50 cases with their units, workers and households spent more than
//! a third of its instructions there (bench/RESULTS.md, issue 19). sea-orm selects an
//! entity's columns in the order of its `Column` enum, the order of the model's fields,
//! so a model declared with [`by_position!`](crate::by_position) reads them by position
//! in that same order: the field list is written once, and each model's test checks it
//! against the columns sea-orm selects.

use std::marker::PhantomData;

use sea_orm::sqlx::postgres::Postgres;
use sea_orm::sqlx::{Column, Decode, Row, Type, ValueRef};
use sea_orm::{ActiveEnum, DbErr, QueryResult, RuntimeErr, TryGetError, TryGetable};

/// A model read from consecutive columns of a row, in the order of its fields.
pub trait FromRowAt: Sized {
    /// How many columns the model reads.
    const COLUMNS: usize;

    /// The column names, in the order they are read.
    const FIELDS: &'static [&'static str];

    /// Reads the model from the columns `start..start + COLUMNS` of `row`.
    fn from_row_at(row: &QueryResult, start: usize) -> Result<Self, TryGetError>;

    /// Checks that the columns `start..start + COLUMNS` of `row`'s result have the types
    /// of the model's fields: once per result, since its rows share their columns.
    fn check_at(row: &QueryResult, start: usize) -> Result<(), DbErr>;

    /// The model, or `None` where an outer join found no row: as in sea-orm's joins, a
    /// NULL in a column the model requires means the row is absent. Stricter than
    /// sea-orm's, a value that cannot be decoded is an error rather than an absent row.
    fn optional_at(row: &QueryResult, start: usize) -> Result<Option<Self>, DbErr> {
        match Self::from_row_at(row, start) {
            Ok(model) => Ok(Some(model)),
            Err(TryGetError::Null(_)) => Ok(None),
            Err(TryGetError::DbErr(e)) => Err(e),
        }
    }
}

/// Rows of a result read by column position: checked once, on the result's first row,
/// then read one by one.
pub trait RowAt: Sized {
    /// Checks that `row` has exactly the columns `read` takes, of their types.
    fn check(row: &QueryResult) -> Result<(), DbErr>;

    /// Reads one row.
    fn read(row: &QueryResult) -> Result<Self, DbErr>;
}

impl<M: FromRowAt> RowAt for M {
    fn check(row: &QueryResult) -> Result<(), DbErr> {
        check_width(row, M::COLUMNS)?;
        M::check_at(row, 0)
    }

    fn read(row: &QueryResult) -> Result<Self, DbErr> {
        Ok(M::from_row_at(row, 0)?)
    }
}

/// Checks that `row` has exactly the columns its models read: a column added to a query
/// (`column_as`, `expr`) would shift every one after it.
pub fn check_width(row: &QueryResult, columns: usize) -> Result<(), DbErr> {
    let width = row.column_names().len();
    if width == columns {
        Ok(())
    } else {
        Err(DbErr::Type(format!(
            "a row read by position has {width} columns, its models {columns}"
        )))
    }
}

/// The columns of a row, taken one after another.
pub struct Columns<'a> {
    row: &'a QueryResult,
    at: usize,
}

impl<'a> Columns<'a> {
    pub fn new(row: &'a QueryResult, start: usize) -> Self {
        Self { row, at: start }
    }

    /// The next column's index.
    fn advance(&mut self) -> usize {
        self.at += 1;
        self.at - 1
    }
}

/// One column of a type `T`, to be read (`take`) and checked (`check`) by whichever of
/// [`Decoded`], [`Enumerated`], [`OptionalEnumerated`] and [`Converted`] applies:
/// `by_position!` calls `(&&Cell::<T>::default()).take(..)`, and Rust's method lookup takes
/// one of the first three (implemented on `&Cell<T>`, one reference closer; at most one of
/// them fits a type) when `T` is a type sqlx decodes itself or a text enum, `Converted`
/// otherwise. The field list stays one list of types, whatever they are.
pub struct Cell<T>(PhantomData<T>);

impl<T> Default for Cell<T> {
    fn default() -> Self {
        Self(PhantomData)
    }
}

/// Types sqlx decodes itself (text, UUIDs, times, numbers, JSON values and their
/// options) read on PostgreSQL straight from the row. sqlx checks each value's type
/// against its column's before decoding it: for text, six comparisons of type
/// descriptions per value, which made up most of what was left of reading a page of cases
/// (bench/RESULTS.md, issue 19). The rows of a result share their columns, so the readers
/// ([`RowAt`]) check the columns' types once per result, on its first row, from the
/// result's column descriptions (NULLs or not), and each value is then only decoded.
pub trait Decoded<T> {
    fn take(&self, columns: &mut Columns<'_>) -> Result<T, TryGetError>;
    fn check(&self, columns: &mut Columns<'_>) -> Result<(), DbErr>;
}

impl<T> Decoded<T> for &Cell<T>
where
    T: TryGetable + for<'r> Decode<'r, Postgres> + Type<Postgres>,
{
    fn take(&self, columns: &mut Columns<'_>) -> Result<T, TryGetError> {
        decode(columns)
    }

    fn check(&self, columns: &mut Columns<'_>) -> Result<(), DbErr> {
        check_column::<T>(columns)
    }
}

fn decode<T>(columns: &mut Columns<'_>) -> Result<T, TryGetError>
where
    T: TryGetable + for<'r> Decode<'r, Postgres> + Type<Postgres>,
{
    let at = columns.advance();
    let Some(row) = columns.row.try_as_pg_row() else {
        return columns.row.try_get_by_index_nullable(at);
    };
    let value = row.try_get_raw(at).map_err(sqlx_error)?;
    let null = value.is_null();
    // An option decodes a NULL as `None`; any other type refuses it, which sea-orm
    // reports as `Null` (an absent joined row, to `optional_at`).
    T::decode(value).map_err(|e| {
        if null {
            TryGetError::Null(at.to_string())
        } else {
            TryGetError::DbErr(DbErr::Type(format!("column {at}: {e}")))
        }
    })
}

/// Checks that the next column of a PostgreSQL result holds values of type `T`, as sqlx
/// checks each value; elsewhere sea-orm checks each value itself.
fn check_column<T: Type<Postgres>>(columns: &mut Columns<'_>) -> Result<(), DbErr> {
    let at = columns.advance();
    let Some(row) = columns.row.try_as_pg_row() else {
        return Ok(());
    };
    let column = row
        .columns()
        .get(at)
        .ok_or_else(|| DbErr::Type(format!("a row read by position has no column {at}")))?;
    if T::compatible(column.type_info()) {
        Ok(())
    } else {
        Err(DbErr::Type(format!(
            "column {at} ({}) is {}, not {}",
            column.name(),
            column.type_info(),
            std::any::type_name::<T>()
        )))
    }
}

/// Enums stored as text: the text read as [`Decoded`] reads it, then the enum's own
/// conversion, as sea-orm converts it.
pub trait Enumerated<T> {
    fn take(&self, columns: &mut Columns<'_>) -> Result<T, TryGetError>;
    fn check(&self, columns: &mut Columns<'_>) -> Result<(), DbErr>;
}

impl<E: ActiveEnum<Value = String>> Enumerated<E> for &Cell<E> {
    fn take(&self, columns: &mut Columns<'_>) -> Result<E, TryGetError> {
        let text: String = decode(columns)?;
        E::try_from_value(&text).map_err(TryGetError::DbErr)
    }

    fn check(&self, columns: &mut Columns<'_>) -> Result<(), DbErr> {
        check_column::<String>(columns)
    }
}

/// Optional enums stored as text, as [`Enumerated`] reads them.
pub trait OptionalEnumerated<T> {
    fn take(&self, columns: &mut Columns<'_>) -> Result<T, TryGetError>;
    fn check(&self, columns: &mut Columns<'_>) -> Result<(), DbErr>;
}

impl<E: ActiveEnum<Value = String>> OptionalEnumerated<Option<E>> for &Cell<Option<E>> {
    fn take(&self, columns: &mut Columns<'_>) -> Result<Option<E>, TryGetError> {
        let text: Option<String> = decode(columns)?;
        text.map(|t| E::try_from_value(&t))
            .transpose()
            .map_err(TryGetError::DbErr)
    }

    fn check(&self, columns: &mut Columns<'_>) -> Result<(), DbErr> {
        check_column::<String>(columns)
    }
}

/// Everything else (money, JSON documents of our own types): through sea-orm's
/// `TryGetable`, as sea-orm reads them.
pub trait Converted<T> {
    fn take(&self, columns: &mut Columns<'_>) -> Result<T, TryGetError>;
    fn check(&self, columns: &mut Columns<'_>) -> Result<(), DbErr>;
}

impl<T: TryGetable> Converted<T> for Cell<T> {
    fn take(&self, columns: &mut Columns<'_>) -> Result<T, TryGetError> {
        let at = columns.advance();
        columns.row.try_get_by_index_nullable(at)
    }

    /// sea-orm checks each value as it reads it.
    fn check(&self, columns: &mut Columns<'_>) -> Result<(), DbErr> {
        columns.advance();
        Ok(())
    }
}

fn sqlx_error(e: sea_orm::sqlx::Error) -> TryGetError {
    TryGetError::DbErr(DbErr::Query(RuntimeErr::SqlxError(e.into())))
}

/// Declares an entity's `Model` as written and implements [`FromRowAt`] for it from the
/// same field list.
#[macro_export]
macro_rules! by_position {
    (
        $(#[$meta:meta])*
        pub struct Model {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct Model {
            $( $(#[$field_meta])* pub $field: $ty ),*
        }

        impl $crate::row_at::FromRowAt for Model {
            const COLUMNS: usize = Self::FIELDS.len();
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn from_row_at(
                row: &sea_orm::QueryResult,
                start: usize,
            ) -> Result<Self, sea_orm::TryGetError> {
                #[allow(unused_imports)] // a model may have no field of one kind or another
                use $crate::row_at::{
                    Converted as _, Decoded as _, Enumerated as _, OptionalEnumerated as _,
                };
                let mut columns = $crate::row_at::Columns::new(row, start);
                // Struct fields are evaluated in the order written: the columns' order.
                Ok(Self {
                    $($field: (&&$crate::row_at::Cell::<$ty>::default()).take(&mut columns)?),*
                })
            }

            fn check_at(row: &sea_orm::QueryResult, start: usize) -> Result<(), sea_orm::DbErr> {
                #[allow(unused_imports)] // a model may have no field of one kind or another
                use $crate::row_at::{
                    Converted as _, Decoded as _, Enumerated as _, OptionalEnumerated as _,
                };
                let mut columns = $crate::row_at::Columns::new(row, start);
                $((&&$crate::row_at::Cell::<$ty>::default()).check(&mut columns)?;)*
                Ok(())
            }
        }

        #[cfg(test)]
        #[test]
        fn the_model_reads_the_columns_sea_orm_selects_in_their_order() {
            use sea_orm::{IdenStatic, Iterable};
            let selected: Vec<&str> = Column::iter().map(|c| c.as_str()).collect();
            assert_eq!(<Model as $crate::row_at::FromRowAt>::FIELDS, selected);
        }
    };
}
