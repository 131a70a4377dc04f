import { useEffect, useState } from "react";
import { useKeyText, useTranslation } from "~/i18n/use-translation";

export interface ToastData {
  type: "success" | "info" | "error";
  key: string;
  values?: Record<string, string | number>;
}

export function Toast({ toast }: { toast: ToastData }) {
  const { t } = useTranslation();
  const keyText = useKeyText();
  const [open, setOpen] = useState(true);
  useEffect(() => {
    setOpen(true);
    const timer = setTimeout(() => setOpen(false), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!open) return null;
  return (
    <div className={`toast toast-${toast.type}`} role={toast.type === "error" ? "alert" : "status"}>
      <span>{keyText(toast.key, toast.values)}</span>
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
