/**
 * Reading a claim page's posted form with its files (app/lib/form.server.ts): a required
 * document is a file input `doc_<key>` (one file each), further documents come as `files`
 * (at most five). A file over the limit, or too many, is refused with the text kept.
 */
import { readUploadForm } from "~/lib/form.server";
import { CLAIM_FILE_BYTES, MAX_MORE_FILES, MORE_KEY, type ClaimUpload } from "./claim-pages.server";

export type ClaimFormRefusal = "claims:errors.file" | "claims:errors.tooManyFiles";

export async function readClaimForm(
  request: Request,
): Promise<{ form: FormData; uploads: ClaimUpload[] } | { refused: ClaimFormRefusal }> {
  const read = await readUploadForm(request, {
    maxFileBytes: CLAIM_FILE_BYTES,
    maxFiles: 20 + MAX_MORE_FILES,
  });
  if (read.refused)
    return {
      refused:
        read.refused.reason === "tooMany" ? "claims:errors.tooManyFiles" : "claims:errors.file",
    };
  const uploads: ClaimUpload[] = [];
  const seen = new Set<string>();
  let more = 0;
  for (const [name, value] of read.form.entries()) {
    if (typeof value === "string" || value.size === 0) continue;
    let docKey: string;
    if (name === "files") {
      docKey = MORE_KEY;
      if (++more > MAX_MORE_FILES) return { refused: "claims:errors.tooManyFiles" };
    } else if (/^doc_d\d{1,2}$/.test(name)) {
      docKey = name.slice(4);
      if (seen.has(docKey)) return { refused: "claims:errors.tooManyFiles" };
      seen.add(docKey);
    } else continue;
    uploads.push({
      docKey,
      bytes: new Uint8Array(await value.arrayBuffer()),
      filename: value.name || "file",
      declaredType: value.type,
    });
  }
  return { form: read.form, uploads };
}
