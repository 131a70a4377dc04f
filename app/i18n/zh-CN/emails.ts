import type en from "../en/emails";
import type { Translation } from "../types";

const emails: Translation<typeof en> = {
  signature: "紫竹高新区 · 园区门户",
  verifyEmail: {
    subject: "请确认您的邮箱地址",
    body: "您好：\n\n请打开以下链接，确认您在紫竹园区门户使用的邮箱地址：\n{{link}}\n\n链接 24 小时内有效。如果您没有注册账户，请忽略本邮件：不打开链接，就不会有账户使用此地址。",
  },
  changeEmail: {
    subject: "请确认您的新邮箱地址",
    body: "您好：\n\n有人申请将此地址用于其紫竹园区门户账户。如果是您本人，请打开以下链接确认：\n{{link}}\n\n链接 24 小时内有效。如果不是您本人操作，请忽略本邮件：不打开链接，什么都不会改变。",
  },
  resetPassword: {
    subject: "重置您的密码",
    body: "您好：\n\n有人（希望是您本人）申请重置您在紫竹园区门户的账户密码。请在此设置新密码：\n{{link}}\n\n链接仅可使用一次，1 小时内有效。如果不是您本人操作，请忽略本邮件，密码不会改变。",
  },
  passwordChanged: {
    subject: "您的密码已修改",
    body: "您好：\n\n您在紫竹园区门户的账户密码刚刚被修改，其他所有登录会话均已退出。如果不是您本人操作，请立即重置密码：\n{{link}}",
  },
  invitation: {
    subject: "紫竹园区门户的邀请",
    body: "您好：\n\n有企业邀请您加入其在紫竹园区门户上的团队。企业可以在门户上申请孵化、提交园区服务需求。请打开邀请，查看邀请人并接受邀请：\n{{link}}\n\n邀请将于 {{expires}} 过期。如果您没有预期收到此邀请，请忽略本邮件。",
  },
  addressInUse: {
    subject: "您的邮箱地址与紫竹园区门户",
    body: "您好：\n\n有人尝试用此邮箱地址注册紫竹园区门户账户，或将某个账户改用此地址。此地址已有账户，因此没有任何改变。\n\n如果是您本人，请在此登录：\n{{signIn}}\n\n如果忘记了密码，请在此重置：\n{{reset}}\n\n如果不是您本人操作，请忽略本邮件。",
  },
  incubationStatus: {
    subject: "{{call}}：您的申请状态已更新为“{{status}}”",
    body: "{{name}}，您好：\n\n{{company}}提交的“{{call}}”申请当前状态为“{{status}}”。{{message}}\n\n接下来：{{next}}\n\n查看申请：\n{{link}}",
  },
  incubationDecision: {
    subject: "{{call}}：您的申请已有结果",
    body: "{{name}}，您好：\n\n园区已对{{company}}提交的“{{call}}”申请作出决定。请通过以下链接阅读决定函：\n{{link}}",
  },
  incubationEnded: {
    subject: "{{call}}：{{status}}",
    body: "{{name}}，您好：\n\n{{company}}在“{{call}}”的孵化已结束：{{status}}。{{message}}\n\n{{next}}\n\n查看详情：\n{{link}}",
  },
  milestoneReminder: {
    subject: "提醒：您的一项孵化里程碑将于 {{due}} 到期",
    body: "您好：\n\n{{company}}在“{{programme}}”孵化期间的里程碑“{{milestone}}”将于 {{due}} 到期。完成后，请在门户中标记完成并附简要说明（如该里程碑要求证明文件，请一并上传）。\n\n查看里程碑：{{link}}",
  },
  milestoneLate: {
    subject: "已逾期：您的一项孵化里程碑已于 {{due}} 到期",
    body: "您好：\n\n{{company}}在“{{programme}}”孵化期间的里程碑“{{milestone}}”已于 {{due}} 到期，目前尚未标记完成。请尽快在门户中标记完成；如遇困难，请告知孵化团队。\n\n查看里程碑：{{link}}",
  },
  // Service requests (issue 5)
  serviceRequestFiled: {
    subject: "{{ref}}：我们已收到您的服务申请",
    body: "{{name}}，您好：\n\n园区已收到您的服务申请 {{ref}}（{{subject}}）。按园区工作时间计算，预计在 {{expected}}（北京时间）前办结。\n\n您可以在这里查看进度、回复并补充文件：\n{{link}}",
  },
  serviceRequestReply: {
    subject: "{{ref}}：园区回复了您的申请",
    body: "{{name}}，您好：\n\n园区对您的服务申请 {{ref}}（{{subject}}）作出了回复：\n\n{{reply}}\n\n查看完整对话并回复：\n{{link}}",
  },
  serviceRequestState: {
    subject: "{{ref}}：状态更新为“{{state}}”",
    body: "{{name}}，您好：\n\n服务申请 {{ref}}（{{subject}}）的状态已更新为：{{state}}。\n\n查看详情：\n{{link}}",
  },
  serviceRequestRequesterReply: {
    subject: "{{ref}}：企业已回复",
    body: "{{name}}，您好：\n\n服务申请 {{ref}}（{{subject}}）的申请企业添加了新回复。\n\n打开申请：\n{{link}}",
  },
  serviceRequestMerged: {
    subject: "{{ref}} 已合并至 {{target}}",
    body: "{{name}}，您好：\n\n您的服务申请 {{ref}}（{{subject}}）与 {{target}} 内容相同，园区已将其合并至 {{target}}。您提交的内容均可在该申请中查看，后续将在 {{target}} 中继续处理。\n\n查看申请：\n{{link}}",
  },
  serviceRequestAssigned: {
    subject: "{{ref}} 已分派给您",
    body: "{{name}}，您好：\n\n服务申请 {{ref}}（{{subject}}）现已分派给您处理。\n\n打开申请：\n{{link}}",
  },
  serviceRequestBreach: {
    subject: "已超出服务时限：{{ref}}",
    body: "{{name}}，您好：\n\n服务申请 {{ref}}（{{subject}}）已超过服务承诺时限。\n\n打开申请：\n{{link}}",
  },
  serviceRequestWarning: {
    subject: "即将到期：{{ref}}",
    body: "{{name}}，您好：\n\n服务申请 {{ref}}（{{subject}}）将在两个工作小时内到期。\n\n打开申请：\n{{link}}",
  },
  serviceRequestEscalated: {
    subject: "服务台规则提醒：请关注 {{ref}}",
    body: "{{name}}，您好：\n\n服务台规则“{{rule}}”请您关注服务申请 {{ref}}（{{subject}}）。\n\n打开申请：\n{{link}}",
  },
  // 招商推介（议题 3）
  inquiryReceived: {
    subject: "{{reference}}：我们已收到您的咨询",
    body: "您好：\n\n感谢您关注紫竹高新区。我们收到了来自此邮箱地址的咨询，编号为 {{reference}}，再次来信时请注明该编号。\n\n招商团队会通过电子邮件答复，通常在两个工作日内。如果您没有给我们写信，请忽略本邮件。",
  },
  inquiryReply: {
    subject: "{{reference}}：紫竹高新区的答复",
    body: "您好：\n\n园区已答复您的咨询 {{reference}}：\n\n{{reply}}\n\n如需继续沟通，可直接回复本邮件。",
  },
  projectReminder: {
    subject: "今天需要您关注的招商项目",
    body: "您好：\n\n您负责的 {{count}} 个招商项目需要设置下一步或跟进：\n\n{{message}}\n\n在项目管线中查看全部：{{link}}",
  },
  reportTask: {
    subject: "请填报{{period}}的{{form}}",
    body: "您好：\n\n园区已发布{{form}}（{{period}}）。请于 {{due}} 前完成填报；表中已预填上一期数据。\n\n前往填报：{{link}}",
  },
  reportReminder: {
    subject: "提醒：{{period}}的{{form}}将于 {{due}} 截止",
    body: "您好：\n\n贵公司{{period}}的{{form}}尚未提交，截止日期为 {{due}}。已保存的草稿会保留，表中已预填上一期数据。\n\n前往填报：{{link}}",
  },
  reportLate: {
    subject: "已逾期：{{period}}的{{form}}",
    body: "您好：\n\n贵公司{{period}}的{{form}}截止日期为 {{due}}，目前已逾期 {{days}} 天。园区本期统计正在等待这份报表，请尽快提交；如有困难，请联系园区统计办公室。\n\n前往填报：{{link}}",
  },
  reportEscalated: {
    subject: "仍未提交：{{period}}的{{form}}",
    body: "您好：\n\n您是贵公司的负责人，特此告知：贵公司{{period}}的{{form}}截止日期为 {{due}}，目前已逾期 {{days}} 天。请督促尽快提交，或在公司报表页面指定一名同事担任填报人。\n\n查看报表：{{link}}",
  },
  projectInvestorInvite: {
    subject: "在紫竹高新区门户跟进您的项目 {{reference}}",
    body: "您好：\n\n紫竹高新区招商团队邀请您在紫竹园区门户上跟进您的项目 {{reference}}：项目进展、下一步安排、考察、文件以及与招商团队的留言。请打开邀请链接，然后用本邮箱地址登录或注册账号：\n{{link}}\n\n邀请将于 {{expires}} 失效。如果您并未预期收到此邀请，请忽略本邮件。",
  },
  projectInvestorLinked: {
    subject: "您现在可以跟进项目 {{reference}}",
    body: "您好：\n\n紫竹高新区招商团队已为您的账号开通项目 {{reference}} 的查看权限：项目进展、下一步安排、文件以及与招商团队的留言。\n{{link}}",
  },
  projectMessageToOwner: {
    subject: "投资方在 {{reference}} 上留言",
    body: "您好：\n\n投资方在项目 {{reference}} 上发来一条留言，请在此查看并回复：\n{{link}}",
  },
  projectDocumentToOwner: {
    subject: "投资方在 {{reference}} 上传了文件",
    body: "您好：\n\n投资方为项目 {{reference}} 上传了一份文件：\n{{link}}",
  },
  projectMessageToInvestor: {
    subject: "紫竹高新区关于 {{reference}} 的留言",
    body: "您好：\n\n招商团队就您的项目 {{reference}} 留言如下：\n\n{{message}}\n\n请在门户上回复：\n{{link}}",
  },
  projectDocumentToInvestor: {
    subject: "您的项目 {{reference}} 有新文件",
    body: "您好：\n\n紫竹高新区招商团队在您的项目 {{reference}} 中分享了一份文件，请在门户上下载：\n{{link}}",
  },
  projectLandedInvite: {
    subject: "您的企业已成为紫竹高新区入驻企业",
    body: "您好：\n\n欢迎入驻紫竹高新区！{{company}}现已成为园区入驻企业，园区招商团队邀请您在紫竹园区门户上管理企业账号：入驻企业可在门户上提交服务申请、申报项目并邀请同事。请接受邀请：\n{{link}}\n\n邀请将于 {{expires}} 失效。",
  },
  projectLandedOwner: {
    subject: "您的企业已成为紫竹高新区入驻企业",
    body: "您好：\n\n欢迎入驻紫竹高新区！{{company}}现已成为园区入驻企业，您的账号是该企业在紫竹园区门户上的负责人。您可以在这里提交服务申请、邀请同事：\n{{link}}",
  },
  inboundUnmatched: {
    subject: "关于您发给紫竹园区门户的邮件",
    body: "您好：\n\n感谢来信。我们未能将这封邮件加入任何服务申请：门户只接收申请人本人、发往该申请邮件中回复地址的回复邮件。园区工作人员仍可以看到您的邮件。\n\n如需申请服务或跟进申请，请使用门户：\n{{link}}\n\n这是一封自动回复邮件，每天最多发送一次。",
  },
  policyAward: {
    subject: "免申即享：{{reference}}",
    body: "您好：\n\n根据园区掌握的企业档案和报送数据，贵公司符合「{{policy}}」的条件，园区已为贵公司直接兑现，无需申请（{{reference}}）：{{amount}}。\n\n拨付前，请由公司负责人在门户中确认收款账户（户名、开户银行和账号）：\n{{link}}\n\n无需提交其他材料。",
  },
  policyClaim: {
    subject: "您的政策申领 {{reference}}：{{status}}",
    body: "您好：\n\n您的申领 {{reference}} 当前状态：{{status}}。\n\n{{message}}\n\n在门户中查看：{{link}}",
  },
  inboundClosed: {
    subject: "{{ref}} 已关闭",
    body: "您好：\n\n感谢您就服务申请 {{ref}} 来信。该申请已关闭，您的回复未加入其中；园区工作人员仍可以看到这封邮件。\n\n如仍需帮助，请在此重新打开该申请或提交新申请：\n{{link}}\n\n这是一封自动回复邮件，每天最多发送一次。",
  },
  projectVisitPlanned: {
    subject: "紫竹高新区实地考察：{{ref}}",
    body: "您好：\n\n已为{{organisation}}（项目 {{ref}}）安排紫竹高新区实地考察。\n\n时间：{{when}}\n地点：{{place}}\n园区接待：{{hosts}}\n来访人员：{{visitors}}\n\n日程安排：\n{{agenda}}\n\n日历邀请见附件（invite.ics），打开即可加入您的日历，并按您所在时区显示。\n\n{{link}}",
  },
  projectVisitUpdated: {
    subject: "实地考察已变更：{{ref}}",
    body: "您好：\n\n{{organisation}}（项目 {{ref}}）的实地考察安排已变更，最新安排如下：\n\n时间：{{when}}\n地点：{{place}}\n园区接待：{{hosts}}\n来访人员：{{visitors}}\n\n日程安排：\n{{agenda}}\n\n附件中的日历邀请（invite.ics）会更新您日历中的这次考察。\n\n{{link}}",
  },
  projectVisitCancelled: {
    subject: "实地考察已取消：{{ref}}",
    body: "您好：\n\n{{organisation}}（项目 {{ref}}）原定于 {{when}} 在{{place}}进行的实地考察已取消。\n\n原因：{{message}}\n\n附件中的取消通知（invite.ics）会将其从您的日历中移除。\n\n{{link}}",
  },
  // 关注人与 @提及（议题 17，ADR 0056）
  serviceRequestMentioned: {
    subject: "您在 {{ref}} 中被提及",
    body: "{{name}}，您好：\n\n{{by}} 在服务申请 {{ref}}（{{subject}}）的内部备注中提到了您，您现已关注此申请。\n\n{{note}}\n\n打开申请：\n{{link}}",
  },
  serviceRequestWatchedMessage: {
    subject: "{{ref}} 有新留言",
    body: "{{name}}，您好：\n\n您关注的服务申请 {{ref}}（{{subject}}）有新留言（{{kind}}），当前状态：{{state}}。\n\n{{excerpt}}\n\n打开申请：\n{{link}}",
    kinds: {
      internal: "内部备注",
      public: "给申请人的回复",
      requester: "申请人留言",
    },
  },
  serviceRequestWatchedState: {
    subject: "{{ref}} 状态变更为：{{state}}",
    body: "{{name}}，您好：\n\n您关注的服务申请 {{ref}}（{{subject}}）现在的状态为：{{state}}。\n\n打开申请：\n{{link}}",
  },
};
export default emails;
