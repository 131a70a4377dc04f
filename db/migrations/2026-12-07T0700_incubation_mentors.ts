import { sql, type Kysely } from "kysely";

// Mentors (issue 16, ADR 0049): a `mentor` park role, and the incubatees each mentor follows.
// A mentor reads the incubatee's milestones and reports and comments on the reports; nothing
// else of the portal. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
    ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
      CHECK (role IN ('staff', 'reviewer', 'admin', 'promotion', 'statistics', 'mentor'));
    INSERT INTO role (name, scope, label_en, label_zh, description_en, description_zh)
    VALUES ('mentor', 'park', 'Mentor', '创业导师',
      'Follows the incubatees staff assign: reads their milestones and periodic reports and comments on the reports.',
      '跟进园区指派的在孵企业：查看其里程碑和定期报告，并对报告发表评语。')
    ON CONFLICT (name) DO NOTHING;

    CREATE TABLE incubation_mentor (
      application_id uuid NOT NULL REFERENCES application(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      assigned_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (application_id, user_id)
    );
    CREATE INDEX incubation_mentor_user ON incubation_mentor (user_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS incubation_mentor;
    DELETE FROM user_role WHERE role = 'mentor';
    DELETE FROM role WHERE name = 'mentor';
    ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
    ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
      CHECK (role IN ('staff', 'reviewer', 'admin', 'promotion', 'statistics'));
  `.execute(db);
}
