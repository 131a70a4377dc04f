import { Form } from "@remix-run/react";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { useReplyFor } from "./row-editor";

export interface SpacePhoto {
  id: string;
  photo_file_id: string | null;
  photo_alt_en: string | null;
  photo_alt_zh: string | null;
  photo_width: number | null;
  photo_height: number | null;
}

/** A space's photo and its alt texts (multipart, posted to `/desk/park?space=<id>`). */
export function SpacePhotoForm({ space }: { space: SpacePhoto }) {
  const { t } = useTranslation("park");
  const fileId = `photo-${space.id}`;
  const mine = useReplyFor(fileId);
  return (
    <Form
      method="post"
      action={`/desk/park?space=${space.id}`}
      encType="multipart/form-data"
      className={`card park-row-form${mine ? " has-error" : ""}`}
    >
      <IdempotencyKey />
      <input type="hidden" name="id" value={space.id} />
      {space.photo_file_id ? (
        <img
          src={`/news/media/${space.photo_file_id}`}
          alt={space.photo_alt_en ?? ""}
          width={space.photo_width ?? undefined}
          height={space.photo_height ?? undefined}
          className="news-cover-thumb"
        />
      ) : null}
      <div className="park-row-fields">
        <div className={`field${mine ? " has-error" : ""}`}>
          <label htmlFor={fileId}>{t("desk.fields.photo")}</label>
          <p className="field-hint">{t("desk.fields.photoHint")}</p>
          <input
            id={fileId}
            name="photo"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-invalid={mine ? true : undefined}
          />
          {mine ? (
            <p className="field-errors" role="alert">
              {t(mine.message.replace(/^park:/, "") as never)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${fileId}-alt-en`}>{t("desk.fields.photoAltEn")}</label>
          <input
            id={`${fileId}-alt-en`}
            name="altEn"
            type="text"
            defaultValue={space.photo_alt_en ?? ""}
          />
        </div>
        <div className="field">
          <label htmlFor={`${fileId}-alt-zh`}>{t("desk.fields.photoAltZh")}</label>
          <input
            id={`${fileId}-alt-zh`}
            name="altZh"
            type="text"
            lang="zh-CN"
            defaultValue={space.photo_alt_zh ?? ""}
          />
        </div>
      </div>
      <button type="submit" className="button button-secondary">
        {t("desk.uploadPhoto")}
      </button>
    </Form>
  );
}
