/**
 * The benchmark corpus: a deterministic board of N notices, half Korean and half English,
 * mostly translated pairs, spread over 25 years, with Zipf-distributed words from the fixed
 * lists in words.ts. The same seed and N always give byte-identical files.
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ATTACHMENT_KINDS,
  EN_WORDS,
  KO_MODIFIERS,
  KO_NOUNS,
  KO_PARTICLES,
  KO_PREDICATES,
  PLACES,
  TAIL_SYLLABLES,
} from "./words.ts";

/** One generated notice, in the shape of its front matter plus body. */
export interface CorpusNotice {
  readonly lang: "ko" | "en";
  readonly slug: string;
  readonly title: string;
  readonly day: string;
  readonly readCount: number;
  readonly ministry: string;
  readonly summary?: string;
  readonly draft: boolean;
  readonly expires?: string;
  readonly attachments: readonly CorpusAttachment[];
  readonly body: string;
}

/** An attachment of a generated notice: the file is written with `sizeBytes` bytes. */
export interface CorpusAttachment {
  readonly file: string;
  readonly title: string;
  readonly sizeBytes: number;
}

/** Share of stories published in both languages; the rest is split evenly between ko and en. */
const PAIRED_SHARE = 0.8;
const FIRST_YEAR = 2001;
const YEARS = 25;

/** A seeded pseudo-random generator (mulberry32): floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws indexes 0..n-1 with probability proportional to 1 / (index + 1) ^ exponent. */
function zipf(n: number, exponent: number): (random: () => number) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= n; rank++) {
    total += 1 / rank ** exponent;
    cumulative.push(total);
  }
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? total) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** Picks from a list through a Zipf draw, or uniformly when no draw is given. */
function pickFrom<T>(
  list: readonly T[],
  random: () => number,
  draw?: (r: () => number) => number,
): T {
  const index = draw ? draw(random) : Math.floor(random() * list.length);
  const item = list[index];
  if (item === undefined)
    throw new RangeError(`index ${String(index)} outside a list of ${String(list.length)}`);
  return item;
}

const enDraw = zipf(EN_WORDS.length, 1.05);
const TAIL_SIZE = 30_000;
const tailDraw = zipf(TAIL_SIZE, 0.9);

/** A long-tail word: the index, written in base-30 syllables (two or three of them). */
function tailWord(lang: "ko" | "en", random: () => number): string {
  const base = TAIL_SYLLABLES.length;
  const index = tailDraw(random);
  const length = index < base * base ? 2 : 3;
  let rest = index;
  const parts: string[] = [];
  for (let i = 0; i < length; i++) {
    const syllable = TAIL_SYLLABLES[rest % base] ?? ["x", "엑"];
    parts.push(lang === "ko" ? syllable[1] : syllable[0]);
    rest = Math.floor(rest / base);
  }
  return lang === "ko" ? parts.join("") : capitalise(parts.join(""));
}
const koDraw = zipf(KO_NOUNS.length, 1.0);
const ministryDrawCache = new Map<number, (random: () => number) => number>();

/** Generates `count` notices (rounded down to even when split by language) from `seed`. */
export function generateCorpus(
  count: number,
  seed: number,
  ministryCodes: readonly string[],
): CorpusNotice[] {
  const random = seededRandom(seed);
  const pairs = Math.floor((count * PAIRED_SHARE) / 2);
  const singles = count - 2 * pairs;
  const koOnly = Math.ceil(singles / 2);
  const stories = pairs + singles;
  let ministryDraw = ministryDrawCache.get(ministryCodes.length);
  if (!ministryDraw) {
    ministryDraw = zipf(ministryCodes.length, 1.3);
    ministryDrawCache.set(ministryCodes.length, ministryDraw);
  }

  const notices: CorpusNotice[] = [];
  const slugs = new Set<string>();
  for (let story = 0; story < stories; story++) {
    const langs: readonly ("ko" | "en")[] =
      story < pairs ? ["ko", "en"] : story < pairs + koOnly ? ["ko"] : ["en"];
    const day = storyDay(random);
    const ministry = pickFrom(ministryCodes, random, ministryDraw);
    const enTopic = Array.from({ length: 4 }, () =>
      pickFrom(EN_WORDS, random, (r) => 40 + Math.floor(r() * (EN_WORDS.length - 40))),
    );
    const koTopic = Array.from({ length: 4 }, () => pickFrom(KO_NOUNS, random));
    const place = pickFrom(PLACES, random);
    const enTitle = englishTitle(random, enTopic, place[0]);
    const slug = uniqueSlug(slugs, day, enTitle);
    const ageYears = (Date.parse("2026-01-01") - Date.parse(day)) / (365.25 * 86_400_000);
    const reads = Math.floor(Math.exp(6 + normal(random) * 1.1) * (1 + ageYears / 5));
    const draft = random() < 0.003;
    const expires = random() < 0.01 ? addDays(day, 30 + Math.floor(random() * 335)) : undefined;
    const attachmentCount = random() < 0.04 ? 1 + Math.floor(random() * 2) : 0;
    const kinds = Array.from({ length: attachmentCount }, () => pickFrom(ATTACHMENT_KINDS, random));

    for (const lang of langs) {
      const topic = lang === "ko" ? koTopic : enTopic;
      const placeName = lang === "ko" ? place[1] : place[0];
      const title = lang === "en" ? enTitle : koreanTitle(random, koTopic, place[1]);
      const hasSummary = random() < 0.7;
      notices.push({
        lang,
        slug,
        title,
        day,
        readCount: lang === "ko" ? reads : Math.floor(reads / 4),
        ministry,
        ...(hasSummary ? { summary: sentence(lang, random, topic, placeName) } : {}),
        draft,
        ...(expires ? { expires } : {}),
        attachments: kinds.map((kind, index) => ({
          file: `attachments/${slug}-${String(index + 1)}.${kind[2]}`,
          title: `${lang === "ko" ? kind[1] : kind[0]} ${String(index + 1)}`,
          sizeBytes: 1024 + Math.floor(random() * 40_000),
        })),
        body: body(lang, random, topic, placeName),
      });
    }
  }
  return notices;
}

/** Days get more frequent towards the present, as boards grow: density rises 1x to 3x. */
function storyDay(random: () => number): string {
  const x = (-1 + Math.sqrt(1 + 8 * random())) / 2;
  const start = Date.UTC(FIRST_YEAR, 0, 1);
  const span = Date.UTC(FIRST_YEAR + YEARS, 0, 1) - start;
  return new Date(start + Math.floor(x * span)).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function uniqueSlug(taken: Set<string>, day: string, title: string): string {
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((word) => word.length > 2)
    .slice(0, 6);
  const base = `${day}-${words.join("-") || "notice"}`;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${String(n)}`;
  taken.add(slug);
  return slug;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function englishWord(random: () => number, topic: readonly string[], place: string): string {
  const roll = random();
  if (roll < 0.12) return pickFrom(topic, random);
  if (roll < 0.14) return place;
  if (roll < 0.16) return String(Math.floor(random() * 2000) + 1);
  if (roll < 0.17) return pickFrom(PLACES, random)[0];
  if (roll < 0.22) return tailWord("en", random);
  return pickFrom(EN_WORDS, random, enDraw);
}

function englishTitle(random: () => number, topic: readonly string[], place: string): string {
  const length = 5 + Math.floor(random() * 7);
  const words = Array.from({ length }, (_, i) =>
    i % 3 === 0 ? pickFrom(topic, random) : englishWord(random, topic, place),
  );
  return capitalise(words.join(" "));
}

/** True when the last syllable of a Hangul word ends in a consonant (takes 은, 이, 을, 으로...). */
function endsInConsonant(word: string): boolean {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  return code >= 0 && code < 11172 && code % 28 !== 0;
}

function withParticle(noun: string, random: () => number): string {
  const [afterConsonant, afterVowel] = pickFrom(KO_PARTICLES, random);
  // 으로 after ㄹ is 로 in real Korean; the corpus keeps the simple rule.
  return noun + (endsInConsonant(noun) ? afterConsonant : afterVowel);
}

function koreanNoun(random: () => number, topic: readonly string[], place: string): string {
  const roll = random();
  if (roll < 0.12) return pickFrom(topic, random);
  if (roll < 0.15) return place;
  if (roll < 0.23) return tailWord("ko", random);
  if (roll < 0.26)
    return `${String(Math.floor(random() * 900) + 1)}${pickFrom(["명", "건", "곳", "억 원", "개"], random)}`;
  const noun = pickFrom(KO_NOUNS, random, koDraw);
  // Korean writes compounds as one word: 재난안전관리, 주민등록증.
  if (random() < 0.3) {
    const second = pickFrom(KO_NOUNS, random, koDraw);
    return random() < 0.2 ? noun + second + pickFrom(KO_NOUNS, random, koDraw) : noun + second;
  }
  return noun;
}

function koreanTitle(random: () => number, topic: readonly string[], place: string): string {
  const length = 3 + Math.floor(random() * 5);
  const words = Array.from({ length }, (_, i) => {
    const noun = i === 0 ? pickFrom(topic, random) : koreanNoun(random, topic, place);
    return i < length - 1 && random() < 0.5 ? withParticle(noun, random) : noun;
  });
  return words.join(" ");
}

function koreanSentence(random: () => number, topic: readonly string[], place: string): string {
  const length = 5 + Math.floor(random() * 8);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    if (random() < 0.15) {
      words.push(pickFrom(KO_MODIFIERS, random));
      continue;
    }
    const noun = koreanNoun(random, topic, place);
    words.push(random() < 0.75 ? withParticle(noun, random) : noun);
  }
  words.push(`${pickFrom(KO_PREDICATES, random)}.`);
  return words.join(" ");
}

function englishSentence(random: () => number, topic: readonly string[], place: string): string {
  const length = 9 + Math.floor(random() * 14);
  const comma = length > 14 ? Math.floor(length / 2) : -1;
  const words = Array.from(
    { length },
    (_, i) => englishWord(random, topic, place) + (i === comma ? "," : ""),
  );
  return `${capitalise(words.join(" "))}.`;
}

function sentence(
  lang: "ko" | "en",
  random: () => number,
  topic: readonly string[],
  place: string,
): string {
  return lang === "ko"
    ? koreanSentence(random, topic, place)
    : englishSentence(random, topic, place);
}

function body(
  lang: "ko" | "en",
  random: () => number,
  topic: readonly string[],
  place: string,
): string {
  const blocks: string[] = [];
  const paragraphs = 3 + Math.floor(random() * 8);
  for (let p = 0; p < paragraphs; p++) {
    if (p === Math.floor(paragraphs / 2) && random() < 0.35) {
      const heading =
        lang === "ko"
          ? `${koreanNoun(random, topic, place)} ${pickFrom(topic, random)}`
          : capitalise(
              `${pickFrom(topic, random)} ${pickFrom(EN_WORDS, random, enDraw)} ${pickFrom(topic, random)}`,
            );
      blocks.push(`## ${heading}`);
    }
    if (random() < 0.12) {
      const items = 3 + Math.floor(random() * 3);
      blocks.push(
        Array.from({ length: items }, () => `- ${sentence(lang, random, topic, place)}`).join("\n"),
      );
      continue;
    }
    const sentences = 2 + Math.floor(random() * 4);
    let text = Array.from({ length: sentences }, () => sentence(lang, random, topic, place)).join(
      " ",
    );
    if (random() < 0.08) {
      const label = lang === "ko" ? "누리집" : "the website";
      text += ` ${lang === "ko" ? "자세한 내용은" : "Details are on"} [${label}](https://www.example.go.kr/${pickFrom(topic, random)}).`;
    }
    blocks.push(text);
  }
  return `${blocks.join("\n\n")}\n`;
}

/** The notice file a Sosik editor would write: YAML front matter (JSON-quoted text) and body. */
export function noticeSource(notice: CorpusNotice): string {
  const lines = [
    "---",
    `title: ${JSON.stringify(notice.title)}`,
    `date: ${notice.day}`,
    `readCount: ${String(notice.readCount)}`,
    `ministry: ${notice.ministry}`,
  ];
  if (notice.summary !== undefined) lines.push(`summary: ${JSON.stringify(notice.summary)}`);
  if (notice.draft) lines.push("draft: true");
  if (notice.expires !== undefined) lines.push(`expires: ${notice.expires}`);
  if (notice.attachments.length > 0) {
    lines.push("attachments:");
    for (const attachment of notice.attachments) {
      lines.push(`  - file: ${attachment.file}`, `    title: ${JSON.stringify(attachment.title)}`);
    }
  }
  lines.push("---", notice.body);
  return lines.join("\n");
}

/** Deterministic filler bytes for an attachment. */
function attachmentBytes(size: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** Writes a Sosik content folder: `_data/` copied from `dataDir`, then every notice and attachment. */
export async function writeSosikContent(
  notices: readonly CorpusNotice[],
  contentDir: string,
  dataDir: string,
): Promise<void> {
  await mkdir(join(contentDir, "_data"), { recursive: true });
  for (const name of ["site.json", "ministries.json"]) {
    await copyFile(join(dataDir, name), join(contentDir, "_data", name));
  }
  for (const lang of ["ko", "en"]) {
    await mkdir(join(contentDir, lang, "notices", "attachments"), { recursive: true });
  }
  let seed = 1;
  for (const notice of notices) {
    const folder = join(contentDir, notice.lang, "notices");
    await writeFile(join(folder, `${notice.slug}.md`), noticeSource(notice));
    for (const attachment of notice.attachments) {
      await writeFile(join(folder, attachment.file), attachmentBytes(attachment.sizeBytes, seed++));
    }
  }
}
