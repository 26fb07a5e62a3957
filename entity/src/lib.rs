//! Database entities of bangfu, one module per table.
//!
//! Enumerations stored in columns derive both `DeriveActiveEnum` (stored as stable English
//! strings) and `async_graphql::Enum`, so the GraphQL schema and the database share one
//! definition; each variant's doc comment becomes its GraphQL description.

pub mod app_setting;
pub mod application_transition;
pub mod assistance_application;
pub mod audit_log;
pub mod calendar_day;
pub mod campaign;
pub mod campaign_recipient;
pub mod case_cause;
pub mod case_document;
pub mod case_evaluation;
pub mod case_objection;
pub mod case_relief;
pub mod case_transition;
pub mod case_visit;
pub mod certificate;
pub mod condolence;
pub mod contact;
pub mod contact_callback;
pub mod desk_enums;
pub mod employer;
pub mod enrollment;
pub mod enums;
pub mod export_batch;
pub mod fair_attendee;
pub mod fair_employer;
pub mod fair_intent;
pub mod fair_posting;
pub mod fee_waiver;
pub mod fund;
pub mod guidance_session;
pub mod hardship_case;
pub mod household;
pub mod household_member;
pub mod job_fair;
pub mod job_seeker;
pub mod ledger_entry;
pub mod legal_aid_case;
pub mod legal_aid_step;
pub mod legal_aid_transition;
pub mod login_throttle;
pub mod minimum_wage;
pub mod model_worker;
pub mod money;
pub mod org_unit;
pub mod payout_account;
pub mod payout_batch;
pub mod payout_item;
pub mod petition;
pub mod petition_policy;
pub mod petition_transition;
pub mod placement;
pub mod posting;
pub mod poverty_line;
pub mod referral;
pub mod seeker_category;
pub mod skill_assessment;
pub mod subsidy_standard;
pub mod training_course;
pub mod user;
pub mod women_rights_case;
pub mod women_rights_handler;
pub mod worker;

pub use desk_enums::*;
pub use enums::*;
pub use money::Money;
