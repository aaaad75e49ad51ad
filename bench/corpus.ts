/**
 * The benchmark corpus: a deterministic board of N notices, half Korean and half English,
 * mostly translated pairs, spread over 25 years. Bodies are shaped like a ministry's notices
 * (300 to 1,000 words: an opening paragraph, two to five sections with lists, links, bold text
 * and now and then a table) with Zipf-distributed words: the lists of words.ts at the head, and
 * a long tail of compounds, derived forms and names that grows with the board. The same seed
 * and N always give byte-identical files.
 */
import { writeFileSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  ATTACHMENT_KINDS,
  EN_COMPOUND_SUFFIXES,
  EN_PREFIXES,
  EN_RARE_WORDS,
  EN_WORDS,
  ITEM_LABELS,
  KO_MODIFIERS,
  KO_NOUNS,
  KO_PARTICLES,
  KO_PREDICATES,
  KO_RARE_NOUNS,
  KO_VERBAL_NOUNS,
  KO_VERB_ENDINGS,
  LINK_HOSTS,
  PLACE_SUFFIXES,
  PLACES,
  SECTION_HEADINGS,
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
  /** Written afresh from the notice's own seed at each read, so a large corpus stays small. */
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
/** Body length in words (Korean: eojeol): log-normal around the median, within the bounds. */
const MEDIAN_WORDS = 590;
const WORDS_SPREAD = 0.3;
const FEWEST_WORDS = 300;
const MOST_WORDS = 900;

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

/** A seed for one part of one story (murmur3's finaliser over the parts), so parts are independent. */
function partSeed(seed: number, story: number, part: number): number {
  let h = (seed ^ Math.imul(story + 1, 0x9e3779b1) ^ Math.imul(part + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Draws indexes 0..n-1 with probability proportional to 1 / rank(index) ^ exponent; rank is
 * index + 1 unless given.
 */
function zipf(
  n: number,
  exponent: number,
  rank: (index: number) => number = (index) => index + 1,
): (random: () => number) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let index = 0; index < n; index++) {
    total += 1 / rank(index) ** exponent;
    cumulative[index] = total;
  }
  // A guide table (Chen and Asau's method): the first index of each of n equal slices of the
  // total, so a draw scans a step or two instead of a binary search.
  const guide = new Int32Array(n);
  for (let slice = 0, index = 0; slice < n; slice++) {
    while (index < n - 1 && (cumulative[index] ?? total) < (slice / n) * total) index++;
    guide[slice] = index;
  }
  return (random) => {
    const u = random();
    const target = u * total;
    let index = guide[Math.floor(u * n)] ?? 0;
    while (index < n - 1 && (cumulative[index] ?? total) < target) index++;
    return index;
  };
}

/**
 * Ranks for a head list among the long tail: the first `head` words keep their ranks, the rest
 * thin out (one in every `step` ranks, the tail's words in between), so the end of each list is
 * as rare as real boards' less common words and a search for it finds a few dozen notices.
 */
function thinning(head: number, step: number): (index: number) => number {
  return (index) => (index < head ? index + 1 : head + (index - head + 1) * step);
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

/** Function words of EN_WORDS: never derived (should-based), bold, or a phrase's words. */
const EN_FUNCTION_WORDS = new Set(
  `the of and to in for a on with by is will be that as from this are at its has have more all
  which were also said their an or it been under including other through about further during
  each after should first second would before between new year's`.split(/\s+/),
);
const enDraw = zipf(EN_WORDS.length, 1.05, thinning(250, 4));
const enRareDraw = zipf(EN_RARE_WORDS.length, 0.9);
const koDraw = zipf(KO_NOUNS.length, 1.0, thinning(100, 12));
const koRareDraw = zipf(KO_RARE_NOUNS.length, 0.9);
const verbalDraw = zipf(KO_VERBAL_NOUNS.length, 0.8);
const TAIL_SIZE = 30_000;
const tailDraw = zipf(TAIL_SIZE, 0.9);
const ministryDrawCache = new Map<number, (random: () => number) => number>();

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

/** What a notice's text is drawn from: its topic words, place and the notices it may cite. */
interface TextContext {
  readonly lang: "ko" | "en";
  readonly random: () => number;
  readonly topic: readonly string[];
  readonly place: string;
}

/** Everything a body is written from; kept on the notice instead of the body itself. */
interface BodyPlan {
  readonly lang: "ko" | "en";
  /** Seed of the structure, shared by a translated pair, and of the words, per language. */
  readonly structureSeed: number;
  readonly textSeed: number;
  readonly topic: readonly string[];
  /** English topic words: the paths of external links, the same in both languages. */
  readonly pathWords: readonly string[];
  readonly place: string;
  readonly day: string;
  readonly related: readonly Citation[];
}

/** A notice another one may link to. */
interface Citation {
  readonly slug: string;
  readonly title: string;
}

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
  // Published notices so far, per language: the ones a later notice may link to.
  const citable: Record<"ko" | "en", Citation[]> = { ko: [], en: [] };
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
    const enContext = { lang: "en", random, topic: enTopic, place: place[0] } as const;
    const enTitle = englishTitle(enContext);
    const slug = uniqueSlug(slugs, day, enTitle);
    const ageYears = (Date.parse("2026-01-01") - Date.parse(day)) / (365.25 * 86_400_000);
    const reads = Math.floor(Math.exp(6 + normal(random) * 1.1) * (1 + ageYears / 5));
    const draft = random() < 0.003;
    const expires = random() < 0.01 ? addDays(day, 30 + Math.floor(random() * 335)) : undefined;
    const attachmentCount = random() < 0.04 ? 1 + Math.floor(random() * 2) : 0;
    const kinds = Array.from({ length: attachmentCount }, () => pickFrom(ATTACHMENT_KINDS, random));
    const citations = random() < 0.45 ? (random() < 0.25 ? 2 : 1) : 0;

    for (const lang of langs) {
      const context: TextContext =
        lang === "ko" ? { lang, random, topic: koTopic, place: place[1] } : enContext;
      const title = lang === "en" ? enTitle : koreanTitle(context);
      const hasSummary = random() < 0.7;
      const earlier = citable[lang];
      const related = Array.from({ length: Math.min(citations, earlier.length) }, () => {
        // Half cite one of the latest notices (a follow-up), half any earlier one.
        const window = random() < 0.5 ? Math.min(earlier.length, 50) : earlier.length;
        return earlier[earlier.length - 1 - Math.floor(random() * window)] ?? { slug, title };
      });
      const plan: BodyPlan = {
        lang,
        structureSeed: partSeed(seed, story, 0),
        textSeed: partSeed(seed, story, lang === "ko" ? 1 : 2),
        topic: context.topic,
        pathWords: enTopic.map((word) => word.replace(/[^a-z0-9-]/g, "")),
        place: context.place,
        day,
        related,
      };
      notices.push({
        lang,
        slug,
        title,
        day,
        readCount: lang === "ko" ? reads : Math.floor(reads / 4),
        ministry,
        ...(hasSummary ? { summary: sentence(context).join(" ") } : {}),
        draft,
        ...(expires ? { expires } : {}),
        attachments: kinds.map((kind, index) => ({
          file: `attachments/${slug}-${String(index + 1)}.${kind[2]}`,
          title: `${lang === "ko" ? kind[1] : kind[0]} ${String(index + 1)}`,
          sizeBytes: 1024 + Math.floor(random() * 40_000),
        })),
        get body() {
          return writeBody(plan);
        },
      });
      // A link to a draft is an error of the check: drafts are never cited.
      if (!draft) earlier.push({ slug, title });
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

/** Verbs of EN_WORDS, which take -ing and -ed (expanding, reviewed). */
const EN_VERBS = new Set(
  `provide improve operate apply expand reduce strengthen review introduce launch share verify
  issue charge support plan open report visit exchange hire test vote supply announce register
  inspect train survey revise fund select award recycle host`.split(/\s+/),
);

/**
 * A form derived from an English content word: a plural or verb form, a hyphenated compound
 * (safety-related, pre-registration) or an adverb, as real notices use them.
 */
function derivedWord(word: string, random: () => number): string {
  if (/[^a-z]/.test(word) || EN_FUNCTION_WORDS.has(word)) return word;
  const roll = random();
  const compound = () => `${word}-${pickFrom(EN_COMPOUND_SUFFIXES, random)}`;
  // Plurals and verb forms of words that already are one (areas, expanded) would read wrong.
  if (/(s|ed|ing)$/.test(word)) return roll < 0.6 ? compound() : word;
  if (roll < 0.35) return compound();
  if (roll < 0.5) return `${pickFrom(EN_PREFIXES, random)}-${word}`;
  const consonantY = /[^aeiou]y$/.test(word);
  if (EN_VERBS.has(word)) {
    const stem = consonantY ? word : word.replace(/e$/, "");
    if (roll < 0.75) return `${stem}ing`;
    return consonantY ? `${word.slice(0, -1)}ied` : `${stem}ed`;
  }
  if (/(al|ic|ive|ous|ful)$/.test(word)) {
    if (word === "public") return "publicly";
    return word.endsWith("ic") ? `${word}ally` : `${word}ly`;
  }
  if (consonantY) return `${word.slice(0, -1)}ies`;
  return /(x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

function englishWord({ random, topic, place }: TextContext): string {
  const roll = random();
  if (roll < 0.12) return pickFrom(topic, random);
  if (roll < 0.14) return place;
  if (roll < 0.16) return String(Math.floor(random() * 2000) + 1);
  if (roll < 0.17) return pickFrom(PLACES, random)[0];
  if (roll < 0.2) return tailWord("en", random);
  if (roll < 0.26) return pickFrom(EN_RARE_WORDS, random, enRareDraw);
  const index = enDraw(random);
  const word = EN_WORDS[index] ?? "the";
  return random() < 0.15 ? derivedWord(word, random) : word;
}

function englishTitle(context: TextContext): string {
  const length = 5 + Math.floor(context.random() * 7);
  const words = Array.from({ length }, (_, i) =>
    i % 3 === 0 ? pickFrom(context.topic, context.random) : englishWord(context),
  );
  return capitalise(words.join(" "));
}

/** True when the last syllable of a Hangul word ends in a consonant (takes 은, 이, 을, 으로...). */
function endsInConsonant(word: string): boolean {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  return code >= 0 && code < 11172 && code % 28 !== 0;
}

function particleOf(noun: string, random: () => number): string {
  const [afterConsonant, afterVowel] = pickFrom(KO_PARTICLES, random);
  // 으로 after ㄹ is 로 in real Korean; the corpus keeps the simple rule.
  return endsInConsonant(noun) ? afterConsonant : afterVowel;
}

function koreanNoun({ random, topic, place }: TextContext): string {
  const roll = random();
  if (roll < 0.12) return pickFrom(topic, random);
  if (roll < 0.14) return place;
  if (roll < 0.16) return place + pickFrom(PLACE_SUFFIXES, random)[1];
  if (roll < 0.22) return pickFrom(KO_RARE_NOUNS, random, koRareDraw);
  if (roll < 0.27) return tailWord("ko", random);
  if (roll < 0.29)
    return `${String(Math.floor(random() * 900) + 1)}${pickFrom(["명", "건", "곳", "개", "개소", "가구"], random)}`;
  const noun = pickFrom(KO_NOUNS, random, koDraw);
  // Korean writes compounds as one word: 재난안전관리, 주민등록증.
  if (random() < 0.3) {
    const second =
      random() < 0.15
        ? pickFrom(KO_RARE_NOUNS, random, koRareDraw)
        : pickFrom(KO_NOUNS, random, koDraw);
    if (second === noun) return noun;
    return random() < 0.2 ? noun + second + pickFrom(KO_NOUNS, random, koDraw) : noun + second;
  }
  return noun;
}

function koreanTitle(context: TextContext): string {
  const { random, topic } = context;
  const length = 3 + Math.floor(random() * 5);
  const words = Array.from({ length }, (_, i) => {
    const noun = i === 0 ? pickFrom(topic, random) : koreanNoun(context);
    return i < length - 1 && random() < 0.5 ? noun + particleOf(noun, random) : noun;
  });
  return words.join(" ");
}

/** A Korean sentence as its eojeol; `bold` is the chance that a noun is set in bold. */
function koreanSentence(context: TextContext, bold = 0): string[] {
  const { random } = context;
  const length = 5 + Math.floor(random() * 8);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = random();
    if (roll < 0.13) {
      words.push(pickFrom(KO_MODIFIERS, random));
      continue;
    }
    if (roll < 0.25) {
      words.push(pickFrom(KO_VERBAL_NOUNS, random, verbalDraw) + pickFrom(KO_VERB_ENDINGS, random));
      continue;
    }
    const noun = koreanNoun(context);
    const shown = random() < bold ? `**${noun}**` : noun;
    words.push(random() < 0.75 ? shown + particleOf(noun, random) : shown);
  }
  // Predicates are two eojeol at times (추진할 계획이다).
  for (const part of `${pickFrom(KO_PREDICATES, random)}.`.split(" ")) words.push(part);
  return words;
}

/** An English sentence as its words; `bold` is the chance that a topic word is set in bold. */
function englishSentence(context: TextContext, bold = 0): string[] {
  const { random } = context;
  const length = 9 + Math.floor(random() * 14);
  const comma = length > 14 ? Math.floor(length / 2) : -1;
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    let word = englishWord(context);
    if (i === 0) word = capitalise(word);
    else if (random() < bold && !EN_FUNCTION_WORDS.has(word)) word = `**${word}**`;
    words.push(word + (i === comma ? "," : i === length - 1 ? "." : ""));
  }
  return words;
}

function sentence(context: TextContext, bold = 0): string[] {
  return context.lang === "ko" ? koreanSentence(context, bold) : englishSentence(context, bold);
}

/** A short noun phrase (a list item, a table cell, a heading): two to five words. */
function phrase(context: TextContext, most = 5): string[] {
  const length = 2 + Math.floor(context.random() * (most - 1));
  if (context.lang === "ko") {
    return Array.from({ length }, (_, i) => {
      const noun = koreanNoun(context);
      return i < length - 1 && context.random() < 0.4
        ? noun + particleOf(noun, context.random)
        : noun;
    });
  }
  const words = Array.from({ length }, () => contentWord(context));
  words[0] = capitalise(words[0] ?? "");
  return words;
}

/** An English word that is not a function word: for phrases, which have no grammar to carry them. */
function contentWord(context: TextContext): string {
  let word = englishWord(context);
  for (let tries = 0; tries < 8 && EN_FUNCTION_WORDS.has(word); tries++)
    word = englishWord(context);
  return word;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A day near the notice's, as a notice writes it: 3월 4일 or 4 March. */
function nearDay(context: TextContext, day: string): string {
  const date = new Date(Date.parse(day) + Math.floor(context.random() * 60) * 86_400_000);
  if (context.lang === "ko")
    return `${String(date.getUTCMonth() + 1)}월 ${String(date.getUTCDate())}일`;
  const month = MONTHS[date.getUTCMonth()] ?? "January";
  return `${String(date.getUTCDate())} ${month}`;
}

/** An external address on one of the invented government hosts. */
function externalHref(random: () => number, pathWords: readonly string[]): string {
  const host = pickFrom(LINK_HOSTS, random);
  if (random() < 0.5)
    return `https://${host}/bbs/view.do?nttId=${String(10_000 + Math.floor(random() * 90_000))}`;
  return `https://${host}/${pickFrom(pathWords, random)}/${pickFrom(pathWords, random)}`;
}

/** What a body is made of, decided once per story so that a translation has the same shape. */
interface Structure {
  readonly words: number;
  readonly sections: readonly {
    readonly heading: number;
    readonly list: "ul" | "ol" | "labels" | "none";
    readonly table: boolean;
    readonly subsections: number;
  }[];
  readonly linkOpening: boolean;
  readonly linkClosing: boolean;
}

function structureOf(seed: number): Structure {
  const random = seededRandom(seed);
  const words = Math.round(MEDIAN_WORDS * Math.exp(WORDS_SPREAD * normal(random)));
  const count = 2 + Math.floor(random() * 4);
  const headings = SECTION_HEADINGS.map((_, index) => index);
  const tableAt = random() < 0.15 ? Math.floor(random() * count) : -1;
  const sections = Array.from({ length: count }, (_, index) => {
    const heading = headings.splice(Math.floor(random() * headings.length), 1)[0] ?? 0;
    const roll = random();
    const list = roll < 0.4 ? "ul" : roll < 0.6 ? "ol" : roll < 0.8 ? "labels" : "none";
    const subsections = random() < 0.2 ? 2 : 0;
    return { heading, list, table: index === tableAt, subsections } as const;
  });
  // Every notice has at least one list, as nearly all real ones do.
  const first = sections[0];
  if (first && sections.every((section) => section.list === "none"))
    sections[0] = { ...first, list: "ul" };
  return {
    words: Math.min(MOST_WORDS, Math.max(FEWEST_WORDS, words)),
    sections,
    linkOpening: random() < 0.3,
    linkClosing: random() < 0.8,
  };
}

/** Writes the body of a notice from its plan: the same plan always gives the same text. */
function writeBody(plan: BodyPlan): string {
  const structure = structureOf(plan.structureSeed);
  const context: TextContext = {
    lang: plan.lang,
    random: seededRandom(plan.textSeed),
    topic: plan.topic,
    place: plan.place,
  };
  const { random } = context;
  const ko = plan.lang === "ko";
  const blocks: string[] = [];
  let written = 0;
  const words = (list: string[]): string => {
    written += list.length;
    return list.join(" ");
  };
  /** A paragraph of sentences until it holds about `budget` words. */
  const paragraph = (budget: number): string => {
    const sentences: string[] = [];
    let count = 0;
    do {
      const next = sentence(context, 0.04);
      count += next.length;
      sentences.push(words(next));
    } while (count < budget);
    return sentences.join(" ");
  };
  const related = [...plan.related];
  const link = (): string => {
    const notice = related.shift();
    if (notice) {
      const href = `/${plan.lang}/notices/${notice.slug}/`;
      written += notice.title.split(" ").length - 1;
      return ko
        ? words(["관련", "내용은", `[${notice.title}](${href})`, "공지를", "참고하기", "바란다."])
        : words(["See", "also", `[${notice.title}](${href}).`]);
    }
    const href = externalHref(random, plan.pathWords);
    return ko
      ? words([
          "자세한",
          "내용은",
          `[${pickFrom(KO_NOUNS, random, koDraw)}`,
          `누리집](${href})에서`,
          "확인할",
          "수",
          "있다.",
        ])
      : words([
          "Details",
          "are",
          "on",
          "the",
          `[${pickFrom(EN_WORDS, random, enDraw)}`,
          `website](${href}).`,
        ]);
  };

  const opening = Math.max(40, Math.round(structure.words * 0.15));
  let first = paragraph(opening);
  if (structure.linkOpening) first += ` ${link()}`;
  blocks.push(first);
  const perSection = (structure.words - written) / structure.sections.length;
  let listed = false;
  structure.sections.forEach((section, index) => {
    const target = written + perSection;
    const headings = SECTION_HEADINGS[section.heading] ?? ["Overview", "개요"];
    blocks.push(`## ${words((ko ? headings[1] : headings[0]).split(" "))}`);
    const list = (): void => {
      const items = 3 + Math.floor(random() * 4);
      const lines = Array.from({ length: items }, (_, item) => {
        if (section.list === "labels") {
          const label = ITEM_LABELS[item % ITEM_LABELS.length] ?? ["Details", "내용"];
          written += 1;
          return `- **${ko ? label[1] : label[0]}**: ${item === 0 ? words(nearDay(context, plan.day).split(" ")) : words(phrase(context))}`;
        }
        const marker = section.list === "ol" ? `${String(item + 1)}.` : "-";
        // Sentences as items while the section has room for them, short phrases after.
        const text = random() < 0.5 || end - written < 40 ? phrase(context) : sentence(context);
        return `${marker} ${words(text)}`;
      });
      blocks.push(lines.join("\n"));
      listed = true;
    };
    const table = (): void => {
      const header = ko ? ["구분", "내용", "일정", "비고"] : ["Item", "Details", "Date", "Notes"];
      const rows = 3 + Math.floor(random() * 3);
      const lines = [`| ${words(header).split(" ").join(" | ")} |`, "| --- | --- | --- | --- |"];
      for (let row = 0; row < rows; row++) {
        const cells = [
          ko ? `${String(row + 1)}차` : `Round ${String(row + 1)}`,
          phrase(context, 4).join(" "),
          nearDay(context, plan.day),
          random() < 0.5 ? pickFrom(PLACES, random)[ko ? 1 : 0] : phrase(context, 3).join(" "),
        ];
        written += cells.join(" ").split(" ").length;
        lines.push(`| ${cells.join(" | ")} |`);
      }
      blocks.push(lines.join("\n"));
    };

    const last = index === structure.sections.length - 1;
    const share = section.subsections > 0 ? 0.25 : 0.5;
    const end = last ? structure.words : target;
    blocks.push(paragraph(Math.max(15, (end - written) * share)));
    // A body past its length gets no more lists, tables or subsections, once it has a list.
    const over = () => written >= end && listed;
    if (section.list !== "none" && !over()) list();
    if (section.table && !over()) table();
    for (let sub = 0; sub < section.subsections && !over(); sub++) {
      blocks.push(`### ${words(phrase(context, 3))}`);
      const left = (target - written) / (section.subsections - sub);
      blocks.push(paragraph(Math.max(15, left)));
    }
    // The last section fills the body up to its length; the others leave what they lack to it.
    const lacking = (last ? structure.words : target) - written;
    if (lacking > (last ? 0 : 15)) {
      let text = paragraph(lacking);
      if (last && structure.linkClosing) text += ` ${link()}`;
      blocks.push(text);
    } else if (last && structure.linkClosing) blocks.push(link());
  });
  // A cited notice left over (the plan gives at most two) goes at the end, as a reference.
  if (related.length > 0) blocks.push(link());
  return `${blocks.join("\n\n")}\n`;
}

/**
 * The words of a body (Korean: eojeol), as a reader counts them: Markdown's markers
 * (`##`, `-`, `1.`, `|`, `---`) are not words, a link counts by its text.
 */
export function bodyWordCount(body: string): number {
  let count = 0;
  for (const line of body.split("\n")) {
    const text = line.replace(/^(#{1,6}|[-*]|\d+\.)\s+/, "");
    for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) count++;
  }
  return count;
}

/** The median of the notices' body word counts (bodyWordCount), for the report's corpus line. */
export function medianBodyWords(notices: readonly CorpusNotice[]): number {
  const counts = notices.map((notice) => bodyWordCount(notice.body)).sort((a, b) => a - b);
  return counts[Math.floor((counts.length - 1) / 2)] ?? 0;
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
  // Synchronous writes: for 100,000 small files they take a fraction of the time of fs/promises,
  // whose every file is an open, a write and a close through the thread pool.
  let seed = 1;
  for (const notice of notices) {
    const folder = join(contentDir, notice.lang, "notices");
    writeFileSync(join(folder, `${notice.slug}.md`), noticeSource(notice));
    for (const attachment of notice.attachments) {
      writeFileSync(join(folder, attachment.file), attachmentBytes(attachment.sizeBytes, seed++));
    }
  }
}
