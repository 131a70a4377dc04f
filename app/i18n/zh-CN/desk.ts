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
  mentors: {
    title: "创业导师",
    lead: "导师可以查看该在孵企业的里程碑和定期报告，并对报告发表评语；看不到其他在孵企业。",
    none: "尚未指派导师。",
    noCandidates: "目前没有人拥有“创业导师”角色：管理员可在该用户的账号页面授予。",
    choose: "导师",
    assign: "指派",
    remove: "移除 {{name}}",
    errors: {
      notFound: "该导师未被指派到此企业。",
      notMentor: "请选择拥有“创业导师”角色的人员。",
    },
    toast: {
      assigned: "导师已指派，并已通知本人。",
      removed: "已移除导师。",
    },
    my: {
      title: "我辅导的企业",
      lead: "园区请您辅导的企业：查看其里程碑和定期报告，并可在报告页面发表评语。",
      empty: "目前还没有指派给您的在孵企业。",
      back: "← 我辅导的企业",
      readOnly: "您可以查看本次孵化的情况，具体事项由企业和园区工作人员处理。",
    },
  },
  incubateeReport: {
    page: {
      title: "{{company}}：{{label}} 报表",
      back: "← 返回在孵企业",
      lead: "企业为孵化项目报送的数据，以及项目方对此的评语。企业的负责人和填报人可以看到全部评语。",
      notSubmitted: "企业尚未报送本期报表，报送后数据将显示在这里。",
      statisticsLink: "在统计工作台中打开",
      noComments: "暂无评语。",
      comment: "给企业的评语",
      commentHelp: "企业负责人和填报人会收到通知，并可在申请页面查看。",
      send: "发送评语",
    },
    errors: {
      notFound: "该报表已不存在。",
      notSubmitted: "企业报送报表后才能发表评语。",
      bodyRequired: "请先填写评语。",
      tooLong: "评语过长（最多 4000 字）。",
    },
    toast: {
      commented: "评语已发送，并已通知企业。",
    },
  },
  policyPreview: {
    live: "修改条件时，预览随之更新。",
    updating: "正在更新预览…",
    invalid: "请先更正条件，预览才能更新。",
    first: "显示前{{shown}}家，共{{count}}家。",
  },
  policyLists: {
    search: "查找企业",
    pages: "分页",
    previous: "上一页",
    next: "下一页",
    pageOf: "第{{page}}页，共{{pages}}页（{{count}}家企业）",
    noneMatch: "没有名称包含“{{q}}”的企业。",
    clearSearch: "显示全部企业",
    selectPage: "全选本页",
    selectNone: "清除本页",
    pageHint: "勾选只对本页有效。要为列表中所有页的企业发放，请选择全部审核。",
    reviewAll: "审核列表中全部{{count}}家企业",
    more: "……另有{{count}}家。",
    capped: "每次最多发放{{max}}项：以下为{{count}}家中的前{{max}}家，其余请稍后再发放。",
  },
  // 服务申请的关注人与 @提及（议题 17，ADR 0056）
  notifications: {
    mentioned: "{{by}} 在 {{ref}}（{{subject}}）中提到了您",
    watched_message: "您关注的 {{ref}}（{{subject}}）有新留言",
    watched_state: "您关注的 {{ref}}（{{subject}}）状态已变更",
  },
  watch: {
    title: "关注人",
    lead: "关注人会收到每条留言和每次状态变更的通知。",
    none: "暂无人关注此申请。",
    watch: "关注此申请",
    unwatch: "取消关注",
    youWatch: "您正在关注此申请。",
    viaMention: "（被提及）",
    toastOn: "已关注此申请",
    toastOff: "已取消关注此申请",
    mentionHint:
      "在内部备注中输入 @ 和同事姓名即可通知对方（例如 @{{name}}），对方随即关注此申请。",
    suggestions: "可提及的同事",
  },
};
export default desk;
