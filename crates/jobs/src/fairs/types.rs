//! The fairs' object type other domains point to (a referral's fair), declared apart from
//! its fields (resolved in `graphql`), which point back to the agency's types.

use entity::job_fair;

/// A special job fair (专场招聘会).
pub struct JobFair(pub job_fair::Model);
