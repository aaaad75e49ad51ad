/**
 * Content folders for the quality gates: the sample site grown to several board pages a
 * language, and the hostile fixture. Both are written into fresh temporary folders.
 */
import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, SAMPLE_CONTENT, noticeFile, tempDir } from "../helpers/site.ts";

/** Notices added to each language of the sample: with its 16 that makes four board pages. */
export const GENERATED_PER_LANG = 20;

/** Slugs of generated notices that stand for one page type each, in both languages. */
export const GENERATED = Object.freeze({
  /** Has two attachments and a translation. */
  withAttachments: "2016-03-01-generated-notice-1",
  /** Korean only: no attachment, no translation. */
  koreanOnly: "2016-03-02-generated-notice-2",
  /** English only: no attachment, no translation. */
  englishOnly: "2016-03-03-generated-notice-3",
});

const MINISTRIES = ["MOIS", "MOEF", "MOHW", "MOLIT", "ME"];

function generatedNotice(lang: "ko" | "en", index: number): string {
  const day = String(index).padStart(2, "0");
  const ministry = MINISTRIES[index % MINISTRIES.length] ?? "MOIS";
  const title =
    lang === "ko"
      ? `지방자치단체 생활안전 점검 결과 안내 ${String(index)}호`
      : `Results of the local safety inspection, part ${String(index)}`;
  const summary =
    lang === "ko"
      ? "공공시설 안전점검 결과와 후속 조치 계획을 안내합니다."
      : "The results of the inspection of public facilities and the follow-up plan.";
  const fields: Record<string, string> = {
    title: JSON.stringify(title),
    date: `2016-03-${day}`,
    readCount: String(100 * index + 7),
    ministry,
    summary: JSON.stringify(summary),
  };
  const body =
    lang === "ko"
      ? `## 점검 개요\n\n행정안전부는 ${String(index)}차 점검을 마쳤습니다.\n\n- 대상: 공영주차장, 사회복지관\n- 기간: 3월 한 달\n\n자세한 내용은 [정부 누리집](https://www.gov.kr/)을 참고하십시오.`
      : `## Overview\n\nInspection round ${String(index)} is complete.\n\n- Sites: public car parks and welfare centres\n- Period: March\n\nSee the [government portal](https://www.gov.kr/) for details.`;
  if (index === 1) {
    return (
      `---\n${Object.entries(fields)
        .map(([key, value]) => `${key}: ${value}`)
        .join("\n")}\n` +
      `attachments:\n  - file: attachments/generated-${lang}-results.csv\n    title: ${JSON.stringify(lang === "ko" ? "점검 결과표" : "Inspection results")}\n` +
      `  - file: attachments/generated-${lang}-plan.pdf\n    title: ${JSON.stringify(lang === "ko" ? "후속 조치 계획" : "Follow-up plan")}\n---\n${body}\n`
    );
  }
  return noticeFile(fields, body);
}

/**
 * The sample content plus {@link GENERATED_PER_LANG} older notices a language (so every board
 * has a first, middle and last page), one with attachments and one in each language only.
 */
export async function boardFixture(): Promise<string> {
  const dir = join(await tempDir("sosik-quality-"), "content");
  await cp(SAMPLE_CONTENT, dir, { recursive: true });
  for (const lang of ["ko", "en"] as const) {
    const notices = join(dir, lang, "notices");
    await mkdir(join(notices, "attachments"), { recursive: true });
    await writeFile(
      join(notices, "attachments", `generated-${lang}-results.csv`),
      "site,result\nA,ok\n",
    );
    await writeFile(
      join(notices, "attachments", `generated-${lang}-plan.pdf`),
      "%PDF-1.4\n%%EOF\n",
    );
    for (let index = 1; index <= GENERATED_PER_LANG; index++) {
      const onlyIn = index === 2 ? "ko" : index === 3 ? "en" : undefined;
      if (onlyIn !== undefined && onlyIn !== lang) continue;
      const slug = `2016-03-${String(index).padStart(2, "0")}-generated-notice-${String(index)}`;
      await writeFile(join(notices, `${slug}.md`), generatedNotice(lang, index));
    }
  }
  return dir;
}

/** The hostile fixture that must build: tests/fixtures/hostile/site, plus a 5 MB notice. */
export const HOSTILE_SITE = join(ROOT, "tests/fixtures/hostile/site");

/** Notice files that must be refused, each in tests/fixtures/hostile/rejected. */
export const HOSTILE_REJECTED = join(ROOT, "tests/fixtures/hostile/rejected");

/** Slug of the generated notice whose body is {@link BIG_BODY_BYTES} long. */
export const BIG_NOTICE = "2020-01-03-five-megabytes";

/** Size of the big notice's body. */
export const BIG_BODY_BYTES = 5 * 1024 * 1024;

/** A copy of the hostile site with a 5 MB English notice added (too big to keep in git). */
export async function hostileFixture(): Promise<string> {
  const dir = join(await tempDir("sosik-hostile-"), "content");
  await cp(HOSTILE_SITE, dir, { recursive: true });
  const paragraph =
    "행정안전부는 공영주차장 안전점검 결과를 발표했습니다. The ministry published the results " +
    "<script>alert('big')</script> of the inspection of car parks and welfare centres.\n\n";
  const body = paragraph.repeat(Math.ceil(BIG_BODY_BYTES / Buffer.byteLength(paragraph)));
  await writeFile(
    join(dir, "en", "notices", `${BIG_NOTICE}.md`),
    noticeFile({ title: "A notice of five megabytes", date: "2020-01-03", ministry: "MOIS" }, body),
  );
  return dir;
}
