/**
 * After `remix build` (npm run build): writes `<file>.gz` and `<file>.br` beside every text
 * asset in public/build, once, at the highest levels. The server sends these as they are and
 * never compresses on the request path (ADR 0018).
 */
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
export const COMPRESSIBLE = /\.(js|css|svg|json|txt|map)$/;

const dir = path.resolve(process.argv[2] ?? "public/build");

function* files(folder: string): Generator<string> {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) yield full;
  }
}

let count = 0;
let before = 0;
let after = 0;
for (const file of files(dir)) {
  const body = fs.readFileSync(file);
  const [gz, br] = await Promise.all([
    gzip(body, { level: 9 }),
    brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  ]);
  fs.writeFileSync(`${file}.gz`, gz);
  fs.writeFileSync(`${file}.br`, br);
  count++;
  before += body.length;
  after += br.length;
}
console.log(
  `compressed ${count} build assets: ${Math.round(before / 1024)} KB, ${Math.round(after / 1024)} KB with brotli`,
);
