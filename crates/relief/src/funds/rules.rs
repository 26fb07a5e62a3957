//! Ledger rules: 「帮扶资金由财务部统一管理，专帐核算」 and 「量入为出」. Pure: the hash
//! chain and the balance check.

use chrono::{DateTime, Utc};
use entity::{EntryKind, IncomeCategory, Money};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Hash of the chain before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an entry that its hash covers: everything but the hash itself.
pub struct EntryFacts<'a> {
    pub id: Uuid,
    pub fund_id: Uuid,
    pub sequence: i64,
    pub kind: EntryKind,
    pub category: Option<IncomeCategory>,
    pub amount: Money,
    pub donor: Option<&'a str>,
    pub memo: Option<&'a str>,
    pub payout_item_id: Option<Uuid>,
    pub reverses_entry_id: Option<Uuid>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// SHA-256 over the predecessor's hash and the entry's fields, in a fixed layout.
pub fn entry_hash(prev_hash: &str, e: &EntryFacts<'_>) -> String {
    let opt = |u: Option<Uuid>| u.map(|u| u.to_string()).unwrap_or_default();
    let canonical = serde_json::json!([
        prev_hash,
        e.id.to_string(),
        e.fund_id.to_string(),
        e.sequence,
        e.kind,
        e.category,
        e.amount.fen(),
        e.donor.unwrap_or_default(),
        e.memo.unwrap_or_default(),
        opt(e.payout_item_id),
        opt(e.reverses_entry_id),
        e.recorded_by.to_string(),
        e.recorded_at.timestamp_millis(),
    ]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// Timestamps are kept to the millisecond, so the hash reads the same from either
/// database (PostgreSQL keeps microseconds, SQLite text).
pub fn ledger_time(now: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
}

/// The balance after adding `amount`, unless it would go below zero (量入为出).
pub fn balance_after(balance: Money, amount: Money) -> Option<Money> {
    let next = balance.fen().checked_add(amount.fen())?;
    (next >= 0).then_some(Money::from_fen(next))
}

/// Whether an entry sits rightly in its chain: its sequence follows, it names its
/// predecessor's hash, and its own hash matches its fields.
pub fn entry_ok(
    prev_hash: &str,
    expected_sequence: i64,
    stored_prev: &str,
    stored_hash: &str,
    facts: &EntryFacts<'_>,
) -> bool {
    facts.sequence == expected_sequence
        && stored_prev == prev_hash
        && entry_hash(prev_hash, facts) == stored_hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(sequence: i64, fen: i64) -> EntryFacts<'static> {
        EntryFacts {
            id: Uuid::nil(),
            fund_id: Uuid::nil(),
            sequence,
            kind: EntryKind::Income,
            category: Some(IncomeCategory::Donation),
            amount: Money::from_fen(fen),
            donor: Some("爱心企业"),
            memo: None,
            payout_item_id: None,
            reverses_entry_id: None,
            recorded_by: Uuid::nil(),
            recorded_at: DateTime::from_timestamp_millis(1_700_000_000_000).unwrap(),
        }
    }

    /// 「量入为出」: the balance never goes below zero.
    #[test]
    fn a_payout_beyond_the_balance_is_refused() {
        assert_eq!(
            balance_after(Money::from_fen(50000), Money::from_fen(-50000)),
            Some(Money::ZERO)
        );
        assert_eq!(
            balance_after(Money::from_fen(50000), Money::from_fen(-50001)),
            None
        );
        assert_eq!(
            balance_after(Money::ZERO, Money::from_fen(100)),
            Some(Money::from_fen(100))
        );
    }

    #[test]
    fn the_chain_detects_an_edited_amount_and_a_missing_entry() {
        let h1 = entry_hash(GENESIS, &facts(1, 100));
        let h2 = entry_hash(&h1, &facts(2, 200));
        assert!(entry_ok(GENESIS, 1, GENESIS, &h1, &facts(1, 100)));
        assert!(entry_ok(&h1, 2, &h1, &h2, &facts(2, 200)));
        // Amount changed behind the ledger's back.
        assert!(!entry_ok(GENESIS, 1, GENESIS, &h1, &facts(1, 999)));
        // First entry deleted: the second now stands first.
        assert!(!entry_ok(GENESIS, 1, &h1, &h2, &facts(2, 200)));
    }
}
