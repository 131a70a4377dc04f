/** Reference data every installation needs (not demo data). Idempotent: safe to run at every start. */
import type { Executor } from "../executor";

export const ROLES = [
  {
    name: "admin",
    scope: "park",
    label_en: "Administrator",
    label_zh: "管理员",
    description_en: "Manages accounts, roles, programmes and settings.",
    description_zh: "管理账户、角色、项目和系统设置。",
  },
  {
    name: "staff",
    scope: "park",
    label_en: "Park staff",
    label_zh: "园区工作人员",
    description_en: "Publishes news, screens applications and handles service requests.",
    description_zh: "发布新闻、初审申请、处理服务需求。",
  },
  {
    name: "reviewer",
    scope: "park",
    label_en: "Reviewer",
    label_zh: "评审专家",
    description_en: "Scores the incubation applications assigned to them.",
    description_zh: "为分配给自己的孵化申请评分。",
  },
  {
    name: "owner",
    scope: "company",
    label_en: "Company owner",
    label_zh: "企业管理员",
    description_en: "Edits the company and manages its members.",
    description_zh: "编辑企业信息并管理成员。",
  },
  {
    name: "member",
    scope: "company",
    label_en: "Company member",
    label_zh: "企业成员",
    description_en: "Acts for the company: applications and service requests.",
    description_zh: "代表企业提交申请和服务需求。",
  },
] as const;

export async function seedReferenceData(db: Executor): Promise<void> {
  for (const role of ROLES) {
    await db
      .insertInto("role")
      .values(role)
      .onConflict((oc) =>
        oc.column("name").doUpdateSet({
          label_en: role.label_en,
          label_zh: role.label_zh,
          description_en: role.description_en,
          description_zh: role.description_zh,
          scope: role.scope,
        }),
      )
      .execute();
  }
}
