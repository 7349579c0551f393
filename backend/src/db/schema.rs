//! The diesel schema, the same on SQLite and PostgreSQL (see migrations/).

diesel::table! {
    programme (id) {
        id -> Integer,
        name_uk -> Text,
        name_en -> Text,
        region_uk -> Text,
        region_en -> Text,
        region_code -> Text,
        decision_uk -> Text,
        decision_en -> Text,
        developer_uk -> Text,
        developer_en -> Text,
        head_uk -> Text,
        head_en -> Text,
        start_year -> Integer,
        end_year -> Integer,
    }
}

diesel::table! {
    envelope (id) {
        id -> Integer,
        year -> Integer,
        source -> Text,
        amount_uah -> BigInt,
    }
}

diesel::table! {
    directions (id) {
        id -> Integer,
        number -> Integer,
        name_uk -> Text,
        name_en -> Text,
    }
}

diesel::table! {
    tasks (id) {
        id -> Integer,
        direction_id -> Integer,
        number -> Integer,
        name_uk -> Text,
        name_en -> Text,
    }
}

diesel::table! {
    orgs (id) {
        id -> Integer,
        slug -> Text,
        code -> Nullable<Text>,
        kind -> Text,
        name_uk -> Text,
        name_en -> Text,
        parent_id -> Nullable<Integer>,
        settlement_kind -> Nullable<Text>,
        population -> Nullable<BigInt>,
        sort_order -> Integer,
    }
}

diesel::table! {
    users (id) {
        id -> Integer,
        login -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        org_id -> Nullable<Integer>,
        is_demo -> Bool,
        created_at -> BigInt,
        must_change_password -> Bool,
        disabled -> Bool,
    }
}

diesel::table! {
    sessions (id) {
        id -> Integer,
        token_hash -> Text,
        user_id -> Integer,
        csrf_token -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
    }
}

diesel::table! {
    measures (id) {
        id -> Integer,
        task_id -> Integer,
        org_id -> Integer,
        name_uk -> Text,
        name_en -> Text,
        description -> Text,
        expected_result -> Text,
        start_year -> Integer,
        end_year -> Integer,
        is_demo -> Bool,
        version -> Integer,
        created_at -> BigInt,
        updated_at -> BigInt,
        updated_by -> Nullable<Integer>,
        status -> Text,
        approved_in -> Nullable<Integer>,
    }
}

diesel::table! {
    budget_lines (id) {
        id -> Integer,
        measure_id -> Integer,
        year -> Integer,
        source -> Text,
        amount_uah -> BigInt,
    }
}

diesel::table! {
    plan_state (id) {
        id -> Integer,
        revision -> BigInt,
        report_revision -> BigInt,
    }
}

diesel::table! {
    published_documents (id) {
        id -> Integer,
        kind -> Text,
        format -> Text,
        period -> Text,
        source -> Nullable<Text>,
        lang -> Text,
        title_uk -> Text,
        title_en -> Text,
        period_uk -> Text,
        period_en -> Text,
        is_draft -> Bool,
        filename -> Text,
        sha256 -> Text,
        size -> BigInt,
        bytes -> Binary,
        published_at -> BigInt,
        published_by -> Integer,
    }
}

diesel::joinable!(tasks -> directions (direction_id));
diesel::joinable!(measures -> tasks (task_id));
diesel::joinable!(measures -> orgs (org_id));
diesel::joinable!(budget_lines -> measures (measure_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(users -> orgs (org_id));

diesel::joinable!(report_frozen -> reports (report_id));

diesel::allow_tables_to_appear_in_same_query!(
    report_frozen,
    programme,
    envelope,
    directions,
    tasks,
    orgs,
    users,
    sessions,
    measures,
    budget_lines,
    plan_state,
);

diesel::table! {
    audit_log (id) {
        id -> Integer,
        seq -> BigInt,
        at -> BigInt,
        user_id -> Nullable<Integer>,
        user_name -> Text,
        actor_org_id -> Nullable<Integer>,
        action -> Text,
        entity -> Text,
        entity_id -> Nullable<Integer>,
        subject_org_id -> Nullable<Integer>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        seq -> BigInt,
        last_hash -> Text,
    }
}

diesel::table! {
    comments (id) {
        id -> Integer,
        entity -> Text,
        entity_id -> Integer,
        parent_id -> Nullable<Integer>,
        author_id -> Integer,
        author_name -> Text,
        body -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    notifications (id) {
        id -> Integer,
        user_id -> Integer,
        kind -> Text,
        measure_id -> Nullable<Integer>,
        proposal_id -> Nullable<Integer>,
        org_id -> Integer,
        by_name -> Text,
        summary -> Text,
        at -> BigInt,
        read_at -> Nullable<BigInt>,
        period -> Nullable<Text>,
        dedupe_key -> Nullable<Text>,
        facts -> Nullable<Text>,
    }
}

diesel::table! {
    presence (measure_id, user_id) {
        measure_id -> Integer,
        user_id -> Integer,
        user_name -> Text,
        org_id -> Nullable<Integer>,
        editing -> Bool,
        seen_at -> BigInt,
    }
}

diesel::table! {
    plan_versions (number) {
        number -> Integer,
        approved_at -> BigInt,
        decision_uk -> Text,
        decision_en -> Text,
        approved_by -> Nullable<Integer>,
        approved_by_name -> Nullable<Text>,
        proposal_id -> Nullable<Integer>,
    }
}

diesel::table! {
    plan_version_measures (version, measure_id) {
        version -> Integer,
        measure_id -> Integer,
        payload -> Nullable<Text>,
    }
}

diesel::table! {
    proposals (id) {
        id -> Integer,
        org_id -> Integer,
        author_id -> Integer,
        author_name -> Text,
        state -> Text,
        needs_endorsement -> Bool,
        note -> Text,
        base_version -> Integer,
        version -> Integer,
        created_at -> BigInt,
        updated_at -> BigInt,
        submitted_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    proposal_lines (id) {
        id -> Integer,
        proposal_id -> Integer,
        measure_id -> Integer,
        line_key -> Text,
        change -> Text,
        state -> Text,
        reason -> Nullable<Text>,
        decided_by_name -> Nullable<Text>,
        decided_at -> Nullable<BigInt>,
        returned_note -> Nullable<Text>,
    }
}

diesel::table! {
    proposal_steps (id) {
        id -> Integer,
        proposal_id -> Integer,
        at -> BigInt,
        by_name -> Text,
        action -> Text,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    workflow_settings (id) {
        id -> Integer,
        community_requires_district -> Bool,
    }
}

diesel::joinable!(proposal_lines -> proposals (proposal_id));
diesel::allow_tables_to_appear_in_same_query!(proposals, proposal_lines, measures);

diesel::table! {
    indicators (id) {
        id -> Integer,
        code -> Text,
        definition -> Text,
        sort_order -> Integer,
        is_demo -> Bool,
        version -> Integer,
        updated_at -> BigInt,
    }
}

diesel::table! {
    reports (id) {
        id -> Integer,
        org_id -> Integer,
        period -> Text,
        stage -> Text,
        version -> Integer,
        first_submitted_on -> Nullable<Text>,
        submitted_on -> Nullable<Text>,
        approved_on -> Nullable<Text>,
        updated_at -> BigInt,
        updated_by -> Nullable<Integer>,
    }
}

diesel::table! {
    report_measures (report_id, measure_id) {
        report_id -> Integer,
        measure_id -> Integer,
        status -> Nullable<Text>,
        narrative -> Text,
        reasons -> Text,
    }
}

diesel::table! {
    report_spending (report_id, measure_id, source) {
        report_id -> Integer,
        measure_id -> Integer,
        year -> Integer,
        source -> Text,
        amount_uah -> BigInt,
        comment -> Text,
    }
}

diesel::table! {
    report_frozen (report_id) {
        report_id -> Integer,
        content -> Text,
        frozen_at -> BigInt,
    }
}

diesel::table! {
    report_values (report_id, indicator_id) {
        report_id -> Integer,
        indicator_id -> Integer,
        value -> Nullable<Text>,
        comment -> Text,
    }
}

diesel::table! {
    report_steps (id) {
        id -> Integer,
        report_id -> Integer,
        action -> Text,
        by_user -> Nullable<Integer>,
        by_name -> Text,
        reason -> Nullable<Text>,
        at -> BigInt,
    }
}

diesel::table! {
    budget_approved (measure_id, year, source) {
        measure_id -> Integer,
        year -> Integer,
        source -> Text,
        amount_uah -> BigInt,
    }
}

diesel::table! {
    budget_decisions (measure_id) {
        measure_id -> Integer,
        version -> Integer,
        updated_at -> BigInt,
        updated_by -> Nullable<Integer>,
    }
}

diesel::table! {
    reporting_settings (id) {
        id -> Integer,
        remind_days_before -> Integer,
        max_change_percent -> Text,
    }
}

diesel::table! {
    local_programmes (org_id) {
        org_id -> Integer,
        title -> Text,
        decision -> Text,
        decision_date -> Nullable<Text>,
        first_year -> Integer,
        last_year -> Integer,
        status -> Text,
        is_demo -> Bool,
        version -> Integer,
        updated_at -> BigInt,
        updated_by -> Nullable<Integer>,
    }
}

diesel::table! {
    local_programme_funds (org_id, year, source) {
        org_id -> Integer,
        year -> Integer,
        source -> Text,
        amount_uah -> BigInt,
    }
}

diesel::table! {
    local_programme_tasks (org_id, task_id) {
        org_id -> Integer,
        task_id -> Integer,
    }
}

diesel::joinable!(report_measures -> reports (report_id));
diesel::joinable!(report_spending -> reports (report_id));
diesel::joinable!(report_values -> reports (report_id));
diesel::joinable!(report_steps -> reports (report_id));
diesel::allow_tables_to_appear_in_same_query!(
    reports,
    report_measures,
    report_spending,
    report_values,
    report_steps,
    orgs,
);
