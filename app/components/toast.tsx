import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";

export interface ToastData {
  type: "success" | "info" | "error";
  key: string;
  values?: Record<string, string | number>;
}

export function Toast({ toast }: { toast: ToastData }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  useEffect(() => {
    setOpen(true);
    const timer = setTimeout(() => setOpen(false), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!open) return null;
  return (
    <div className={`toast toast-${toast.type}`} role={toast.type === "error" ? "alert" : "status"}>
      {/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- keys come from the server */}
      <span>{t(toast.key as any, toast.values as any) as string}</span>
      <button
        type="button"
        className="toast-close"
        onClick={() => setOpen(false)}
        aria-label={t("toast.dismiss")}
      >
        ×
      </button>
    </div>
  );
}
