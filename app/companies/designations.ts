/**
 * The designations and certifications a company of the park can hold (issue 14): a fixed
 * table in code, each with its two names. Shared by the browser and the server.
 */
export const DESIGNATION_KINDS = [
  { kind: "high_tech", en: "High and new technology enterprise", zh: "高新技术企业" },
  {
    kind: "little_giant",
    en: 'Specialised and sophisticated "little giant"',
    zh: "专精特新“小巨人”企业",
  },
  { kind: "specialised_sme", en: "Specialised and sophisticated SME", zh: "专精特新中小企业" },
  { kind: "tech_sme", en: "Technology-based SME", zh: "科技型中小企业" },
  { kind: "innovative_sme", en: "Innovative SME", zh: "创新型中小企业" },
  { kind: "gazelle", en: "Gazelle enterprise", zh: "瞪羚企业" },
  { kind: "tech_centre", en: "Enterprise technology centre", zh: "企业技术中心" },
  { kind: "software_enterprise", en: "Certified software enterprise", zh: "软件企业" },
] as const;
export type DesignationKind = (typeof DESIGNATION_KINDS)[number]["kind"];
export const DESIGNATION_KIND_CODES = DESIGNATION_KINDS.map((d) => d.kind) as unknown as readonly [
  DesignationKind,
  ...DesignationKind[],
];

export function designationLabel(kind: string, locale: "en" | "zh-CN"): string {
  const found = DESIGNATION_KINDS.find((d) => d.kind === kind);
  if (!found) return kind;
  return locale === "zh-CN" ? found.zh : found.en;
}

/** A designation is expiring when it ends within this many days. */
export const EXPIRING_DAYS = 90;

export type DesignationState = "valid" | "expiring" | "expired";

/** Whether a designation is valid, ends soon or has ended, on `today` (YYYY-MM-DD). */
export function designationState(expiresOn: string | null, today: string): DesignationState {
  if (!expiresOn) return "valid";
  if (expiresOn < today) return "expired";
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + EXPIRING_DAYS);
  return expiresOn <= soon.toISOString().slice(0, 10) ? "expiring" : "valid";
}
