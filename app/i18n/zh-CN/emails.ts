import type en from "../en/emails";
import type { Translation } from "../types";

const emails: Translation<typeof en> = {
  signature: "紫竹高新区 · 园区门户",
  verifyEmail: {
    subject: "请确认您的邮箱地址",
    body: "{{name}}，您好：\n\n请打开以下链接，确认您在紫竹园区门户使用的邮箱地址：\n{{link}}\n\n链接 24 小时内有效。如果您没有注册账户，请忽略本邮件。",
  },
  changeEmail: {
    subject: "请确认您的新邮箱地址",
    body: "{{name}}，您好：\n\n您申请将此地址用于紫竹园区门户账户。请打开以下链接确认：\n{{link}}\n\n链接 24 小时内有效。确认之前，原邮箱地址继续有效。",
  },
  resetPassword: {
    subject: "重置您的密码",
    body: "{{name}}，您好：\n\n有人（希望是您本人）申请重置您在紫竹园区门户的账户密码。请在此设置新密码：\n{{link}}\n\n链接仅可使用一次，1 小时内有效。如果不是您本人操作，请忽略本邮件，密码不会改变。",
  },
  passwordChanged: {
    subject: "您的密码已修改",
    body: "{{name}}，您好：\n\n您在紫竹园区门户的账户密码刚刚被修改，其他所有登录会话均已退出。如果不是您本人操作，请立即重置密码：\n{{link}}",
  },
  invitation: {
    subject: "{{inviter}} 邀请您加入紫竹园区门户上的 {{company}}",
    body: "您好：\n\n{{inviter}} 邀请您加入紫竹园区门户上的 {{company}}。企业可以在门户上申请孵化、提交园区服务需求。\n\n请在此接受邀请：\n{{link}}\n\n邀请将于 {{expires}} 过期。",
  },
};
export default emails;
