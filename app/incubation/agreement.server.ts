/**
 * The incubation agreement as a PDF (pdfkit), from one bilingual template: each clause in
 * English, then in Chinese, with the programme, the dates, the space and the conditions.
 * Chinese needs a CJK font: Noto Sans CJK from Debian's fonts-noto-cjk (installed on the
 * servers and in CI at /usr/share/fonts/opentype/noto/), read from the collection by its
 * PostScript name; pdfkit embeds only the glyphs used (a subset: about 60 KB for a page),
 * so nothing large is committed to the repository and the PDF stays small (ADR 0031).
 */
import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";

export const CJK_FONT_PATH =
  process.env.CJK_FONT_PATH ?? "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const CJK_FONT_NAME = "NotoSansCJKsc-Regular";

export interface AgreementInput {
  companyEn: string;
  companyZh: string;
  programmeEn: string;
  programmeZh: string;
  callEn: string;
  callZh: string;
  startDate: string;
  plannedEndDate: string;
  space: string;
  conditions: string;
  reference: string;
}

/** The clauses: [English, Chinese]. */
function clauses(a: AgreementInput): [string, string][] {
  return [
    [
      `Zizhu High-Tech Park (the Park) and ${a.companyEn} (the Incubatee) agree to the incubation of the Incubatee in the ${a.programmeEn}, following its application to ${a.callEn}.`,
      `紫竹高新区（“园区”）与${a.companyZh}（“入孵企业”）就入孵企业参加${a.programmeZh}达成本协议，入孵企业此前已申请${a.callZh}。`,
    ],
    [
      `Term: from ${a.startDate} to ${a.plannedEndDate} (planned end), unless ended earlier by graduation or exit.`,
      `期限：自 ${a.startDate} 起至 ${a.plannedEndDate}（计划结束日）止，因毕业或退出提前结束的除外。`,
    ],
    [
      `Space: ${a.space || "to be assigned by the Park before the start date"}.`,
      `场地：${a.space || "由园区于开始日前安排"}。`,
    ],
    [
      `Conditions: ${a.conditions || "none beyond this agreement"}.`,
      `附加条件：${a.conditions || "除本协议外无其他条件"}。`,
    ],
    [
      "The Park provides space, mentoring and introductions; the Incubatee reports on its progress as the programme asks and takes part in its onboarding.",
      "园区提供场地、创业辅导与资源对接；入孵企业按项目要求报告进展，并配合完成入驻手续。",
    ],
    [
      "This agreement takes effect when both parties have signed it. Each party keeps a signed copy.",
      "本协议经双方签署后生效，双方各执一份签署文本。",
    ],
  ];
}

/** Renders the agreement; resolves with the PDF's bytes. */
export async function renderAgreement(a: AgreementInput): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: `Incubation agreement ${a.reference}`, Author: "Zizhu High-Tech Park" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  // Without the CJK font (a machine without fonts-noto-cjk) the Chinese lines are left out
  // rather than printed as empty boxes.
  const cjk = existsSync(CJK_FONT_PATH);
  if (cjk) doc.registerFont("cjk", CJK_FONT_PATH, CJK_FONT_NAME);
  const zh = (text: string, size: number) => {
    if (!cjk) return;
    doc.font("cjk").fontSize(size).fillColor("#333333").text(text);
  };
  doc.font("Helvetica-Bold").fontSize(18).fillColor("#000000").text("Incubation Agreement");
  zh("孵化协议", 16);
  doc.moveDown(0.5);
  doc.font("Helvetica").fontSize(9).fillColor("#555555").text(`Reference ${a.reference}`);
  doc.moveDown();
  clauses(a).forEach(([en, zhText], i) => {
    doc
      .font(cjk ? "cjk" : "Helvetica")
      .fontSize(11)
      .fillColor("#000000")
      .text(`${i + 1}. ${en}`);
    zh(zhText, 10.5);
    doc.moveDown(0.8);
  });
  doc.moveDown(2);
  doc
    .font(cjk ? "cjk" : "Helvetica")
    .fontSize(11)
    .fillColor("#000000");
  doc.text(`For the Park${cjk ? " / 园区" : ""}: ______________________   Date: __________`);
  doc.moveDown(1.5);
  doc.text(
    `For the Incubatee${cjk ? " / 入孵企业" : ""}: ______________________   Date: __________`,
  );
  doc.end();
  return done;
}
