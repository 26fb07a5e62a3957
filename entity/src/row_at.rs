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

use sea_orm::{DbErr, QueryResult, TryGetError, TryGetable};

/// A model read from consecutive columns of a row, in the order of its fields.
pub trait FromRowAt: Sized {
    /// How many columns the model reads.
    const COLUMNS: usize;

    /// The column names, in the order they are read.
    const FIELDS: &'static [&'static str];

    /// Reads the model from the columns `start..start + COLUMNS` of `row`.
    fn from_row_at(row: &QueryResult, start: usize) -> Result<Self, TryGetError>;

    /// The model, or `None` where an outer join found no row: as in sea-orm's joins, a
    /// NULL in a column the model requires means the row is absent. Stricter than
    /// sea-orm's, a value of the wrong type is an error rather than an absent row.
    fn optional_at(row: &QueryResult, start: usize) -> Result<Option<Self>, DbErr> {
        match Self::from_row_at(row, start) {
            Ok(model) => Ok(Some(model)),
            Err(TryGetError::Null(_)) => Ok(None),
            Err(TryGetError::DbErr(e)) => Err(e),
        }
    }
}

/// Checks, in debug builds (the tests), that `row` has exactly the columns its models
/// read: a column added to a query (`column_as`, `expr`) would shift every one after it.
pub fn debug_assert_width(row: &QueryResult, columns: usize) {
    debug_assert_eq!(
        row.column_names().len(),
        columns,
        "a row read by position has other columns than its models"
    );
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

    /// The next column's value.
    pub fn take<T: TryGetable>(&mut self) -> Result<T, TryGetError> {
        let value = self.row.try_get_by_index_nullable(self.at);
        self.at += 1;
        value
    }
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
                let mut columns = $crate::row_at::Columns::new(row, start);
                // Struct fields are evaluated in the order written: the columns' order.
                Ok(Self { $($field: columns.take()?),* })
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
