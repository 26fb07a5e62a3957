//! In-kind aid (爱心超市): 「在全市困难职工较为聚中的区域建设了7个“爱心超市”。各“爱心超市”
//! 全部设置了衣物架、粮油供应区」, where registered hardship families collect goods.
//! Stores, the goods catalogue, stock that moves only through an append-only ledger
//! (donations, purchases paid from an assistance fund, hand-outs, transfers, write-offs),
//! and hand-outs within a quota per hardship level and period.

pub mod graphql;
pub mod rules;
pub mod service;
