/**
 * Extra Pagefind index terms for Korean text.
 *
 * Pagefind splits Korean on spaces and matches a query word only as the prefix of an indexed
 * word, so "안전" never finds "행정안전부는" and "주차" never finds "공영주차장에서". This module
 * finds, for every Korean word of a page, the bare noun without its particle or verbal ending and
 * the parts of compound nouns (split where dictionary nouns begin), so the page can carry them in
 * a searchable but invisible Pagefind metadata field.
 *
 * Nouns come from the Hunspell Korean dictionary shipped in the `dictionary-ko` package, particles
 * from the same dictionary's affix rules; both are read once, lazily, on first use.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** Name of the Pagefind metadata field that carries the terms; search UIs must not display it. */
export const SEARCH_TERMS_META = "terms";

/** What was loaded from `dictionary-ko`, with how long it took (for build timing reports). */
export interface KoreanDictionary {
  /** Nouns (NFC Hangul syllables only), including single-syllable ones. */
  readonly nouns: ReadonlySet<string>;
  /** Particles and endings that may follow a noun, with the stem shapes they attach to. */
  readonly endings: ReadonlyMap<string, number>;
  /** Length in syllables of the longest ending, to bound the search. */
  readonly longestEnding: number;
  /** Nouns that also form a 하다 verb (발급, 활용): action nouns, which take action prefixes. */
  readonly verbalNouns: ReadonlySet<string>;
  /** Length in syllables of the longest noun, to bound the search. */
  readonly longestNoun: number;
  /** The nouns as a trie of syllables, walked without cutting substrings out of a word. */
  readonly nounTrie: NounTrie;
  /** Milliseconds spent reading and parsing the dictionary. */
  readonly loadMs: number;
}

/** A trie of nouns: the syllables that may follow, and whether the path so far is a noun. */
export interface NounTrie {
  readonly next: ReadonlyMap<number, NounTrieNode>;
}

/** A node of the noun trie. */
interface NounTrieNode extends NounTrie {
  readonly noun: boolean;
}

function buildNounTrie(nouns: Iterable<string>): NounTrie {
  interface Building {
    next: Map<number, Building>;
    noun: boolean;
  }
  const root: Building = { next: new Map(), noun: false };
  for (const noun of nouns) {
    let node = root;
    for (let i = 0; i < noun.length; i++) {
      const code = noun.charCodeAt(i);
      let child = node.next.get(code);
      if (child === undefined) {
        child = { next: new Map(), noun: false };
        node.next.set(code, child);
      }
      node = child;
    }
    node.noun = true;
  }
  return root;
}

// Which stem shapes an ending may follow: after a final consonant (받침), after a vowel, or after
// a final ㄹ (where 로/로서/로써 are used although the stem has a 받침).
const AFTER_CONSONANT = 1;
const AFTER_VOWEL = 2;
const AFTER_RIEUL = 4;
const AFTER_ANY = AFTER_CONSONANT | AFTER_VOWEL | AFTER_RIEUL;

// hunspell-dict-ko (which dictionary-ko ships) numbers its flags (FLAG num) and refers to flag
// sets through AF aliases. Flag 9 marks nouns that take particles; flags 530/532 (이/가),
// 540 (은/는/도/만) and 541 (을/를/에서/으로/까지... 160 rules) are the particles themselves.
// A unit test pins these against the shipped data so a renumbered dictionary fails loudly.
const NOUN_FLAG = 9;
const PARTICLE_FLAGS: ReadonlySet<number> = new Set([530, 532, 540, 541]);

// Copula and verbal endings are not particles in the dictionary (they belong to 이다/하다/되다
// entries whose thousands of forms are overkill here), so the common written forms are listed.
const COPULA_ENDINGS = words(`
  이다 입니다 이며 이고 이나 이었다 이었으며 이었고 였다 였으며 였고 인 일 이므로 이지만 이어서
  이어야 이라며 이면 이자 이기 임 이던 이란 이었던 이에요 이죠`);
const VOWEL_COPULA_ENDINGS = words("다 며 였다 였으며 였고 였던 면 예요");
const VERBAL_ENDINGS = words(`
  하다 한다 했다 하였다 합니다 했습니다 하였습니다 하는 한 할 해 하여 하고 하며 하면 하기 하기로
  하기도 하도록 해야 하여야 해서 했으며 하였으며 했고 하였고 하고자 하겠다 하겠습니다 하던 하자
  한다고 했다고 한다며 했다며 하는데 함 함으로써 하면서 할지 했던 하였던 해도 하지 하거나 했거나
  하므로 하여서 하기에 하기는 하기를 했는데 하니 하세요 하십시오 했지만 하지만 할수록 하려면
  하시는 하신 하실 하시고 하시면 하셔야 하시기 하십니다 하셨다 해주세요 해야만
  되다 된다 됐다 되었다 됩니다 됐습니다 되었습니다 되는 된 될 돼 되어 되고 되며 되면 되기
  되도록 되어야 돼야 됐으며 되었으며 됐고 되었고 되던 됨 되자 된다고 됐다고 되면서 되지 되거나
  되므로 되기로 되는데 됐던 되었던 되지만 됐지만
  한다는 했다는 하겠다고 하겠다며 하게 하려는 하려고 하였으나 했으나 하는지 된다는 됐다는 되게
  시킨다 시켰다 시키는 시킨 시킬 시켜 시키고 시키며 시키기
  받는 받은 받을 받아 받고 받으며 받았다 받기 받게 받으려면 받으실
  드립니다 드리는 드린 드릴 드리며 드리고
  스러운 스럽게 스럽다`);
// First syllables of verb forms (하실, 되겠다, 했으나): an unknown stretch starting with one of
// them is an inflection, not a word of its own.
const VERBAL_STARTS: ReadonlySet<string> = new Set(
  words("하 한 할 함 합 해 했 되 된 될 됨 됩 돼 됐 시 받 드 스"),
);
// The plural suffix 들 sits between a noun and its particle (어르신들에게).
const PLURAL = "들";

// One-syllable pieces that commonly start (비대면, 재발급) or end (행정안전부, 복지관) a Korean
// compound. Any other single syllable inside a word is costly, which keeps splits such as
// 공|영주|차장 from beating 공영|주차장. 주 is no prefix here, and 면 and 급 are no suffixes, on
// purpose: 주|차장, 비대|면 and 재발|급 would otherwise tie with or beat the right readings.
const PREFIXES: ReadonlySet<string> = new Set(
  words(`비 재 신 고 저 초 총 무 미 반 탈 최 준 친 범 다 새 맞 첫 전 현 대 소 역 과 급 본 각 매 타
    명 노 공 외 내 양 남 북 동 서`),
);
const SUFFIXES: ReadonlySet<string> = new Set(
  words(`부 처 청 원 실 과 국 팀 단 소 관 장 층 자 인 생 금 비 료 세 법 령 권 제 안 율 률 화 성 적
    형 식 용 별 시 도 군 구 동 읍 리 위 회 사 품 물 액 량 점 가 서 증 표 기 업 계 상 내 외 후
    전 중 말 초 차 님 씨 학 론 감 력 선 로 길 역 항 교 병 판 값 설 쪽 측 난 망 류 종 체 지`),
);

const COST_NOUN = 1;
const COST_PREFIX = 1.6;
const COST_SUFFIX = 1.5;
const COST_LONE_SYLLABLE = 2.5;
const COST_UNKNOWN_BASE = 2;
const COST_UNKNOWN_PER_SYLLABLE = 1;
const COST_ENDING = 0.3;

// The dictionary stores words as decomposed jamo (ᄒ ᅡ ᄃ ᅡ), so 하다 is matched in that form.
const HADA_DECOMPOSED = "하다".normalize("NFD");
const HANGUL_FIRST = 0xac00;
// Medial vowel numbers (ㅏ=0 ... ㅣ=20) of ㅏ ㅐ ㅓ ㅕ ㅘ ㅙ ㅝ, the vowels a verb's 아/어 form ends in.
const CONNECTIVE_VOWELS: ReadonlySet<number> = new Set([0, 1, 4, 6, 9, 10, 14]);
const HANGUL_LAST = 0xd7a3;
const HANGUL_RUN = /[\uac00-\ud7a3]+/g;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]+/;

let dictionary: KoreanDictionary | undefined;

/** The dictionary, loaded on first call and kept for the life of the process. */
export function koreanDictionary(): KoreanDictionary {
  dictionary ??= loadDictionary();
  return dictionary;
}

function packageFolder(): string {
  return path.dirname(fileURLToPath(import.meta.resolve("dictionary-ko")));
}

/**
 * Reads the affix file only as far as needed: the AF alias table and the particle rules sit in
 * its first half megabyte, while the remaining 10 MB are verb endings this module never uses.
 */
function readAffixHead(file: string): { aliases: number[][]; particles: Map<string, number> } {
  const aliases: number[][] = [];
  const particles = new Map<string, number>();
  let aliasesLeft = -1;
  const rulesLeft = new Map<number, number>();
  const seenRules = new Set<number>();
  const wanted = (): boolean =>
    aliasesLeft !== 0 ||
    seenRules.size < PARTICLE_FLAGS.size ||
    [...rulesLeft.values()].some((n) => n > 0);

  const handle = (line: string): void => {
    if (line.startsWith("AF ")) {
      const rest = line.slice(3).trim();
      if (aliasesLeft < 0) aliasesLeft = Number(rest);
      else if (aliasesLeft > 0) {
        aliases.push(rest.split(",").map(Number));
        aliasesLeft--;
      }
      return;
    }
    if (!line.startsWith("SFX ")) return;
    const fields = line.split(/\s+/);
    const flag = Number(fields[1]);
    if (!PARTICLE_FLAGS.has(flag)) return;
    if (!seenRules.has(flag)) {
      seenRules.add(flag);
      rulesLeft.set(flag, Number(fields[3]));
      return;
    }
    rulesLeft.set(flag, (rulesLeft.get(flag) ?? 1) - 1);
    const [, , strip, affix, condition] = fields;
    if (strip !== "0" || affix === undefined) return;
    const ending = (affix.split("/")[0] ?? "").normalize("NFC");
    if (!isHangulWord(ending)) return;
    particles.set(ending, (particles.get(ending) ?? 0) | conditionMask(condition ?? "."));
  };

  const fd = openSync(file, "r");
  try {
    const chunk = Buffer.alloc(1 << 16);
    const decoder = new TextDecoder("utf-8");
    let pending = "";
    let bytes: number;
    while (wanted() && (bytes = readSync(fd, chunk, 0, chunk.length, null)) > 0) {
      pending += decoder.decode(chunk.subarray(0, bytes), { stream: true });
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) handle(line);
    }
    if (pending !== "") handle(pending);
  } finally {
    closeSync(fd);
  }
  return { aliases, particles };
}

/** Maps a Hunspell condition like "[ᆨᆩ...]" (decomposed jamo) to the stem shapes it allows. */
function conditionMask(condition: string): number {
  if (condition === ".") return AFTER_ANY;
  let mask = 0;
  // Final consonants U+11A8..U+11C2; ㄹ is U+11AF. Medial vowels U+1161..U+1175.
  for (const char of condition) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x11a8 && code <= 0x11c2)
      mask |= code === 0x11af ? AFTER_RIEUL | AFTER_CONSONANT : AFTER_CONSONANT;
    else if (code >= 0x1161 && code <= 0x1175) mask |= AFTER_VOWEL;
  }
  return mask === 0 ? AFTER_ANY : mask;
}

function loadDictionary(): KoreanDictionary {
  const started = performance.now();
  const folder = packageFolder();
  const { aliases, particles } = readAffixHead(path.join(folder, "index.aff"));
  const nounAlias = aliases.map((flags) => flags.includes(NOUN_FLAG));

  const nouns = new Set<string>();
  const hadaStems: string[] = [];
  let longestNoun = 1;
  const text = readFileSync(path.join(folder, "index.dic"), "utf8");
  let start = text.indexOf("\n") + 1; // the first line is the entry count
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const slash = text.indexOf("/", start);
    if (slash > start && slash < end) {
      const alias = Number(text.slice(slash + 1, end));
      const stemEnd = slash - HADA_DECOMPOSED.length;
      if (stemEnd > start && text.startsWith(HADA_DECOMPOSED, stemEnd)) {
        hadaStems.push(text.slice(start, stemEnd));
      }
      if (nounAlias[alias - 1] === true) {
        const word = text.slice(start, slash).normalize("NFC");
        if (isHangulWord(word)) {
          nouns.add(word);
          if (word.length > longestNoun) longestNoun = word.length;
        }
      }
    }
    start = end + 1;
  }
  const verbalNouns = new Set<string>();
  for (const stem of hadaStems) {
    const noun = stem.normalize("NFC");
    if (nouns.has(noun)) verbalNouns.add(noun);
  }

  const endings = new Map<string, number>();
  const add = (ending: string, mask: number): void => {
    endings.set(ending, (endings.get(ending) ?? 0) | mask);
  };
  for (const [particle, mask] of particles) {
    // 로, 로서, 로부터 follow a final ㄹ as well as a vowel (서울로, 시설로서).
    add(particle, particle.startsWith("로") ? mask | AFTER_RIEUL : mask);
    add(PLURAL + particle, AFTER_ANY);
  }
  add(PLURAL, AFTER_ANY);
  for (const ending of COPULA_ENDINGS) add(ending, AFTER_ANY);
  for (const ending of VOWEL_COPULA_ENDINGS) add(ending, AFTER_VOWEL);
  for (const ending of VERBAL_ENDINGS) add(ending, AFTER_ANY);
  let longestEnding = 1;
  for (const ending of endings.keys()) longestEnding = Math.max(longestEnding, ending.length);

  return {
    nouns,
    verbalNouns,
    endings,
    longestEnding,
    longestNoun,
    nounTrie: buildNounTrie(nouns),
    loadMs: performance.now() - started,
  };
}

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word !== "");
}

function isHangulWord(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < HANGUL_FIRST || code > HANGUL_LAST) return false;
  }
  return true;
}

/** True for a Hangul syllable, an ASCII letter or a digit: never cut by EDGE_PUNCTUATION. */
function isWordEdge(code: number): boolean {
  return (
    (code >= HANGUL_FIRST && code <= HANGUL_LAST) ||
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}

/** Shape of a syllable's end, as the AFTER_* masks describe it. */
function finalShape(syllable: number): number {
  const final = (syllable - HANGUL_FIRST) % 28;
  if (final === 0) return AFTER_VOWEL;
  return final === 8 ? AFTER_RIEUL : AFTER_CONSONANT;
}

/** Whether a stretch ends like a verb's 아/어 form (살펴, 잦아, 맞춰, 해, 돼): no 받침, vowel ㅏㅐㅓㅕㅘㅙㅝ. */
function isConnectiveForm(text: string): boolean {
  const index = text.charCodeAt(text.length - 1) - HANGUL_FIRST;
  if (index < 0 || index % 28 !== 0) return false;
  return CONNECTIVE_VOWELS.has(Math.floor((index % 588) / 28));
}

/** A piece of a segmented word: a noun, a one-syllable affix, or an unknown stretch. */
interface Piece {
  readonly text: string;
  readonly kind: "noun" | "affix" | "unknown";
}

interface Segmentation {
  readonly cost: number;
  readonly pieces: readonly Piece[];
}

/**
 * Cheapest split of `word` into nouns, one-syllable affixes and unknown stretches. Fewer, longer
 * dictionary nouns win, which is what keeps 영주 out of 공영주차장. In "noun" mode (splitting a
 * dictionary noun further) only nouns and edge affixes may be used and never the whole word, so
 * 개나리 stays whole instead of becoming 개 + 나리.
 */
function segment(
  word: string,
  dict: KoreanDictionary,
  mode: "word" | "noun",
): Segmentation | undefined {
  // Dynamic programming over positions. Each position keeps only its cheapest cost and the last
  // piece that reached it (start and kind); the pieces are read back once at the end. A
  // position is final before any piece leaves it, so this finds exactly the split (ties
  // included) that copying the piece list at every step would, without its allocations.
  const n = word.length;
  const cost = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1);
  const kinds = new Array<Piece["kind"]>(n + 1).fill("unknown");
  cost[0] = 0;
  const offer = (i: number, j: number, kind: Piece["kind"], pieceCost: number): void => {
    const total = (cost[i] ?? Infinity) + pieceCost;
    if (total < (cost[j] ?? Infinity)) {
      cost[j] = total;
      from[j] = i;
      kinds[j] = kind;
    }
  };
  for (let i = 0; i < n; i++) {
    if (cost[i] === Infinity) continue;
    const limit = Math.min(n, i + dict.longestNoun);
    // Walk the trie from i: where no noun continues, no longer stretch from i is a noun.
    const first = dict.nounTrie.next.get(word.charCodeAt(i));
    let node = first;
    for (let j = i + 2; j <= limit; j++) {
      node = node?.next.get(word.charCodeAt(j - 1));
      if (node === undefined) break;
      if (mode === "noun" && i === 0 && j === n) continue;
      if (node.noun) offer(i, j, "noun", COST_NOUN);
    }
    const syllable = word.charAt(i);
    if (i === 0 && n > 1 && PREFIXES.has(syllable)) {
      offer(i, 1, "affix", COST_PREFIX);
    } else if (i === n - 1 && i > 0 && SUFFIXES.has(syllable)) {
      offer(i, n, "affix", COST_SUFFIX);
    } else if (mode === "word" && first?.noun === true) {
      offer(i, i + 1, "affix", COST_LONE_SYLLABLE);
    }
    if (mode === "word") {
      for (let j = i + 1; j <= n; j++) {
        offer(i, j, "unknown", COST_UNKNOWN_BASE + COST_UNKNOWN_PER_SYLLABLE * (j - i));
      }
    }
  }
  const total = cost[n] ?? Infinity;
  if (total === Infinity) return undefined;
  const pieces: Piece[] = [];
  for (let j = n; j > 0; j = from[j] ?? 0) {
    pieces.push({ text: word.slice(from[j] ?? 0, j), kind: kinds[j] ?? "unknown" });
  }
  return { cost: total, pieces: pieces.reverse() };
}

/** Splits a word into noun stem and ending, preferring the reading with the cheapest stem. */
function splitEnding(
  word: string,
  dict: KoreanDictionary,
): { stem: string; segmentation: Segmentation } | undefined {
  let chosen: { stem: string; segmentation: Segmentation; cost: number } | undefined;
  const maxEnding = Math.min(dict.longestEnding, word.length - 1);
  for (let k = 0; k <= maxEnding; k++) {
    const stem = word.slice(0, word.length - k);
    if (k > 0) {
      const mask = dict.endings.get(word.slice(word.length - k));
      if (mask === undefined || (mask & finalShape(stem.charCodeAt(stem.length - 1))) === 0)
        continue;
    }
    const segmentation = segment(stem, dict, "word");
    if (segmentation === undefined) continue;
    const cost = segmentation.cost + (k > 0 ? COST_ENDING : 0);
    // Ties go to the longer ending: a bare stem is the more useful term.
    if (chosen === undefined || cost <= chosen.cost) chosen = { stem, segmentation, cost };
  }
  return chosen;
}

/** Collects the nouns of a compound and of the nouns inside it, leaves in order. */
function expand(
  pieces: readonly Piece[],
  dict: KoreanDictionary,
  nouns: string[],
  leaves: Piece[],
): void {
  for (const piece of pieces) {
    if (piece.kind !== "noun") {
      leaves.push(piece);
      continue;
    }
    nouns.push(piece.text);
    const inner = piece.text.length >= 3 ? innerSplit(piece.text, dict) : undefined;
    if (inner === undefined) leaves.push(piece);
    else expand(inner, dict, nouns, leaves);
  }
}

/**
 * Splits a dictionary noun into smaller nouns (주차장 -> 주차 + 장), but only into known pieces:
 * a dictionary word is never cut around an unknown stretch, and a split into lone syllables is
 * no split at all.
 */
function innerSplit(noun: string, dict: KoreanDictionary): readonly Piece[] | undefined {
  // Most three-syllable nouns that could be read either way are noun + suffix (고용인 is 고용 +
  // 인, not 고 + 용인), but an action noun whose tail is an action noun takes an action prefix:
  // 재발급 is 재 + 발급, 재활용 is 재 + 활용.
  const head = noun.charAt(0);
  const tail = noun.slice(1);
  if (PREFIXES.has(head) && dict.verbalNouns.has(noun) && dict.verbalNouns.has(tail)) {
    return [
      { text: head, kind: "affix" },
      { text: tail, kind: "noun" },
    ];
  }
  const split = segment(noun, dict, "noun");
  if (split === undefined || split.pieces.length < 2) return undefined;
  if (!split.pieces.some((piece) => piece.kind === "noun")) return undefined;
  return split.pieces;
}

const wordCache = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 200_000;

/** Terms for one run of Hangul syllables, memoised because notices repeat their words. */
function wordTerms(word: string, dict: KoreanDictionary): readonly string[] {
  const cached = wordCache.get(word);
  if (cached !== undefined) return cached;
  const terms = computeWordTerms(word, dict);
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(word, terms);
  return terms;
}

function computeWordTerms(word: string, dict: KoreanDictionary): readonly string[] {
  // A run that is only a particle was cut off its noun by punctuation (‘공영주차장’에서).
  if (word.length < 2 || (dict.endings.has(word) && !dict.nouns.has(word))) return [];
  const terms: string[] = [];
  const split = splitEnding(word, dict);
  if (split !== undefined) {
    const { stem, segmentation } = split;
    terms.push(stem);
    // An unknown stretch in the 아/어 form (살펴, 잦아) is a verb with an auxiliary after it
    // (살펴보고, 잦아지고): what follows only looks like a noun (보고, 지고), so it is dropped.
    const verbAt = segmentation.pieces.findIndex(
      (piece) => piece.kind === "unknown" && isConnectiveForm(piece.text),
    );
    const pieces = verbAt < 0 ? segmentation.pieces : segmentation.pieces.slice(0, verbAt + 1);
    const nouns: string[] = [];
    const leaves: Piece[] = [];
    expand(pieces, dict, nouns, leaves);
    terms.push(...nouns);
    // Every tail that starts where a noun starts or ends (안전부, 건강보험공단, 돌봄 after 방문):
    // a query for an inner stretch of a compound is then a prefix of some indexed term, which is
    // all Pagefind needs. Unknown stretches only count after a dictionary noun (one syllable
    // only between two nouns: 다산|콜|센터), and not when they look like a verb ending the
    // lists above missed (이용|하실).
    let offset = 0;
    for (const [i, leaf] of leaves.entries()) {
      const previous = leaves[i - 1];
      const next = leaves[i + 1];
      if (
        leaf.kind === "noun" ||
        (leaf.kind === "unknown" &&
          previous?.kind === "noun" &&
          (leaf.text.length >= 2 || next?.kind === "noun") &&
          !VERBAL_STARTS.has(leaf.text.charAt(0)))
      ) {
        if (i > 0) terms.push(stem.slice(offset));
      }
      offset += leaf.text.length;
    }
  }
  return [...new Set(terms)].filter((term) => term.length >= 2);
}

/** Extra index terms for the Korean words of `text` (title and body as plain text), in order. */
export function koreanSearchTerms(text: string): string[] {
  // Bare nouns without particles or verbal endings and the parts of compound nouns
  // (공영주차장에서 -> 공영주차장, 공영, 주차장, 주차), deduplicated in order of first appearance.
  // Terms that already are whole words of the text would only repeat what Pagefind indexes.
  const normalized = text.normalize("NFC");
  const runs = normalized.match(HANGUL_RUN);
  if (runs === null) return [];
  const dict = koreanDictionary();

  // Words Pagefind indexes on its own: space-separated tokens without edge punctuation, and
  // their pieces around ASCII punctuation (K-패스 gives 패스). A middle dot or a digit does not
  // split a word for Pagefind (보건·복지, 2025년도), so 복지 and 년도 still need a term.
  const wholeWords = new Set<string>();
  for (const token of normalized.split(/\s+/)) {
    // Most tokens start and end with a syllable or a letter: the Unicode-class regex is slow.
    const bare =
      isWordEdge(token.charCodeAt(0)) && isWordEdge(token.charCodeAt(token.length - 1))
        ? token
        : token.replace(EDGE_PUNCTUATION, "");
    const word = bare.toLowerCase();
    if (word === "") continue;
    wholeWords.add(word);
    if (!ASCII_PUNCTUATION.test(word)) continue;
    for (const piece of word.split(ASCII_PUNCTUATION)) if (piece !== "") wholeWords.add(piece);
  }

  const terms = new Set<string>();
  for (const run of runs) {
    for (const term of wordTerms(run, dict)) {
      if (!wholeWords.has(term)) terms.add(term);
    }
  }
  return [...terms];
}
