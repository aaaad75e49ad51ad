/** Publishing the notices' photos: their processed files, copied next to each notice's page. */
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Notice } from "../board.ts";
import { noticeOutputFolder } from "../urls.ts";

/** Copies the photo files of `notices` from the photo cache into the output folder. */
export async function copyNoticePhotos(
  outputDir: string,
  notices: readonly Pick<Notice, "lang" | "board" | "slug" | "photoFiles">[],
): Promise<void> {
  for (const notice of notices) {
    if (!notice.photoFiles || notice.photoFiles.length === 0) continue;
    const folder = join(
      outputDir,
      noticeOutputFolder(notice.lang, notice.board.segment, notice.slug),
    );
    await mkdir(folder, { recursive: true });
    for (const file of notice.photoFiles)
      await copyFile(file.cachePath, join(folder, file.fileName));
  }
}
