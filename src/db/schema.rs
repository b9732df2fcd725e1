//! The database schema, portable across SQLite and PostgreSQL (Text ids and enums, Integer,
//! BigInt, Bool, Timestamp in UTC). Kept in step with `migrations/`; a test compares them.

diesel::table! {
    people (id) {
        id -> Text,
        email -> Text,
        email_normalized -> Text,
        name -> Text,
        language -> Text,
        time_zone -> Text,
        org_unit -> Nullable<Text>,
        manager_email -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        status -> Text,
        lock_version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_sign_in_at -> Nullable<Timestamp>,
        employee_id -> Nullable<Text>,
        manager_employee_id -> Nullable<Text>,
        scim_external_id -> Nullable<Text>,
        scim_deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    org_units (name) {
        name -> Text,
        parent -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    scim_tokens (id) {
        id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    role_grants (id) {
        id -> Text,
        person_id -> Text,
        role -> Text,
        scope -> Text,
        granted_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        person_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    sign_in_tokens (token_hash) {
        token_hash -> Text,
        person_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sso_identities (issuer, subject) {
        issuer -> Text,
        subject -> Text,
        person_id -> Text,
        email -> Text,
        created_at -> Timestamp,
        last_sign_in_at -> Timestamp,
    }
}

diesel::table! {
    sso_logins (state_hash) {
        state_hash -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        next_path -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        person_id -> Text,
        name -> Text,
        token_hash -> Text,
        prefix -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_limits (bucket) {
        bucket -> Text,
        window_start -> Timestamp,
        hits -> Integer,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        object_type -> Text,
        object_id -> Nullable<Text>,
        program_id -> Nullable<Text>,
        details -> Text,
        client_ip -> Nullable<Text>,
    }
}

diesel::table! {
    programs (id) {
        id -> Text,
        slug -> Text,
        created_at -> Timestamp,
        kind -> Text,
    }
}

diesel::table! {
    curriculum_versions (id) {
        id -> Text,
        program_id -> Text,
        sequence -> Integer,
        content_hash -> Text,
        title_de -> Text,
        title_en -> Text,
        description_de -> Text,
        description_en -> Text,
        validity_months -> Integer,
        min_total_points -> Integer,
        min_attendance_percent -> Integer,
        excused_counts -> Bool,
        grading_days -> Integer,
        hard_cutoff -> Bool,
        created_at -> Timestamp,
        anonymous_grading -> Bool,
        reveal_reviewer -> Bool,
        moderation_sample_percent -> Integer,
        reallocate_overdue -> Bool,
        calibration_references -> Integer,
        calibration_hidden_percent -> Integer,
        community_de -> Nullable<Text>,
        community_en -> Nullable<Text>,
        pass_percent -> Integer,
        requires_program -> Nullable<Text>,
        manager_approval -> Bool,
        renews_program -> Nullable<Text>,
        renewal_grace_months -> Integer,
        live_sessions -> Nullable<Text>,
    }
}

diesel::table! {
    modules (id) {
        id -> Text,
        curriculum_version_id -> Text,
        slug -> Text,
        position -> Integer,
        unlock_days -> Integer,
        due_days -> Integer,
        minutes -> Integer,
        title_de -> Text,
        title_en -> Text,
        summary_de -> Text,
        summary_en -> Text,
        lesson_de -> Text,
        lesson_en -> Text,
    }
}

diesel::table! {
    assignments (id) {
        id -> Text,
        module_id -> Text,
        curriculum_version_id -> Text,
        slug -> Text,
        position -> Integer,
        title_de -> Text,
        title_en -> Text,
        brief_de -> Text,
        brief_en -> Text,
        pass_threshold -> Integer,
        max_points -> Integer,
        required -> Bool,
        double_review -> Bool,
    }
}

diesel::table! {
    rubric_criteria (id) {
        id -> Text,
        assignment_id -> Text,
        slug -> Text,
        position -> Integer,
        title_de -> Text,
        title_en -> Text,
        max_points -> Integer,
        min_points -> Nullable<Integer>,
    }
}

diesel::table! {
    rubric_levels (id) {
        id -> Text,
        criterion_id -> Text,
        position -> Integer,
        points -> Integer,
        description_de -> Text,
        description_en -> Text,
    }
}

diesel::table! {
    lesson_materials (module_id) {
        module_id -> Text,
        guide_title_de -> Text,
        guide_title_en -> Text,
        guide_de -> Text,
        guide_en -> Text,
        video_key -> Nullable<Text>,
        video_type -> Nullable<Text>,
        video_bytes -> Nullable<BigInt>,
        captions_de -> Nullable<Text>,
        captions_en -> Nullable<Text>,
        questions -> Text,
    }
}

diesel::table! {
    study_enrollments (id) {
        id -> Text,
        person_id -> Text,
        program_id -> Text,
        curriculum_version_id -> Text,
        enrolled_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
        certificate_id -> Nullable<Text>,
        lessons_done -> Integer,
        checks_passed -> Integer,
    }
}

diesel::table! {
    lesson_completions (study_enrollment_id, lesson) {
        study_enrollment_id -> Text,
        lesson -> Text,
        completed_at -> Timestamp,
    }
}

diesel::table! {
    check_attempts (id) {
        id -> Text,
        study_enrollment_id -> Text,
        lesson -> Text,
        correct -> Integer,
        total -> Integer,
        passed -> Bool,
        answers -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    cohorts (id) {
        id -> Text,
        program_id -> Text,
        curriculum_version_id -> Text,
        name -> Text,
        starts_on -> Text,
        time_zone -> Text,
        state -> Text,
        lock_version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        active_trainees -> Integer,
    }
}

diesel::table! {
    cohort_schedule (id) {
        id -> Text,
        cohort_id -> Text,
        module_id -> Text,
        unlock_at -> Timestamp,
        due_at -> Timestamp,
    }
}

diesel::table! {
    cotrainers (id) {
        id -> Text,
        program_id -> Text,
        person_id -> Text,
        capacity -> Integer,
        languages -> Text,
        active -> Bool,
        source -> Text,
        lock_version -> Integer,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
        calibrated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    calibration_references (id) {
        id -> Text,
        assignment_id -> Text,
        slug -> Text,
        position -> Integer,
        body_de -> Text,
        body_en -> Text,
        gold -> Text,
    }
}

diesel::table! {
    calibration_gradings (id) {
        id -> Text,
        program_id -> Text,
        person_id -> Text,
        reference_id -> Text,
        round -> Integer,
        hidden -> Bool,
        scores -> Text,
        created_at -> Timestamp,
        graded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    cotrainer_unavailability (id) {
        id -> Text,
        cotrainer_id -> Text,
        starts_on -> Text,
        ends_on -> Text,
    }
}

diesel::table! {
    cohort_cotrainers (cohort_id, person_id) {
        cohort_id -> Text,
        person_id -> Text,
        added_at -> Timestamp,
    }
}

diesel::table! {
    enrollments (id) {
        id -> Text,
        cohort_id -> Text,
        person_id -> Text,
        state -> Text,
        lock_version -> Integer,
        enrolled_at -> Timestamp,
        updated_at -> Timestamp,
        passed_required -> Integer,
        certified_at -> Nullable<Timestamp>,
        handed_in -> Integer,
        handed_in_late -> Integer,
        person_name -> Text,
    }
}

diesel::table! {
    extensions (id) {
        id -> Text,
        enrollment_id -> Text,
        assignment_id -> Text,
        due_at -> Timestamp,
        reason -> Text,
        granted_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    submissions (id) {
        id -> Text,
        enrollment_id -> Text,
        assignment_id -> Text,
        state -> Text,
        draft_body -> Text,
        language -> Text,
        current_version -> Integer,
        lock_version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        cohort_id -> Text,
    }
}

diesel::table! {
    submission_versions (id) {
        id -> Text,
        submission_id -> Text,
        number -> Integer,
        body -> Text,
        submitted_at -> Timestamp,
        late -> Bool,
        decision -> Nullable<Text>,
        points -> Nullable<Integer>,
        decided_at -> Nullable<Timestamp>,
        moderation_note -> Nullable<Text>,
        cohort_id -> Text,
    }
}

diesel::table! {
    attachments (id) {
        id -> Text,
        submission_id -> Text,
        submission_version_id -> Nullable<Text>,
        original_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reviews (id) {
        id -> Text,
        submission_version_id -> Text,
        submission_id -> Text,
        cohort_id -> Text,
        reviewer_id -> Text,
        slot -> Integer,
        state -> Text,
        allocation_reason -> Text,
        allocated_at -> Timestamp,
        due_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        completed_at -> Nullable<Timestamp>,
        decision -> Nullable<Text>,
        total_points -> Nullable<Integer>,
        feedback -> Text,
        override_reason -> Text,
        escalated_at -> Nullable<Timestamp>,
        rating -> Nullable<Integer>,
        rated_at -> Nullable<Timestamp>,
        lock_version -> Integer,
        turnaround_minutes -> Nullable<Integer>,
        version_number -> Integer,
        enrollment_id -> Text,
        assignment_id -> Text,
        trainee_id -> Text,
    }
}

diesel::table! {
    review_events (id) {
        id -> Text,
        review_id -> Text,
        actor_id -> Nullable<Text>,
        at -> Timestamp,
        action -> Text,
        details -> Text,
    }
}

diesel::table! {
    allocation_queue (submission_version_id, slot) {
        submission_version_id -> Text,
        slot -> Integer,
        cohort_id -> Text,
        queued_at -> Timestamp,
        reason -> Text,
    }
}

diesel::table! {
    moderation_items (id) {
        id -> Text,
        submission_version_id -> Text,
        cohort_id -> Text,
        reason -> Text,
        raised_by -> Nullable<Text>,
        statement -> Text,
        state -> Text,
        created_at -> Timestamp,
        resolved_by -> Nullable<Text>,
        resolved_at -> Nullable<Timestamp>,
        action -> Nullable<Text>,
        decision -> Nullable<Text>,
        note -> Text,
        lock_version -> Integer,
    }
}

diesel::table! {
    mail_preferences (person_id, kind) {
        person_id -> Text,
        kind -> Text,
        enabled -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reminder_log (key) {
        key -> Text,
        person_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    trainee_pseudonyms (enrollment_id) {
        enrollment_id -> Text,
        label -> Text,
    }
}

diesel::table! {
    review_scores (id) {
        id -> Text,
        review_id -> Text,
        criterion_id -> Text,
        level_id -> Text,
        points -> Integer,
        comment -> Text,
    }
}

diesel::table! {
    certificates (id) {
        id -> Text,
        public_id -> Text,
        person_id -> Text,
        program_id -> Text,
        enrollment_id -> Nullable<Text>,
        curriculum_version_id -> Text,
        holder_name -> Text,
        program_title_de -> Text,
        program_title_en -> Text,
        record -> Text,
        issued_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        issued_by -> Nullable<Text>,
        issue_reason -> Nullable<Text>,
        status -> Text,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        superseded_by -> Nullable<Text>,
        created_at -> Timestamp,
        kind -> Text,
    }
}

diesel::table! {
    certificate_credentials (certificate_id) {
        certificate_id -> Text,
        status_index -> Integer,
        subject_id -> Text,
        identity_salt -> Text,
        identity_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        idempotency_key -> Text,
        kind -> Text,
        person_id -> Nullable<Text>,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        message_id -> Text,
        headers -> Text,
        context -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_owner -> Nullable<Text>,
        lease_expires_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    calendar_feeds (person_id) {
        person_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox_attachments (id) {
        id -> Text,
        outbox_id -> Text,
        name -> Text,
        content_type -> Text,
        data -> Binary,
    }
}

diesel::table! {
    applications (id) {
        id -> Text,
        program_id -> Text,
        person_id -> Text,
        state -> Text,
        motivation -> Text,
        community_name -> Text,
        community_url -> Text,
        preferred_cohort_id -> Nullable<Text>,
        org_unit -> Nullable<Text>,
        self_study_done -> Bool,
        manager_id -> Nullable<Text>,
        manager_decision -> Nullable<Text>,
        manager_comment -> Nullable<Text>,
        manager_decided_at -> Nullable<Timestamp>,
        cohort_id -> Nullable<Text>,
        decision_reason -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        lock_version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    impact_snapshots (month) {
        month -> Text,
        report -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(assignments -> modules (module_id));
diesel::joinable!(modules -> curriculum_versions (curriculum_version_id));
diesel::joinable!(curriculum_versions -> programs (program_id));
diesel::joinable!(rubric_criteria -> assignments (assignment_id));
diesel::joinable!(rubric_levels -> rubric_criteria (criterion_id));
diesel::joinable!(calibration_references -> assignments (assignment_id));
diesel::joinable!(calibration_gradings -> calibration_references (reference_id));
diesel::joinable!(cohorts -> programs (program_id));
diesel::joinable!(cohort_schedule -> cohorts (cohort_id));
diesel::joinable!(enrollments -> cohorts (cohort_id));
diesel::joinable!(enrollments -> people (person_id));
diesel::joinable!(submissions -> enrollments (enrollment_id));
diesel::joinable!(submission_versions -> submissions (submission_id));
diesel::joinable!(reviews -> submission_versions (submission_version_id));
diesel::joinable!(review_scores -> reviews (review_id));
diesel::joinable!(review_events -> reviews (review_id));
diesel::joinable!(reviews -> submissions (submission_id));
diesel::joinable!(certificates -> people (person_id));
diesel::joinable!(certificate_credentials -> certificates (certificate_id));
diesel::joinable!(sso_identities -> people (person_id));
diesel::joinable!(lesson_materials -> modules (module_id));
diesel::joinable!(study_enrollments -> programs (program_id));
diesel::joinable!(study_enrollments -> people (person_id));
diesel::joinable!(lesson_completions -> study_enrollments (study_enrollment_id));
diesel::joinable!(check_attempts -> study_enrollments (study_enrollment_id));

diesel::table! {
    change_versions (name) {
        name -> Text,
        version -> BigInt,
    }
}

diesel::table! {
    events (id) {
        id -> Text,
        cohort_id -> Nullable<Text>,
        title_de -> Text,
        title_en -> Text,
        description_de -> Text,
        description_en -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        time_zone -> Text,
        mode -> Text,
        join_url -> Nullable<Text>,
        room -> Nullable<Text>,
        address -> Nullable<Text>,
        capacity -> Nullable<Integer>,
        registered -> Integer,
        registration_closes_at -> Nullable<Timestamp>,
        waitlist -> Bool,
        state -> Text,
        sequence -> Integer,
        lock_version -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        guests_allowed -> Bool,
        plan_slot -> Nullable<Text>,
    }
}

diesel::table! {
    event_guests (id) {
        id -> Text,
        event_id -> Text,
        name -> Text,
        email -> Text,
        email_normalized -> Text,
        language -> Text,
        state -> Text,
        link_nonce -> Text,
        requested_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        attendance -> Nullable<Text>,
    }
}

diesel::table! {
    expert_topic_labels (id) {
        id -> Text,
        label_de -> Text,
        label_en -> Text,
        position -> Integer,
    }
}

diesel::table! {
    expert_profiles (person_id) {
        person_id -> Text,
        consent_version -> Integer,
        consented_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
        bio -> Text,
        languages -> Text,
        communities -> Text,
        open_to_questions -> Bool,
        messages_paused -> Bool,
        lock_version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    expert_topics (person_id, topic) {
        person_id -> Text,
        topic -> Text,
    }
}

diesel::table! {
    expert_roles (person_id, role) {
        person_id -> Text,
        role -> Text,
        since -> Timestamp,
        until -> Nullable<Timestamp>,
        granted_by -> Nullable<Text>,
    }
}

diesel::table! {
    event_hosts (event_id, person_id) {
        event_id -> Text,
        person_id -> Text,
    }
}

diesel::table! {
    event_registrations (id) {
        id -> Text,
        event_id -> Text,
        person_id -> Text,
        state -> Text,
        requested_at -> Timestamp,
        updated_at -> Timestamp,
        attendance -> Nullable<Text>,
        attendance_by -> Nullable<Text>,
        attendance_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(event_registrations -> events (event_id));
diesel::joinable!(event_registrations -> people (person_id));
diesel::joinable!(event_hosts -> events (event_id));
diesel::joinable!(event_guests -> events (event_id));
diesel::joinable!(expert_profiles -> people (person_id));

diesel::allow_tables_to_appear_in_same_query!(
    people,
    expert_topic_labels,
    expert_profiles,
    expert_topics,
    expert_roles,
    event_guests,
    change_versions,
    applications,
    role_grants,
    sessions,
    sign_in_tokens,
    sso_identities,
    sso_logins,
    api_tokens,
    org_units,
    scim_tokens,
    rate_limits,
    audit_log,
    programs,
    curriculum_versions,
    modules,
    assignments,
    rubric_criteria,
    rubric_levels,
    lesson_materials,
    study_enrollments,
    lesson_completions,
    check_attempts,
    cohorts,
    cohort_schedule,
    cotrainers,
    calibration_references,
    calibration_gradings,
    cotrainer_unavailability,
    cohort_cotrainers,
    enrollments,
    extensions,
    submissions,
    submission_versions,
    attachments,
    reviews,
    review_scores,
    review_events,
    allocation_queue,
    moderation_items,
    trainee_pseudonyms,
    mail_preferences,
    reminder_log,
    certificates,
    certificate_credentials,
    outbox,
    outbox_attachments,
    calendar_feeds,
    impact_snapshots,
    events,
    event_hosts,
    event_registrations,
);
