//! Data exchange with spreadsheets (Excel and CSV): exports downloaded over HTTP with the
//! caller's token, imports of workers, job seekers and employers (`import`), and the
//! sheet format they share.

pub mod exports;
pub mod http;
pub mod import;
pub mod labels;
pub mod sheet;

pub use sheet::{Cell, Format, Sheet};
