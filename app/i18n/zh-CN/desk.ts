import type en from "../en/desk";
import type { Translation } from "../types";

const desk: Translation<typeof en> = {
  title: "工作台",
  lead: "{{name}}，您好。您负责的事务都在这里。",
  tools: {
    statistics: { title: "企业统计", body: "统计报表、报送期次、逾期企业与审核。" },
    news: { title: "新闻编辑", body: "撰写、定时并发布中英文园区新闻。" },
    projects: { title: "招商项目", body: "招商项目管线：阶段、下一步与资金到位。" },
    space: { title: "载体空间", body: "园区可租单元：空置、为项目保留与出租情况。" },
    inquiries: { title: "投资咨询", body: "回复访客与投资人，分派并跟进。" },
    incubation: { title: "孵化管理", body: "项目、批次、初审、评审专家与评审决定。" },
    review: { title: "我的评审", body: "分配给您评分的申请。" },
    mentoring: { title: "我辅导的企业", body: "您辅导的企业：里程碑、定期报告及您的评语。" },
    requests: { title: "服务需求", body: "白金服务队列：分诊、分派、回复与办结。" },
    kb: { title: "知识库", body: "帮助文章、企业新建申请时看到的推荐，以及因此省下的申请数量。" },
    snippets: { title: "常用回复", body: "回复框中可用的中英文常用回复与宏，自用或共享。" },
    rules: { title: "规则", body: "自动分派新申请、升级逾期申请、跟进等待过久的申请。" },
    mail: {
      title: "收到的邮件",
      body: "需要人工查看的来信：未知发件人、已关闭申请的回复。",
    },
    reports: { title: "服务报表", body: "需求量、响应与办结时长、SLA 达成率与满意度。" },
    claims: {
      title: "政策申领",
      body: "各项政策的申领：逐环节审核、批准与拨付。",
    },
    policies: {
      title: "政策库",
      body: "政策及申报条件、符合条件的企业、申领与兑现。",
    },
    companies: {
      title: "企业",
      body: "每家企业的档案、变更历史，以及申请和服务请求的时间线。",
    },
    admin: { title: "系统管理", body: "账户、角色、企业与审计日志。" },
  },
};
export default desk;
