//! Hardship registry: workers, households, poverty lines, the working-day calendar, and
//! cases with their evaluations, history, documents, objections and visits.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: &[&'static str],
) -> Result<(), DbErr> {
    let mut stmt = Index::create().name(name).table(table).to_owned();
    for col in cols {
        stmt.col(Alias::new(*col));
    }
    manager.create_index(stmt).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Worker::Table)
                    .col(pk_uuid(Worker::Id))
                    .col(uuid(Worker::OrgUnitId))
                    .col(string_len(Worker::Name, 50))
                    .col(string_len_uniq(Worker::IdNumber, 18))
                    .col(string_len(Worker::Gender, 8))
                    .col(date(Worker::BirthDate))
                    .col(string_len_null(Worker::Phone, 20))
                    .col(string_len(Worker::EmploymentType, 32))
                    .col(string_len(Worker::EmploymentStatus, 16))
                    .col(string_len(Worker::Education, 24))
                    .col(string_len(Worker::Occupation, 16))
                    .col(boolean(Worker::UnionMember))
                    .col(boolean(Worker::FundContributor))
                    .col(timestamp_with_time_zone(Worker::CreatedAt))
                    .col(timestamp_with_time_zone(Worker::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_worker_org_unit",
                        (Worker::Table, Worker::OrgUnitId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_worker_org_unit",
            Worker::Table,
            &["org_unit_id"],
        )
        .await?;
        index(manager, "idx_worker_name", Worker::Table, &["name"]).await?;

        manager
            .create_table(
                Table::create()
                    .table(Household::Table)
                    .col(uuid(Household::WorkerId).primary_key())
                    .col(boolean(Household::ReceivesMinimumAllowance))
                    .col(integer(Household::HomesOwned))
                    .col(boolean(Household::OwnsBusiness))
                    .col(boolean(Household::UsesVehicles))
                    .col(boolean(Household::SingleParent))
                    .col(boolean(Household::Widowed))
                    .col(boolean(Household::LivesAlone))
                    .col(boolean(Household::DisasterLoss))
                    .col(text_null(Household::OtherSpecialCause))
                    .col(integer(Household::MemberCount))
                    .col(big_integer(Household::IncomeTotal))
                    .col(integer(Household::IllCount))
                    .col(integer(Household::SeriouslyIllCount))
                    .col(integer(Household::DisabledCount))
                    .col(integer(Household::ChildrenInSchool))
                    .col(integer(Household::ChildrenAtUniversity))
                    .col(boolean(Household::HighFeeSchooling))
                    .col(timestamp_with_time_zone(Household::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_household_worker",
                        (Household::Table, Household::WorkerId),
                        (Worker::Table, Worker::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HouseholdMember::Table)
                    .col(pk_uuid(HouseholdMember::Id))
                    .col(uuid(HouseholdMember::WorkerId))
                    .col(integer(HouseholdMember::Position))
                    .col(string_len_null(HouseholdMember::Name, 50))
                    .col(string_len(HouseholdMember::Kinship, 16))
                    .col(date_null(HouseholdMember::BirthDate))
                    .col(big_integer(HouseholdMember::MonthlyIncome))
                    .col(string_len(HouseholdMember::Health, 24))
                    .col(boolean(HouseholdMember::Disabled))
                    .col(string_len(HouseholdMember::Schooling, 24))
                    .foreign_key(&mut fk(
                        "fk_household_member_worker",
                        (HouseholdMember::Table, HouseholdMember::WorkerId),
                        (Worker::Table, Worker::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_household_member_worker",
            HouseholdMember::Table,
            &["worker_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(PovertyLine::Table)
                    .col(pk_uuid(PovertyLine::Id))
                    .col(string_len(PovertyLine::RegionCode, 6))
                    .col(integer(PovertyLine::Year))
                    .col(big_integer(PovertyLine::MonthlyAmount))
                    .col(timestamp_with_time_zone(PovertyLine::CreatedAt))
                    .col(timestamp_with_time_zone(PovertyLine::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_poverty_line_region_year")
                    .table(PovertyLine::Table)
                    .col(PovertyLine::RegionCode)
                    .col(PovertyLine::Year)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CalendarDay::Table)
                    .col(date(CalendarDay::Day).primary_key())
                    .col(string_len(CalendarDay::Kind, 16))
                    .col(string_len_null(CalendarDay::Name, 50))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HardshipCase::Table)
                    .col(pk_uuid(HardshipCase::Id))
                    .col(uuid(HardshipCase::WorkerId))
                    .col(uuid(HardshipCase::OrgUnitId))
                    .col(string_len(HardshipCase::Status, 24))
                    .col(string_len_null(HardshipCase::Level, 16))
                    .col(json_binary(HardshipCase::FiveClears))
                    .col(text_null(HardshipCase::AssistancePlan))
                    .col(text_null(HardshipCase::Notes))
                    .col(string_len_null(HardshipCase::PairedCadreName, 50))
                    .col(string_len_null(HardshipCase::PairedCadrePosition, 100))
                    .col(uuid(HardshipCase::CreatedBy))
                    .col(uuid_null(HardshipCase::SubmittedBy))
                    .col(timestamp_with_time_zone_null(HardshipCase::SubmittedAt))
                    .col(date_null(HardshipCase::NoticeStart))
                    .col(date_null(HardshipCase::NoticeEnd))
                    .col(date_null(HardshipCase::ActivatedOn))
                    .col(date_null(HardshipCase::ReviewDueOn))
                    .col(boolean(HardshipCase::ExitProposed))
                    .col(json_binary(HardshipCase::ExitProposalReasons))
                    .col(boolean(HardshipCase::NeedsReevaluation))
                    .col(string_len_null(HardshipCase::ExitReason, 24))
                    .col(text_null(HardshipCase::ExitNote))
                    .col(timestamp_with_time_zone_null(HardshipCase::ExitedAt))
                    .col(timestamp_with_time_zone(HardshipCase::CreatedAt))
                    .col(timestamp_with_time_zone(HardshipCase::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_case_worker",
                        (HardshipCase::Table, HardshipCase::WorkerId),
                        (Worker::Table, Worker::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_case_org_unit",
                        (HardshipCase::Table, HardshipCase::OrgUnitId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_case_worker",
            HardshipCase::Table,
            &["worker_id"],
        )
        .await?;
        index(
            manager,
            "idx_case_org_status",
            HardshipCase::Table,
            &["org_unit_id", "status"],
        )
        .await?;
        index(
            manager,
            "idx_case_status_notice_end",
            HardshipCase::Table,
            &["status", "notice_end"],
        )
        .await?;
        // One open or active case per worker: rejected and exited cases do not count.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_case_open_per_worker ON hardship_case (worker_id) \
                 WHERE status NOT IN ('REJECTED', 'EXITED')",
            )
            .await?;

        for (table, column, width) in [
            (
                CaseCause::Table.into_iden(),
                CaseCause::Cause.into_iden(),
                24,
            ),
            (
                CaseRelief::Table.into_iden(),
                CaseRelief::Relief.into_iden(),
                32,
            ),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table.clone())
                        .col(uuid(CaseCause::CaseId))
                        .col(string_len(column.clone(), width))
                        .primary_key(Index::create().col(CaseCause::CaseId).col(column))
                        .foreign_key(
                            ForeignKey::create()
                                .from(table, CaseCause::CaseId)
                                .to(HardshipCase::Table, HardshipCase::Id),
                        )
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(CaseEvaluation::Table)
                    .col(pk_uuid(CaseEvaluation::Id))
                    .col(uuid(CaseEvaluation::CaseId))
                    .col(string_len(CaseEvaluation::Stage, 24))
                    .col(timestamp_with_time_zone(CaseEvaluation::At))
                    .col(uuid_null(CaseEvaluation::ActorId))
                    .col(boolean(CaseEvaluation::Eligible))
                    .col(string_len_null(CaseEvaluation::Level, 16))
                    .col(json_binary(CaseEvaluation::Matched))
                    .col(json_binary(CaseEvaluation::Excluded))
                    .col(big_integer(CaseEvaluation::PerCapitaIncome))
                    .col(big_integer(CaseEvaluation::PovertyLine))
                    .col(string_len(CaseEvaluation::PolicyVersion, 64))
                    .col(json_binary(CaseEvaluation::Inputs))
                    .foreign_key(&mut fk(
                        "fk_case_evaluation_case",
                        (CaseEvaluation::Table, CaseEvaluation::CaseId),
                        (HardshipCase::Table, HardshipCase::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_case_evaluation_case",
            CaseEvaluation::Table,
            &["case_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseTransition::Table)
                    .col(pk_uuid(CaseTransition::Id))
                    .col(uuid(CaseTransition::CaseId))
                    .col(string_len_null(CaseTransition::FromStatus, 24))
                    .col(string_len(CaseTransition::ToStatus, 24))
                    .col(uuid_null(CaseTransition::ActorId))
                    .col(string_len(CaseTransition::ActorUsername, 64))
                    .col(timestamp_with_time_zone(CaseTransition::At))
                    .col(text_null(CaseTransition::Comment))
                    .foreign_key(&mut fk(
                        "fk_case_transition_case",
                        (CaseTransition::Table, CaseTransition::CaseId),
                        (HardshipCase::Table, HardshipCase::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_case_transition_case",
            CaseTransition::Table,
            &["case_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseDocument::Table)
                    .col(pk_uuid(CaseDocument::Id))
                    .col(uuid(CaseDocument::CaseId))
                    .col(string_len(CaseDocument::Kind, 32))
                    .col(date_null(CaseDocument::IssuedOn))
                    .col(string_len_null(CaseDocument::Issuer, 100))
                    .col(boolean(CaseDocument::QualifiedIssuer))
                    .col(text_null(CaseDocument::Note))
                    .col(uuid(CaseDocument::RecordedBy))
                    .col(timestamp_with_time_zone(CaseDocument::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_case_document_case",
                        (CaseDocument::Table, CaseDocument::CaseId),
                        (HardshipCase::Table, HardshipCase::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_case_document_case",
            CaseDocument::Table,
            &["case_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseObjection::Table)
                    .col(pk_uuid(CaseObjection::Id))
                    .col(uuid(CaseObjection::CaseId))
                    .col(text(CaseObjection::Reason))
                    .col(uuid(CaseObjection::LodgedBy))
                    .col(timestamp_with_time_zone(CaseObjection::LodgedAt))
                    .foreign_key(&mut fk(
                        "fk_case_objection_case",
                        (CaseObjection::Table, CaseObjection::CaseId),
                        (HardshipCase::Table, HardshipCase::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_case_objection_case",
            CaseObjection::Table,
            &["case_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseVisit::Table)
                    .col(pk_uuid(CaseVisit::Id))
                    .col(uuid(CaseVisit::CaseId))
                    .col(date(CaseVisit::VisitedOn))
                    .col(string_len(CaseVisit::Visitor, 50))
                    .col(text(CaseVisit::Notes))
                    .col(uuid(CaseVisit::RecordedBy))
                    .col(timestamp_with_time_zone(CaseVisit::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_case_visit_case",
                        (CaseVisit::Table, CaseVisit::CaseId),
                        (HardshipCase::Table, HardshipCase::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_case_visit_case",
            CaseVisit::Table,
            &["case_id"],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CaseVisit::Table.into_iden(),
            CaseObjection::Table.into_iden(),
            CaseDocument::Table.into_iden(),
            CaseTransition::Table.into_iden(),
            CaseEvaluation::Table.into_iden(),
            CaseRelief::Table.into_iden(),
            CaseCause::Table.into_iden(),
            HardshipCase::Table.into_iden(),
            CalendarDay::Table.into_iden(),
            PovertyLine::Table.into_iden(),
            HouseholdMember::Table.into_iden(),
            Household::Table.into_iden(),
            Worker::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Worker {
    Table,
    Id,
    OrgUnitId,
    Name,
    IdNumber,
    Gender,
    BirthDate,
    Phone,
    EmploymentType,
    EmploymentStatus,
    Education,
    Occupation,
    UnionMember,
    FundContributor,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Household {
    Table,
    WorkerId,
    ReceivesMinimumAllowance,
    HomesOwned,
    OwnsBusiness,
    UsesVehicles,
    SingleParent,
    Widowed,
    LivesAlone,
    DisasterLoss,
    OtherSpecialCause,
    MemberCount,
    IncomeTotal,
    IllCount,
    SeriouslyIllCount,
    DisabledCount,
    ChildrenInSchool,
    ChildrenAtUniversity,
    HighFeeSchooling,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum HouseholdMember {
    Table,
    Id,
    WorkerId,
    Position,
    Name,
    Kinship,
    BirthDate,
    MonthlyIncome,
    Health,
    Disabled,
    Schooling,
}

#[derive(DeriveIden)]
enum PovertyLine {
    Table,
    Id,
    RegionCode,
    Year,
    MonthlyAmount,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CalendarDay {
    Table,
    Day,
    Kind,
    Name,
}

#[derive(DeriveIden)]
enum HardshipCase {
    Table,
    Id,
    WorkerId,
    OrgUnitId,
    Status,
    Level,
    FiveClears,
    AssistancePlan,
    Notes,
    PairedCadreName,
    PairedCadrePosition,
    CreatedBy,
    SubmittedBy,
    SubmittedAt,
    NoticeStart,
    NoticeEnd,
    ActivatedOn,
    ReviewDueOn,
    ExitProposed,
    ExitProposalReasons,
    NeedsReevaluation,
    ExitReason,
    ExitNote,
    ExitedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CaseCause {
    Table,
    CaseId,
    Cause,
}

#[derive(DeriveIden)]
enum CaseRelief {
    Table,
    Relief,
}

#[derive(DeriveIden)]
enum CaseEvaluation {
    Table,
    Id,
    CaseId,
    Stage,
    At,
    ActorId,
    Eligible,
    Level,
    Matched,
    Excluded,
    PerCapitaIncome,
    PovertyLine,
    PolicyVersion,
    Inputs,
}

#[derive(DeriveIden)]
enum CaseTransition {
    Table,
    Id,
    CaseId,
    FromStatus,
    ToStatus,
    ActorId,
    ActorUsername,
    At,
    Comment,
}

#[derive(DeriveIden)]
enum CaseDocument {
    Table,
    Id,
    CaseId,
    Kind,
    IssuedOn,
    Issuer,
    QualifiedIssuer,
    Note,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CaseObjection {
    Table,
    Id,
    CaseId,
    Reason,
    LodgedBy,
    LodgedAt,
}

#[derive(DeriveIden)]
enum CaseVisit {
    Table,
    Id,
    CaseId,
    VisitedOn,
    Visitor,
    Notes,
    RecordedBy,
    CreatedAt,
}
