/**
 * Demo knowledge base (issue 17): help articles in English and Chinese about the park's
 * services, written for the demo from the park's own service catalogue (no figures beyond
 * /work/shared/facts). Idempotent: articles are inserted by slug once and indexed.
 */
import { sql } from "kysely";
import type { DB } from "../client.server";
import { reindexArticle } from "~/kb/kb.server";

interface DemoArticle {
  slug: string;
  category: string | null;
  type: string | null;
  en: [string, string];
  zh: [string, string];
}

const A = (
  slug: string,
  category: string | null,
  type: string | null,
  en: [string, string],
  zh: [string, string],
): DemoArticle => ({ slug, category, type, en, zh });

export const DEMO_KB: DemoArticle[] = [
  A(
    "how-service-requests-work",
    null,
    null,
    [
      "How service requests and response times work",
      `Every request you file gets a reference (SR-…), a team and two committed times: a **first response** and a **resolution**.

- Times count in park working hours: Monday to Friday, 9:00-12:00 and 13:00-18:00 Shanghai time, without public holidays.
- While the desk waits for you or for a third party, the clock pauses.
- The committed times for each kind of request are on the [Services page](/services).

You can follow every request under **Service requests**; all members of your company see them.`,
    ],
    [
      "服务申请流程与响应时限",
      `每一条服务申请都会获得一个编号（SR-…）、一个负责团队和两项承诺时限：**首次响应**和**办结**。

- 时限按园区工作时间计算：周一至周五 9:00-12:00、13:00-18:00（上海时间），法定节假日除外。
- 服务台等待您或第三方答复期间，计时暂停。
- 各类申请的承诺时限见[企业服务页面](/services)。

您可以在“服务申请”中跟进每一条申请，贵公司的所有成员都能看到。`,
    ],
  ),
  A(
    "following-your-request",
    null,
    null,
    [
      "Following your request and replying to the desk",
      `Open the request from **Service requests** to see every public reply and the current state.

- When the state is **Waiting on you**, the desk needs something from you: reply on the request page, with files if needed.
- You receive an email for each reply and each change of state.
- If the answer solved it, you can close the request yourself; if the problem comes back after it was resolved, reopen it.`,
    ],
    [
      "跟进申请并回复服务台",
      `在“服务申请”中打开申请，即可看到所有公开答复和当前状态。

- 状态为**待您补充**时，说明服务台需要您提供信息：请在申请页面直接回复，需要时可附上文件。
- 每条答复和每次状态变更都会发邮件通知您。
- 问题已解决可以自行关闭申请；办结后问题再次出现，可以重新打开。`,
    ],
  ),
  A(
    "registering-a-new-company",
    "business-setup",
    "business-registration",
    [
      "Registering a new company in the park",
      `The enterprise services team guides you through registration with the market regulation authority.

**Have ready**
- the proposed company name (with one or two alternatives),
- the business scope,
- identity documents of the shareholders and the legal representative,
- the lease or the park's address confirmation for the registered address.

File a **Business registration and licensing** request with what you have; the team checks the documents before anything is submitted.`,
    ],
    [
      "在园区注册新公司",
      `企业服务团队会指导您完成市场监管部门的注册登记。

**请准备**
- 拟用的公司名称（另备一至两个备选），
- 经营范围，
- 股东及法定代表人的身份证明，
- 注册地址的租赁合同或园区出具的地址证明。

请提交“工商注册与经营许可”申请并附上现有材料，团队会在正式递交前帮您核对。`,
    ],
  ),
  A(
    "changing-registered-address",
    "business-setup",
    "business-registration",
    [
      "Changing your registered address",
      `Moving into the park, or between buildings in it, means changing the registered address on your business licence.

You need the new lease (or the park's address confirmation) and a shareholders' or board decision on the change. Tax and social insurance records follow the licence, so tell the team if you also change your tax office.

File a **Business registration and licensing** request and attach the new lease.`,
    ],
    [
      "变更注册地址",
      `迁入园区，或在园区内更换楼栋，都需要变更营业执照上的注册地址。

需要新的租赁合同（或园区出具的地址证明），以及股东会或董事会关于变更的决议。税务和社保登记随执照变更，如同时变更主管税务机关，请告知团队。

请提交“工商注册与经营许可”申请，并附上新的租赁合同。`,
    ],
  ),
  A(
    "changing-business-scope",
    "business-setup",
    "business-registration",
    [
      "Changing your business scope or legal representative",
      `Changes to the business scope, the legal representative or the registered capital are registered like a new licence: a decision of the shareholders, the amended articles of association and the new person's identity documents.

Some activities need a permit before they enter the scope (for example medical devices or food). Ask the team first if you are unsure.`,
    ],
    [
      "变更经营范围或法定代表人",
      `变更经营范围、法定代表人或注册资本，需要像办理新执照一样登记：股东会决议、修改后的公司章程，以及新任人员的身份证明。

部分经营活动须先取得许可才能写入经营范围（例如医疗器械、食品）。不确定时，请先咨询团队。`,
    ],
  ),
  A(
    "customs-registration-import-export",
    "business-setup",
    "import-export",
    [
      "Customs registration for importing and exporting",
      `Before your first shipment, register as a consignee or consignor with customs and open an electronic port account.

The enterprise services team can check your documents and introduce customs brokers who work with companies in the park. File an **Import, export and customs** request with the goods you plan to move.`,
    ],
    [
      "进出口与海关备案",
      `首次进出口前，需要在海关办理收发货人备案，并开通电子口岸账户。

企业服务团队可以帮您核对材料，并介绍与园区企业合作的报关行。请提交“进出口与海关事务”申请，并说明计划进出口的货物。`,
    ],
  ),
  A(
    "finding-the-commodity-code",
    "business-setup",
    "import-export",
    [
      "Finding the right commodity (HS) code",
      `The commodity code decides duties and the checks your goods face. It depends on what the product is made of and what it does, not on its name.

Send the team the product's data sheet, a photo and what it is used for. Where the code is unclear, customs can give an advance ruling; the team helps you ask for one.`,
    ],
    [
      "如何确定商品编码（HS 编码）",
      `商品编码决定关税和货物需要接受的查验，取决于产品的材质和功能，而不是名称。

请把产品规格书、照片和用途发给团队。编码难以确定时，可以向海关申请预裁定，团队会协助您办理。`,
    ],
  ),
  A(
    "which-subsidies-fit-your-company",
    "policy-funding",
    "policy-subsidy",
    [
      "Which policies and subsidies fit your company",
      `National, Shanghai, Minhang District and park policies each have their own conditions: industry, size, revenue, R&D spending, patents and talent.

Tell the team your industry, headcount and what you plan to invest in; they reply with the policies you can apply for and their deadlines. The park's current policies are also listed under [The Park → Policies](/park/policies).`,
    ],
    [
      "哪些政策和补贴适合贵企业",
      `国家、上海市、闵行区和园区的政策各有条件：行业、规模、营业收入、研发投入、专利和人才等。

请告诉团队贵企业的行业、人数和计划投入的方向，团队会回复可以申报的政策及截止日期。园区现行政策也列在[园区 → 政策](/park/policies)中。`,
    ],
  ),
  A(
    "preparing-a-subsidy-application",
    "policy-funding",
    "policy-subsidy",
    [
      "Preparing a subsidy application",
      `Most subsidy applications ask for the same core documents:

1. the business licence and the latest audited financial statements,
2. tax payment records,
3. proof of the spending the subsidy covers (contracts, invoices, payment records),
4. for R&D subsidies, the project description and the people who work on it.

Start early: audited statements take time. The team checks a draft before you submit it.`,
    ],
    [
      "准备补贴申报材料",
      `大多数补贴申报都需要以下核心材料：

1. 营业执照和最近一期审计报告，
2. 纳税证明，
3. 补贴所涉支出的证明（合同、发票、付款凭证），
4. 研发类补贴还需项目说明和项目人员情况。

请尽早准备：审计报告需要时间。正式递交前，团队可以帮您审阅初稿。`,
    ],
  ),
  A(
    "high-tech-enterprise-certification",
    "policy-funding",
    "hitech-certification",
    [
      "High-tech enterprise certification: before you apply",
      `Certification looks at your core intellectual property, the share of R&D staff, R&D spending as a share of revenue, and revenue from high-tech products and services.

Check these against the current criteria before you start, and keep R&D costs in separate accounts from the beginning of the year. The team reviews your self-assessment in a **High-tech enterprise certification** request.`,
    ],
    [
      "高新技术企业认定：申请前须知",
      `认定主要考察核心知识产权、研发人员占比、研发费用占营业收入的比例，以及高新技术产品（服务）收入。

开始准备前，请对照现行标准自查，并从年初起对研发费用单独归集核算。提交“高新技术企业认定”申请后，团队会审阅您的自评情况。`,
    ],
  ),
  A(
    "meeting-investors",
    "policy-funding",
    "financing",
    [
      "Meeting investors through the park",
      `The park introduces companies to venture capital funds, banks and guarantee schemes it works with.

Send a short deck, how much you want to raise and what for, and the stage of your product. The team suggests investors whose focus fits and arranges introductions; it does not share your documents without asking you.`,
    ],
    [
      "通过园区对接投资机构",
      `园区可以为企业对接合作的创投基金、银行和担保机构。

请发送简要的商业计划书、融资金额与用途，以及产品所处阶段。团队会推荐投资方向相符的机构并安排对接；未经您同意，不会对外提供您的材料。`,
    ],
  ),
  A(
    "filing-a-patent-or-trademark",
    "innovation",
    "intellectual-property",
    [
      "Filing a patent or trademark",
      `Before you file, search what exists: a patent that is already public, even your own paper, can block yours.

The team connects you with patent agencies that work with park companies and explains which subsidies cover filing costs. File an **Intellectual property** request with a short description of the invention or the mark.`,
    ],
    [
      "申请专利或商标",
      `申请前先检索现有技术：已经公开的内容（包括您自己发表的论文）可能导致专利无法授权。

团队可以为您对接与园区企业合作的专利代理机构，并说明哪些补贴可以覆盖申请费用。请提交“知识产权”申请，并简要描述发明或商标。`,
    ],
  ),
  A(
    "working-with-a-university-lab",
    "innovation",
    "tech-transfer",
    [
      "Working with a university lab",
      `The park sits next to universities and research institutes, and many companies here work with their labs.

Tell the team what problem you want to solve and what equipment or expertise you need. They suggest labs and help you agree on the form: a joint project, a service contract or licensing a patent.`,
    ],
    [
      "与高校实验室合作",
      `园区毗邻高校和科研院所，许多园区企业与其实验室开展合作。

请告诉团队您要解决的问题，以及需要的设备或专业力量。团队会推荐合适的实验室，并协助确定合作形式：联合研发、技术服务合同或专利许可。`,
    ],
  ),
  A(
    "registering-a-technology-contract",
    "innovation",
    "tech-transfer",
    [
      "Registering a technology contract",
      `Technology development, transfer, consulting and service contracts can be registered with the technology market authority, which may bring tax benefits.

Register after signing and before the tax filing for the income. The team checks whether your contract qualifies.`,
    ],
    [
      "技术合同认定登记",
      `技术开发、技术转让、技术咨询和技术服务合同可以到技术市场管理部门认定登记，登记后可能享受税收优惠。

请在合同签订后、相关收入申报纳税前办理登记。团队可以帮您判断合同是否符合条件。`,
    ],
  ),
  A(
    "work-permits-for-international-staff",
    "talent",
    "talent-recruitment",
    [
      "Work permits for international staff",
      `An international employee needs a work permit before the residence permit for work.

**Usually needed**: the employment contract or offer, the passport, the highest degree certificate, a no-criminal-record certificate and a health check; documents from abroad need authentication.

The talent services team checks the documents first, then guides the online application. File a **Talent recruitment, work permits and visas** request.`,
    ],
    [
      "外籍员工工作许可",
      `外籍员工须先取得工作许可，再办理工作类居留许可。

**通常需要**：劳动合同或聘用意向书、护照、最高学历证书、无犯罪记录证明和体检报告；境外出具的材料需经认证。

人才服务团队会先帮您核对材料，再指导在线申请。请提交“人才招聘、工作许可与签证”申请。`,
    ],
  ),
  A(
    "visas-for-visiting-experts",
    "talent",
    "talent-recruitment",
    [
      "Visas for visiting experts and business guests",
      `A guest who comes for meetings or short technical work needs an invitation letter from your company for the visa application.

Send the guest's name, passport details, dates and purpose. For longer stays with paid work, a work permit is needed instead; the team tells you which applies.`,
    ],
    [
      "外籍专家和商务访客签证",
      `前来开会或短期技术交流的访客，办理签证时需要贵公司出具邀请函。

请提供访客的姓名、护照信息、来访日期和事由。如需长期停留并领取报酬，应办理工作许可；团队会告诉您适用哪一种。`,
    ],
  ),
  A(
    "recruiting-graduates",
    "talent",
    "talent-recruitment",
    [
      "Recruiting graduates from nearby universities",
      `The park holds recruitment days with nearby universities and can share your openings with their career centres.

Send the positions, the requirements and the dates you can interview. Graduates who settle in Shanghai may qualify for talent policies; the team explains them.`,
    ],
    [
      "招聘周边高校毕业生",
      `园区会与周边高校联合举办招聘活动，也可以把贵企业的岗位推送给高校就业指导中心。

请发送岗位、任职要求和可面试的时间。在沪就业的毕业生可能符合人才政策条件，团队会为您说明。`,
    ],
  ),
  A(
    "applying-for-talent-housing",
    "talent",
    "talent-housing",
    [
      "Applying for talent housing",
      `Resident companies can apply for apartments in the park's talent housing for their staff.

Say how many apartments you need, for whom and from when. Allocation depends on what is free; the team tells you what is available and the lease terms.`,
    ],
    [
      "申请人才公寓",
      `入驻企业可以为员工申请园区人才公寓。

请说明所需套数、入住人员和入住时间。房源按空置情况分配，团队会告诉您可租房源和租赁条件。`,
    ],
  ),
  A(
    "reporting-a-repair",
    "property",
    "property-maintenance",
    [
      "Reporting a repair in your office",
      `Air conditioning, lights, water, doors and access control: report them as a **Office space and property maintenance** request with the building and room, what is wrong and a photo if you can.

For anything dangerous (a water leak, a burning smell, a person stuck in a lift), call the property management duty phone first, then file the request.`,
    ],
    [
      "办公室报修",
      `空调、照明、水路、门窗和门禁等问题，请提交“办公空间与物业维修”申请，写明楼栋和房间号、故障情况，最好附上照片。

遇到危险情况（漏水、焦糊味、有人被困电梯），请先拨打物业值班电话，再提交申请。`,
    ],
  ),
  A(
    "renting-more-space",
    "property",
    "property-maintenance",
    [
      "Renting more office or lab space",
      `Growing? Tell the property team the kind of space (office, lab, production), the area and when you need it.

Current availability is listed under [The Park → Space](/park/space). Expanding in the same building is often quickest; the team tells you what is coming free.`,
    ],
    [
      "扩租办公或实验空间",
      `企业扩张需要更多空间？请告诉物业团队所需的空间类型（办公、实验、生产）、面积和时间。

当前可租空间见[园区 → 空间](/park/space)。在同一栋楼内扩租通常最快，团队会告诉您即将空出的房源。`,
    ],
  ),
  A(
    "access-cards-and-visitors",
    "property",
    null,
    [
      "Access cards and visitor registration",
      `New staff get an access card from the building's property office; bring the employee list signed by your company.

Visitors register at the front desk with an ID. For a group or an event, send the list of names the day before so that reception is ready.`,
    ],
    [
      "门禁卡与访客登记",
      `新员工的门禁卡在楼宇物业办公室办理，请携带贵公司盖章的员工名单。

访客凭身份证件在前台登记。团体来访或举办活动，请提前一天发送人员名单，方便前台做好准备。`,
    ],
  ),
];

/** Inserts the demo articles (published, owned by the demo staff member) once, by slug. */
export async function seedDemoKb(db: DB): Promise<void> {
  const staff = await db
    .selectFrom("app_user")
    .select("id")
    .where(sql`lower(email)`, "=", "staff@demo.zizhupark.example")
    .executeTakeFirst();
  const categories = new Map(
    (await db.selectFrom("service_category").select(["id", "code"]).execute()).map((c) => [
      c.code,
      c.id,
    ]),
  );
  const types = new Map(
    (await db.selectFrom("service_type").select(["id", "code"]).execute()).map((t) => [
      t.code,
      t.id,
    ]),
  );
  await db.transaction().execute(async (trx) => {
    for (const [i, a] of DEMO_KB.entries()) {
      const row = await trx
        .insertInto("kb_article")
        .values({
          slug: a.slug,
          title_en: a.en[0],
          body_en: a.en[1],
          title_zh: a.zh[0],
          body_zh: a.zh[1],
          category_id: a.category ? (categories.get(a.category) ?? null) : null,
          type_id: a.type ? (types.get(a.type) ?? null) : null,
          status: "published",
          // Spread over the last weeks, newest first in the list as written.
          published_at: new Date(Date.now() - (i + 1) * 36 * 60 * 60 * 1000),
          owner_id: staff?.id ?? null,
          created_by: staff?.id ?? null,
        })
        .onConflict((oc) => oc.column("slug").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (row) await reindexArticle(trx, row.id);
    }
  });
}
