/**
 * The inbound SMTP listener (ADR 0034), built on Nodemailer's `smtp-server`. It accepts mail
 * for the reply domain only (no relaying, no AUTH), refuses a message over INBOUND_MAX_BYTES
 * with 552 (the sending server tells its user; we never bounce), and only stores the raw
 * message with its job (`storeInbound`): parsing and posting happen in the job worker of any
 * app process. Started by the app process when INBOUND_SMTP_PORT is set; in production put
 * the park's MTA (Postfix) in front as the MX and relay the reply domain to it (README).
 */
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import type { Executor } from "#db/executor";
import { storeInbound } from "./inbound-mail.server";

export interface InboundSmtpOptions {
  port: number;
  host: string;
  domain: string | undefined;
  maxBytes: number;
  log: (level: "info" | "warn", msg: string, extra?: Record<string, unknown>) => void;
}

class SmtpError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

export function createInboundSmtp(db: Executor, opts: InboundSmtpOptions): SMTPServer {
  const domain = opts.domain?.toLowerCase();
  const options: SMTPServerOptions = {
    name: domain ?? "localhost",
    banner: "Zizhu Park Portal",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: opts.maxBytes,
    rejectOversized: true,
    maxClients: 20,
    maxRecipients: 20,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (!domain || !to.endsWith(`@${domain}`))
        return callback(new SmtpError("5.7.1 Relaying denied: not a portal address", 550));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit only the count goes on (the server answers 552 itself).
        if (size <= opts.maxBytes) chunks.push(chunk);
      });
      stream.on("error", (error: Error) => callback(error));
      stream.on("end", () => {
        if (stream.sizeExceeded || size > opts.maxBytes) {
          opts.log("info", "inbound mail refused: too large", { bytes: size });
          return callback(new SmtpError("5.3.4 Message too big for the portal", 552));
        }
        const mailFrom = session.envelope.mailFrom;
        storeInbound(db, {
          raw: Buffer.concat(chunks),
          source: "smtp",
          envelopeFrom: mailFrom ? mailFrom.address : "",
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        }).then(
          (stored) => {
            if (!stored.ok) return callback(new SmtpError("5.3.4 Message refused", 552));
            opts.log("info", "inbound mail stored", { id: stored.id, bytes: size });
            callback(null, `Queued as ${stored.id}`);
          },
          (error: unknown) => {
            opts.log("warn", "inbound mail could not be stored", { err: error });
            // 451: the sender's server keeps the message and tries again later.
            callback(new SmtpError("4.3.0 Temporary failure, try again later", 451));
          },
        );
      });
    },
  };
  return new SMTPServer(options);
}

/** Starts the listener; resolves once it listens. A port in use is reported, not fatal. */
export async function startInboundSmtp(
  db: Executor,
  opts: InboundSmtpOptions,
): Promise<{ close(): Promise<void> } | undefined> {
  const server = createInboundSmtp(db, opts);
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      opts.log("warn", "inbound SMTP listener not started", { err: error, port: opts.port });
      resolve(false);
    });
    server.listen(opts.port, opts.host, () => resolve(true));
  });
  if (!listening) return undefined;
  server.on("error", (error: Error) => opts.log("warn", "inbound SMTP error", { err: error }));
  opts.log("info", "inbound SMTP listening", { host: opts.host, port: opts.port });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
