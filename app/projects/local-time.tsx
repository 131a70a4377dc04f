/**
 * A time in the reader's own zone, beside the park's time (Asia/Shanghai) the server writes:
 * rendered only once the browser knows its zone (nothing on the server, so no hydration
 * mismatch), and nothing when the reader is in China's zone already.
 */
import { useEffect, useState } from "react";

export function LocalTime({ at }: { at: string | Date }) {
  const [text, setText] = useState("");
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === "Asia/Shanghai" || zone === "Asia/Chongqing") return;
    const f = new Intl.DateTimeFormat(undefined, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    });
    setText(f.format(new Date(at)));
  }, [at]);
  return text ? (
    <span className="muted" data-testid="local-time">
      {" "}
      ({text})
    </span>
  ) : null;
}
