//! Relay global object identification: opaque `ID`s and cursors (the `node(id:)` lookup
//! itself is assembled with the schema, in `lookup`).

use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

/// Encodes the global ID of a `kind` object.
pub fn global_id(kind: &str, id: Uuid) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{kind}:{id}")))
}

/// Decodes any global ID into its type name and row id.
pub fn parse(id: &str) -> Option<(String, Uuid)> {
    let bytes = URL_SAFE_NO_PAD.decode(id).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (kind, raw) = text.split_once(':')?;
    Some((kind.to_owned(), Uuid::parse_str(raw).ok()?))
}

/// Decodes the global ID of a `kind` object given in input `field`.
pub fn decode(id: &ID, kind: &'static str, field: &str) -> ApiResult<Uuid> {
    match parse(id) {
        Some((k, uuid)) if k == kind => Ok(uuid),
        _ => Err(ApiError::bad_input(field, format!("not a valid {kind} ID"))),
    }
}

/// Decodes a global ID of any type given in input `field`.
pub fn decode_any(id: &ID, field: &str) -> ApiResult<Uuid> {
    parse(id)
        .map(|(_, uuid)| uuid)
        .ok_or_else(|| ApiError::bad_input(field, "not a valid ID"))
}

/// Decodes an optional global ID.
pub fn decode_opt(id: Option<&ID>, kind: &'static str, field: &str) -> ApiResult<Option<Uuid>> {
    id.map(|id| decode(id, kind, field)).transpose()
}

/// Encodes a connection cursor (the id of the edge's row).
pub fn cursor(id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

/// Decodes a connection cursor given in argument `field`.
pub fn decode_cursor(cursor: Option<String>, field: &str) -> ApiResult<Option<Uuid>> {
    cursor
        .map(|c| {
            URL_SAFE_NO_PAD
                .decode(c.as_bytes())
                .ok()
                .and_then(|b| Uuid::from_slice(&b).ok())
                .ok_or_else(|| ApiError::bad_input(field, "not a valid cursor"))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_ids_round_trip_and_check_their_type() {
        let id = Uuid::now_v7();
        let gid = global_id("OrgUnit", id);
        assert_eq!(decode(&gid, "OrgUnit", "id").unwrap(), id);
        assert!(decode(&gid, "User", "id").is_err());
        assert!(decode(&ID("garbage".into()), "OrgUnit", "id").is_err());
        let c = cursor(id);
        assert_eq!(decode_cursor(Some(c), "after").unwrap(), Some(id));
    }
}
