import type en from "../en/notifications";
import type { Translation } from "../types";

const notifications: Translation<typeof en> = {
  title: "通知",
  empty: "暂无通知。",
  markRead: "全部标为已读",
  unread: "新",
  kinds: {
    reply: "园区回复了 {{ref}}（{{subject}}）",
    state: "{{ref}}（{{subject}}）的状态已更新",
    requester_reply: "企业回复了 {{ref}}（{{subject}}）",
    requester_state: "企业更改了 {{ref}}（{{subject}}）的状态",
    assigned: "{{ref}}（{{subject}}）已分派给您",
    filed: "您的团队收到新申请 {{ref}}（{{subject}}）",
    breach: "{{ref}}（{{subject}}）已超出服务时限",
    breach_warning: "{{ref}}（{{subject}}）即将到期",
    rated: "{{ref}}（{{subject}}）获得 {{rating}} 分评价（满分 5 分）",
    app_submitted: "您向“{{subject}}”提交的申请已提交",
    app_withdrawn: "您向“{{subject}}”提交的申请已撤回",
    app_reinstated: "您已撤销对“{{subject}}”申请的撤回",
    app_screening: "园区正在对您的“{{subject}}”申请进行初审",
    app_info: "园区请您为“{{subject}}”申请补充材料",
    app_review: "您的“{{subject}}”申请已进入专家评审",
    app_decision: "您的“{{subject}}”申请结果已公布",
    offer_made: "您收到“{{subject}}”的入孵通知，请答复",
    agreement_ready: "“{{subject}}”的孵化协议已生成，请签署",
    incubatee: "欢迎加入“{{subject}}”，入驻手续已开始办理",
    staff_app_submitted: "{{ref}} 向“{{subject}}”提交了申请",
    staff_review_submitted: "{{subject}} 提交了对 {{ref}} 的评审",
    staff_review_revised: "{{subject}} 修改了对 {{ref}} 的评审",
    staff_offer_accepted: "{{ref}} 接受了“{{subject}}”的入孵通知",
    staff_offer_declined: "{{ref}} 谢绝了“{{subject}}”的入孵通知",
    staff_agreement_signed: "{{ref}} 上传了“{{subject}}”的已签署协议",
    report_task: "请填报{{ref}}的{{subject}}",
    report_returned: "您的{{ref}}{{subject}}已被退回，请查看意见",
    report_accepted: "您的{{ref}}{{subject}}已审核通过",
    project_message: "项目 {{ref}} 有新留言",
    project_document: "项目 {{ref}} 有新文件",
    policy_claim: "您的政策申领 {{ref}}：{{status}}",
  },
};

export default notifications;
