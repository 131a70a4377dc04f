import type { queueOptions } from "~/service-requests/queue.server";

/** The choices of the queue's filters and bulk form, as the loader sends them. */
export type QueueOptions = Awaited<ReturnType<typeof queueOptions>>;
export type Named = QueueOptions["teams"][number];
