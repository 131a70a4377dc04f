import { sendEmailTask } from "~/mail/mail.server";
import type { TaskHandler } from "./queue.server";

/** Every background task by name. Later areas add theirs here. */
export const taskHandlers: Record<string, TaskHandler> = {
  "send-email": sendEmailTask,
};
