/**
 * Promotion demo data (issue 3): the park profile, the national evaluation rankings, a few
 * industries, policies, spaces and investment steps, news categories and tags, and articles
 * in English and Chinese. Every fact comes from ../shared/facts/park.md; where a page needs a
 * figure the facts do not give (space sizes, prices, deadlines), it is left empty for staff.
 * Idempotent: keyed by slugs and (year, measure); a second run changes nothing.
 */
import { sql } from "kysely";
import type { DB } from "../client.server";

const CATEGORIES = [
  { slug: "announcements", name_en: "Announcements", name_zh: "园区公告", position: 1 },
  { slug: "rankings", name_en: "Rankings", name_zh: "评价排名", position: 2 },
  { slug: "services", name_en: "Services", name_zh: "企业服务", position: 3 },
  { slug: "incubation", name_en: "Incubation", name_zh: "孵化", position: 4 },
  { slug: "policy", name_en: "Policy", name_zh: "政策", position: 5 },
];

const TAGS = [
  { slug: "evaluation", name_en: "National evaluation", name_zh: "国家评价" },
  { slug: "talent", name_en: "Talent", name_zh: "人才" },
  { slug: "international", name_en: "International", name_zh: "国际化" },
  { slug: "start-ups", name_en: "Start-ups", name_zh: "初创企业" },
  { slug: "platinum-service", name_en: "Platinum service", name_zh: "白金服务" },
  { slug: "planning", name_en: "Planning", name_zh: "规划" },
];

interface DemoArticle {
  slug: string;
  category: string;
  tags: string[];
  daysAgo: number;
  en?: { title: string; summary: string; body: string };
  zh?: { title: string; summary: string; body: string };
}

const ARTICLES: DemoArticle[] = [
  {
    slug: "zizhu-ranks-11th-among-169-national-high-tech-parks",
    category: "rankings",
    tags: ["evaluation"],
    daysAgo: 2,
    en: {
      title: "Zizhu ranks 11th among 169 national high-tech parks",
      summary:
        "In the 2020 national evaluation, published in February 2021, the park placed 11th overall.",
      body: "The Ministry of Science and Technology published the results of its 2020 evaluation of national high-tech parks in February 2021. The evaluation is based on statistics for 2019 and covers 169 parks.\n\nZizhu High-Tech Park placed **11th** in the comprehensive ranking. It has taken part in the evaluation since 2012.\n\nThe full table of measures is on the [rankings page](/park/rankings).",
    },
    zh: {
      title: "紫竹高新区在 169 家国家高新区中综合排名第 11 位",
      summary: "2021 年 2 月公布的 2020 年度国家高新区评价中，园区综合排名第 11 位。",
      body: "科技部于 2021 年 2 月公布了 2020 年度国家高新区综合评价结果。本次评价以 2019 年统计数据为基础，共有 169 家国家高新区参评。\n\n紫竹高新区综合排名**第 11 位**。园区自 2012 年起参加这项评价。\n\n各项指标的完整排名见[评价排名页面](/park/rankings)。",
    },
  },
  {
    slug: "sustainable-development-ability-rises-to-4th",
    category: "rankings",
    tags: ["evaluation", "planning"],
    daysAgo: 5,
    en: {
      title: "Sustainable development ability rises to 4th",
      summary:
        "The park moved from 11th to 4th place on sustainable development between the 2019 and 2020 evaluations.",
      body: 'Among the measures of the national evaluation, sustainable development ability showed one of the largest gains for Zizhu: from **11th** in the 2019 evaluation to **4th** in 2020.\n\nThe result reflects the park\'s aim of growing as an "industry-city integration" science town, where ecology, people and technology develop together.',
    },
    zh: {
      title: "可持续发展能力升至第 4 位",
      summary: "在 2019 年和 2020 年两次评价之间，园区可持续发展能力排名由第 11 位升至第 4 位。",
      body: "在国家高新区评价的各项指标中，紫竹的可持续发展能力进步明显：由 2019 年度的**第 11 位**升至 2020 年度的**第 4 位**。\n\n这一成绩体现了园区建设“产城融合”科学城、让生态、人文与科技协同发展的目标。",
    },
  },
  {
    slug: "internationalization-climbs-from-22nd-to-7th",
    category: "rankings",
    tags: ["evaluation", "international"],
    daysAgo: 8,
    en: {
      title: "Internationalization climbs from 22nd to 7th",
      summary:
        "The park's internationalization and global competition ability ranked 7th in the 2020 evaluation, up from 22nd.",
      body: "Internationalization and global competition ability is one of five measures in the national evaluation. Zizhu ranked **22nd** in 2019 and **7th** in 2020.\n\nThe evaluation named gathering international talent and the export of technical services among the park's strengths.",
    },
    zh: {
      title: "国际化排名由第 22 位跃升至第 7 位",
      summary: "2020 年度评价中，园区国际化和参与全球竞争能力位列第 7，较上年的第 22 位大幅提升。",
      body: "国际化和参与全球竞争能力是国家高新区评价的五项指标之一。紫竹在 2019 年度排名**第 22 位**，2020 年度升至**第 7 位**。\n\n评价将国际化人才集聚和技术服务出口列为园区的优势。",
    },
  },
  {
    slug: "a-steady-climb-in-the-national-evaluation",
    category: "rankings",
    tags: ["evaluation"],
    daysAgo: 12,
    en: {
      title: "A steady climb in the national evaluation",
      summary:
        "Since joining the evaluation in 2012, the park's comprehensive ranking has risen in eight of nine years.",
      body: "Zizhu joined the national high-tech park evaluation in 2012. In eight of the nine years since then, its comprehensive ranking went up.\n\nOver the same period the park's main economic indicators kept growing at double-digit rates.",
    },
    zh: {
      title: "国家评价排名稳步上升",
      summary: "自 2012 年参评以来，园区综合排名在九年中有八年上升。",
      body: "紫竹于 2012 年加入国家高新区评价。此后九年中，有八年综合排名实现上升。\n\n同期，园区主要经济指标保持两位数增长。",
    },
  },
  {
    slug: "what-the-evaluation-sees-in-zizhu",
    category: "rankings",
    tags: ["evaluation", "talent"],
    daysAgo: 15,
    en: {
      title: "What the evaluation sees in Zizhu",
      summary:
        "Talent structure, technology cooperation and trading, and highly educated people stand out.",
      body: "Beyond the ranks, the 2020 evaluation named the areas where the park does particularly well:\n\n- its talent structure and the share of highly educated people;\n- technology cooperation and technology trading;\n- gathering international talent;\n- exporting technical services.\n\nIn knowledge creation and technological innovation ability the park ranked 14th, and in industrial upgrading and structural optimization ability 8th.",
    },
    zh: {
      title: "国家评价眼中的紫竹",
      summary: "人才结构、技术合作与交易、高学历人才集聚表现突出。",
      body: "除排名之外，2020 年度评价还指出了园区表现突出的方面：\n\n- 人才结构与高学历人才占比；\n- 技术合作与技术交易；\n- 国际化人才集聚；\n- 技术服务出口。\n\n在知识创造和技术创新能力方面，园区位列第 14；在产业升级和结构优化能力方面，位列第 8。",
    },
  },
  {
    slug: "platinum-service-for-resident-companies",
    category: "services",
    tags: ["platinum-service"],
    daysAgo: 18,
    en: {
      title: "Platinum service: one team for everything a resident company needs",
      summary:
        "From registration to customs, the park's service system follows companies through their growth.",
      body: 'The park calls its full service system for resident companies "platinum service". Companies can ask for help with:\n\n- business registration and licensing;\n- policy and subsidy consulting, and high-tech enterprise certification;\n- intellectual property;\n- financing and introductions to investors;\n- recruitment, work permits and visas for international staff, and housing for talent;\n- office space and property maintenance;\n- import, export and customs;\n- technology transfer and cooperation with universities.\n\nResident companies can file and follow these requests on this portal.',
    },
    zh: {
      title: "白金服务：一个团队，覆盖企业所需",
      summary: "从工商注册到报关，园区服务体系伴随企业成长。",
      body: "园区将面向入驻企业的全方位服务体系称为“白金服务”。企业可在以下方面获得帮助：\n\n- 工商注册与证照办理；\n- 政策与补贴咨询、高新技术企业认定；\n- 知识产权；\n- 融资与投资人对接；\n- 人才招聘、外籍员工工作许可与签证、人才住房；\n- 办公空间与物业维护；\n- 进出口与海关事务；\n- 技术转移与校企合作。\n\n入驻企业可在本门户提交并跟踪这些服务申请。",
    },
  },
  {
    slug: "helping-high-tech-companies-go-global",
    category: "services",
    tags: ["international"],
    daysAgo: 22,
    en: {
      title: "Helping high-tech companies go global",
      summary:
        "Supporting companies that want to reach markets abroad is one of the park's main lines of work.",
      body: "Helping high-tech enterprises go global is one of the park's declared work lines, next to investment promotion, project construction and incubation.\n\nThe export of technical services is already among the strengths the national evaluation recognised. Companies planning to expand abroad can talk to the park about customs, partners and financing through an [inquiry](/contact).",
    },
    zh: {
      title: "助力高新技术企业走向全球",
      summary: "支持企业开拓海外市场是园区的主要工作方向之一。",
      body: "助力高新技术企业“走出去”，与招商引资、项目建设、产业孵化并列，是园区明确的工作方向之一。\n\n技术服务出口已是国家评价认可的园区优势。有意拓展海外业务的企业，可通过[在线咨询](/contact)与园区沟通报关、合作伙伴和融资等事宜。",
    },
  },
  {
    slug: "an-incubation-platform-for-technology-start-ups",
    category: "incubation",
    tags: ["start-ups"],
    daysAgo: 26,
    en: {
      title: "An incubation platform for technology start-ups",
      summary:
        "The park incubates industries and companies, including future leading technology enterprises.",
      body: "Incubating industries and companies is a core part of the park's work, from young start-ups to companies that may lead their field.\n\nStart-ups can now apply to the park's incubation calls on this portal: read the criteria, prepare the documents and follow the review online. See [incubation](/incubation).",
    },
    zh: {
      title: "面向科技初创企业的孵化平台",
      summary: "园区孵化产业与企业，培育未来的科技领军企业。",
      body: "孵化产业和企业是园区工作的核心内容之一，服务对象从初创团队到有望成为行业领军者的企业。\n\n初创企业现在可以在本门户申请园区孵化项目：查看评审标准、准备材料并在线跟踪评审进度。详见[孵化](/incubation)。",
    },
  },
  {
    slug: "goals-for-the-14th-five-year-plan",
    category: "announcements",
    tags: ["planning"],
    daysAgo: 30,
    en: {
      title: "The park's goals for the 14th Five-Year Plan",
      summary:
        "A demonstration park for innovation-driven development and a pilot park for high-quality development.",
      body: "For the 14th Five-Year Plan period (2021 to 2025) the park has set itself two goals: to be a demonstration park for innovation-driven development, and a pilot park for high-quality development.\n\nThe park sees itself as a growth engine for Minhang District and Shanghai, supporting the city's industrial transformation and its global science and innovation centre.",
    },
    zh: {
      title: "园区“十四五”发展目标",
      summary: "建设创新驱动发展示范园区和高质量发展先行园区。",
      body: "“十四五”期间（2021—2025 年），园区确立了两个目标：建设创新驱动发展示范园区，打造高质量发展先行园区。\n\n园区定位为闵行区和上海市的增长引擎，服务上海产业转型升级和具有全球影响力的科技创新中心建设。",
    },
  },
  {
    slug: "ecology-humanity-and-technology",
    category: "announcements",
    tags: ["planning"],
    daysAgo: 34,
    en: {
      title: "Ecology, humanity and technology: a science town",
      summary: "The park aims to integrate industry and city life in one science town.",
      body: 'Under the motto "ecology, humanity and technology", the park is building an "industry-city integration" science town: a place where people work, study and live close together.\n\nIts assets include a concentration of high-end industries, an innovation ecosystem, a setting where industry, universities and research meet, and good transport both within the district and beyond.',
    },
    zh: {
      title: "生态、人文、科技：建设科学城",
      summary: "园区致力于打造产城融合的科学城。",
      body: "秉持“生态、人文、科技”的理念，园区正在建设“产城融合”的科学城，让工作、学习和生活紧密相连。\n\n园区的优势包括高端产业集聚、创新生态体系、产学研协同环境，以及便捷的区内外交通。",
    },
  },
  {
    slug: "support-for-high-tech-enterprise-certification",
    category: "policy",
    tags: ["platinum-service"],
    daysAgo: 38,
    en: {
      title: "Support for high-tech enterprise certification",
      summary:
        "Park staff advise companies on policies, subsidies and the high-tech enterprise certification.",
      body: "Policy and subsidy consulting and help with high-tech enterprise certification are among the most requested park services.\n\nResident companies can file a request on the portal; the park's [policies page](/park/policies) lists current support schemes as staff add them.",
    },
    zh: {
      title: "高新技术企业认定服务",
      summary: "园区为企业提供政策、补贴咨询及高新技术企业认定指导。",
      body: "政策与补贴咨询、高新技术企业认定辅导，是企业最常申请的园区服务之一。\n\n入驻企业可在门户提交服务申请；园区[政策页面](/park/policies)会列出工作人员整理的现行扶持政策。",
    },
  },
  {
    slug: "talent-services-work-permits-visas-and-housing",
    category: "policy",
    tags: ["talent", "international"],
    daysAgo: 42,
    en: {
      title: "Talent services: work permits, visas and housing",
      summary:
        "The park helps companies recruit and settle staff, including international employees.",
      body: "Gathering international talent is one of the strengths the national evaluation names. To keep it that way, the park helps resident companies with recruitment, work permits and visas for international staff, and housing for talent.\n\nAsk through a service request if your company is resident, or send an [inquiry](/contact) if you are planning to move here.",
    },
    zh: {
      title: "人才服务：工作许可、签证与住房",
      summary: "园区协助企业招聘和安置员工，包括外籍员工。",
      body: "国际化人才集聚是国家评价认可的园区优势之一。为此，园区为入驻企业提供人才招聘、外籍员工工作许可与签证办理，以及人才住房等服务。\n\n入驻企业可提交服务申请；计划落户的企业可[在线咨询](/contact)。",
    },
  },
  {
    slug: "the-park-portal-is-open",
    category: "announcements",
    tags: [],
    daysAgo: 1,
    en: {
      title: "The park portal is open",
      summary: "News, park facts, incubation calls, services and inquiries now live in one place.",
      body: "This portal brings the park's news, its facts and rankings, incubation calls, service requests and investment inquiries together, in English and Chinese.\n\nSubscribe to the [RSS feed](/rss.xml) to follow the news.",
    },
  },
  {
    slug: "news-university-cooperation",
    category: "services",
    tags: ["talent"],
    daysAgo: 46,
    zh: {
      title: "技术转移与校企合作服务",
      summary: "园区帮助企业与高校开展技术转移与合作。",
      body: "产学研协同是园区的重要优势。园区为企业对接高校资源，协助开展技术转移与联合研发。\n\n评价中，技术合作与技术交易同样被列为园区的强项。",
    },
  },
];

const RANKINGS = [
  {
    year: 2020,
    measure: "comprehensive",
    measure_en: "Comprehensive ranking",
    measure_zh: "综合排名",
    rank: 11,
    out_of: 169,
    featured: true,
    position: 1,
  },
  {
    year: 2020,
    measure: "innovation",
    measure_en: "Knowledge creation and technological innovation ability",
    measure_zh: "知识创造和技术创新能力",
    rank: 14,
    out_of: 169,
    featured: false,
    position: 2,
  },
  {
    year: 2020,
    measure: "industrial_upgrading",
    measure_en: "Industrial upgrading and structural optimization ability",
    measure_zh: "产业升级和结构优化能力",
    rank: 8,
    out_of: 169,
    featured: false,
    position: 3,
  },
  {
    year: 2020,
    measure: "internationalization",
    measure_en: "Internationalization and global competition ability",
    measure_zh: "国际化和参与全球竞争能力",
    rank: 7,
    out_of: 169,
    featured: true,
    position: 4,
  },
  {
    year: 2020,
    measure: "sustainability",
    measure_en: "Sustainable development ability",
    measure_zh: "可持续发展能力",
    rank: 4,
    out_of: 169,
    featured: true,
    position: 5,
  },
  {
    year: 2019,
    measure: "internationalization",
    measure_en: "Internationalization and global competition ability",
    measure_zh: "国际化和参与全球竞争能力",
    rank: 22,
    out_of: null,
    featured: false,
    position: 4,
  },
  {
    year: 2019,
    measure: "sustainability",
    measure_en: "Sustainable development ability",
    measure_zh: "可持续发展能力",
    rank: 11,
    out_of: null,
    featured: false,
    position: 5,
  },
];

const INDUSTRIES = [
  {
    name_en: "Technology services and service export",
    name_zh: "技术服务与服务出口",
    summary_en:
      "Companies that sell technical services at home and abroad, a strength named by the national evaluation.",
    summary_zh: "在国内外提供技术服务的企业，是国家评价认可的园区优势。",
    position: 1,
  },
  {
    name_en: "University-linked research and technology transfer",
    name_zh: "校地协同研发与技术转移",
    summary_en:
      "Research and development close to universities, with technology cooperation and trading.",
    summary_zh: "依托高校开展研发，推动技术合作与技术交易。",
    position: 2,
  },
  {
    name_en: "Leading technology enterprises",
    name_zh: "科技领军企业",
    summary_en: "Established technology companies that anchor high-end industries in the park.",
    summary_zh: "在园区集聚高端产业的成熟科技企业。",
    position: 3,
  },
  {
    name_en: "Incubated start-ups",
    name_zh: "孵化初创企业",
    summary_en: "Young technology companies growing on the park's incubation platform.",
    summary_zh: "在园区孵化平台上成长的科技初创企业。",
    position: 4,
  },
];

const POLICIES = [
  {
    title_en: "High-tech enterprise certification support",
    title_zh: "高新技术企业认定辅导",
    summary_en: "Advice on preparing and filing the high-tech enterprise certification.",
    summary_zh: "为企业准备和申报高新技术企业认定提供指导。",
    position: 1,
  },
  {
    title_en: "Policy and subsidy consulting",
    title_zh: "政策与补贴咨询",
    summary_en:
      "Park staff explain which national, city and district support schemes fit your company.",
    summary_zh: "园区工作人员为企业解读适用的国家、市、区各级扶持政策。",
    position: 2,
  },
  {
    title_en: "Intellectual property services",
    title_zh: "知识产权服务",
    summary_en: "Help with patents, trademarks and protecting your company's technology.",
    summary_zh: "协助办理专利、商标，保护企业技术成果。",
    position: 3,
  },
  {
    title_en: "Financing and investor introductions",
    title_zh: "融资与投资人对接",
    summary_en: "Introductions to investors and financing channels for resident companies.",
    summary_zh: "为入驻企业对接投资机构和融资渠道。",
    position: 4,
  },
  {
    title_en: "Talent housing",
    title_zh: "人才住房",
    summary_en: "Housing for the talent your company brings to the park.",
    summary_zh: "为企业引进的人才提供住房保障。",
    position: 5,
  },
];

const SPACES = [
  {
    kind: "office",
    name_en: "Offices for growing companies",
    name_zh: "成长型企业办公空间",
    description_en:
      "Office space for companies moving into the park. Ask us for current sizes, prices and availability.",
    description_zh: "面向新入驻企业的办公空间。具体面积、租金和可租情况请咨询。",
    position: 1,
  },
  {
    kind: "lab",
    name_en: "Laboratory space",
    name_zh: "实验室空间",
    description_en:
      "Space for research and development work close to universities. Details on request.",
    description_zh: "毗邻高校、适合研发工作的实验空间。详情请咨询。",
    position: 2,
  },
  {
    kind: "unit",
    name_en: "Company units",
    name_zh: "企业独栋",
    description_en: "Stand-alone units for established companies. Details on request.",
    description_zh: "适合成熟企业的独栋载体。详情请咨询。",
    position: 3,
  },
] as const;

const STEPS = [
  {
    title_en: "Tell us about your plans",
    title_zh: "提交咨询",
    body_en:
      "Send an inquiry through the contact form: what you do, and what you need from the park.",
    body_zh: "通过联系表单提交咨询，说明您的业务以及对园区的需求。",
    documents_en: "A short company introduction",
    documents_zh: "公司简介",
    position: 1,
  },
  {
    title_en: "Meet the investment promotion team",
    title_zh: "与招商团队洽谈",
    body_en: "A colleague answers, explains the support available and arranges a visit.",
    body_zh: "招商同事会答复您，介绍可享受的扶持，并安排实地考察。",
    documents_en: "Business plan",
    documents_zh: "商业计划书",
    position: 2,
  },
  {
    title_en: "Choose your space",
    title_zh: "选择载体",
    body_en: "Offices, laboratories or units: choose what fits and agree the terms.",
    body_zh: "在办公、实验室和独栋载体中选择合适的空间并商定条款。",
    documents_en: "",
    documents_zh: "",
    position: 3,
  },
  {
    title_en: "Register and get licensed",
    title_zh: "注册与证照办理",
    body_en: "The park helps with business registration and licensing.",
    body_zh: "园区协助办理工商注册和相关证照。",
    documents_en: "Company registration documents",
    documents_zh: "企业注册材料",
    position: 4,
  },
  {
    title_en: "Move in: platinum service",
    title_zh: "入驻：白金服务",
    body_en: "Once resident, use the platinum service for everything from visas to customs.",
    body_zh: "入驻后，可通过白金服务办理从签证到报关的各类事项。",
    documents_en: "",
    documents_zh: "",
    position: 5,
  },
];

export async function seedDemoPromotion(db: DB): Promise<void> {
  await seedDemoArticles(db);
  // Drawn covers for the articles (ADR 0051), each in its own transaction after the articles.
  await (await import("./demo-covers.server")).seedDemoCovers(db);
}

async function seedDemoArticles(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("park_profile")
      .values({
        id: 1,
        name_en: "Zizhu High-Tech Park",
        name_zh: "紫竹高新技术产业开发区",
        tagline_en: "A national-level high-tech park: ecology, humanity and technology.",
        tagline_zh: "国家级高新区：生态、人文、科技。",
        location_en: "Minhang District, Shanghai, China",
        location_zh: "中国上海市闵行区",
        intro_en:
          "Zizhu High-Tech Park is a national-level high-tech park in Minhang District, Shanghai, and part of the national evaluation of high-tech parks by the Ministry of Science and Technology since 2012.\n\nThe park brings in investment, builds projects, incubates industries and companies, improves the business environment and serves resident companies through its platinum service. It aims to be a growth engine for Minhang and Shanghai.",
        intro_zh:
          "紫竹高新区是位于上海市闵行区的国家级高新技术产业开发区，自 2012 年起参加科技部国家高新区评价。\n\n园区开展招商引资、项目建设、产业与企业孵化，持续优化营商环境，并以“白金服务”服务入驻企业，致力于成为闵行区和上海市的增长引擎。",
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    for (const r of RANKINGS)
      await trx
        .insertInto("park_ranking")
        .values(r)
        .onConflict((oc) => oc.columns(["year", "measure"]).doNothing())
        .execute();
    const has = async (
      table: "park_industry" | "park_policy" | "park_space" | "park_invest_step",
    ) =>
      !!(await trx
        .selectFrom(table)
        .select(sql`1`.as("x"))
        .limit(1)
        .executeTakeFirst());
    if (!(await has("park_industry")))
      await trx.insertInto("park_industry").values(INDUSTRIES).execute();
    if (!(await has("park_policy"))) await trx.insertInto("park_policy").values(POLICIES).execute();
    if (!(await has("park_space")))
      await trx
        .insertInto("park_space")
        .values(SPACES.map((s) => ({ ...s, availability: "available" })))
        .execute();
    if (!(await has("park_invest_step")))
      await trx.insertInto("park_invest_step").values(STEPS).execute();
    for (const c of CATEGORIES)
      await trx
        .insertInto("news_category")
        .values(c)
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
    for (const t of TAGS)
      await trx
        .insertInto("news_tag")
        .values(t)
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
    const cats = new Map(
      (await trx.selectFrom("news_category").select(["id", "slug"]).execute()).map((c) => [
        c.slug,
        c.id,
      ]),
    );
    const tags = new Map(
      (await trx.selectFrom("news_tag").select(["id", "slug"]).execute()).map((t) => [
        t.slug,
        t.id,
      ]),
    );
    const demoInquiry = await trx
      .selectFrom("inquiry")
      .select("id")
      .where("email", "=", "investor@demo.zizhupark.example")
      .executeTakeFirst();
    if (!demoInquiry) {
      const seq = await sql<{
        n: string;
      }>`SELECT nextval('inquiry_reference_seq')::text AS n`.execute(trx);
      const inquiry = await trx
        .insertInto("inquiry")
        .values({
          reference: `INQ-${new Date().getUTCFullYear()}-${String(seq.rows[0]!.n).padStart(5, "0")}`,
          name: "Anna Keller",
          organisation: "Keller Sensorik GmbH",
          email: "investor@demo.zizhupark.example",
          country: "Germany",
          interest: "space",
          message:
            "We are a sensor company planning a research office in Shanghai and would like to learn about laboratory space and the steps to set up in the park.",
          locale: "en",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("inquiry_event")
        .values({
          inquiry_id: inquiry.id,
          kind: "created",
          details: JSON.stringify({ interest: "space" }),
        })
        .execute();
    }
    const staff = await trx
      .selectFrom("app_user")
      .select("id")
      .where(sql`lower(email)`, "=", "staff@demo.zizhupark.example")
      .executeTakeFirst();
    const now = Date.now();
    for (const a of ARTICLES) {
      const publishedAt = new Date(now - a.daysAgo * 86400_000);
      const row = await trx
        .insertInto("news_article")
        .values({
          slug: a.slug,
          category_id: cats.get(a.category) ?? null,
          status: "published",
          title_en: a.en?.title ?? null,
          summary_en: a.en?.summary ?? null,
          body_en: a.en?.body ?? null,
          title_zh: a.zh?.title ?? null,
          summary_zh: a.zh?.summary ?? null,
          body_zh: a.zh?.body ?? null,
          published_at: publishedAt,
          created_at: publishedAt,
          updated_at: publishedAt,
          created_by: staff?.id ?? null,
          updated_by: staff?.id ?? null,
        })
        .onConflict((oc) => oc.column("slug").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!row) continue;
      for (const t of a.tags) {
        const tagId = tags.get(t);
        if (tagId)
          await trx
            .insertInto("news_article_tag")
            .values({ article_id: row.id, tag_id: tagId })
            .onConflict((oc) => oc.doNothing())
            .execute();
      }
    }
  });
}
