/**
 * The Atom feeds: per language one for every board together, one per board (where the board
 * has its feed on) and one per ministry.
 * Dates come from the notices only, so rebuilding unchanged content yields the same feeds.
 */
import type { Board, Notice } from "./board.ts";
import type { Ministries, SiteSettings } from "./content/schema.ts";
import { fill } from "./client/query.ts";
import { UI } from "./i18n.ts";
import { DEFAULTS, LANGS } from "./options.ts";
import { boardFeedUrl, feedUrl, homeUrl, ministryFeedUrl } from "./urls.ts";
import type { Lang } from "./options.ts";

/** One entry of a feed: the notice and its date as a Date for the RSS plugin's filters. */
export interface FeedEntry {
  readonly notice: Notice;
  readonly published: Date;
  /** The notice's last change (`updated`), else its date. */
  readonly updated: Date;
}

/** One Atom feed file. */
export interface Feed {
  readonly lang: Lang;
  /** Ministry code of a ministry's feed; absent for a language's whole board. */
  readonly ministry?: string;
  /** Board id of a board's feed; absent for the language's feed and the ministries'. */
  readonly board?: string;
  /** URL path of the feed file, without the path prefix. */
  readonly url: string;
  /** URL path of the HTML page the feed follows. */
  readonly pageUrl: string;
  /** The feed's `<title>`, which pages announcing it give as their link's title too. */
  readonly title: string;
  /** Text of the visible link to the feed on the pages that show it. */
  readonly linkText: string;
  /** Newest first, at most `DEFAULTS.feedSize`. */
  readonly entries: readonly FeedEntry[];
  /** The newest entry's date, or of the newest notice behind an empty feed; never the build time. */
  readonly updated: Date;
}

/**
 * Every feed of the site: per language, then per ministry (in `ministries.json` order) that has
 * a published notice in that language, so every feed is linked from at least one notice page.
 */
export function buildFeeds(
  board: Board,
  ministries: Ministries,
  siteName: SiteSettings["name"],
): Feed[] {
  const feeds: Feed[] = [];
  for (const lang of LANGS) {
    const published = board.notices.filter((notice) => notice.lang === lang);
    const listed = board.listed[lang];
    // A site of one board has its feed in the language's (named after the board); several
    // boards get one each, and the language's feed is all of What's New.
    const views = board.boards[lang];
    const section = views.length === 1 ? (views[0]?.name ?? "") : UI[lang].whatsNew;
    // An empty feed is as new as its newest notice that left the lists (or the Unix epoch).
    const feed = (onList: readonly Notice[], all: readonly Notice[]) => {
      const entries = onList.slice(0, DEFAULTS.feedSize).map((notice) => ({
        notice,
        published: new Date(notice.date.epochMs),
        updated: new Date((notice.updated ?? notice.date).epochMs),
      }));
      const newest = Math.max(0, ...all.map((notice) => notice.date.epochMs));
      return { entries, updated: entries[0]?.updated ?? new Date(newest) };
    };
    feeds.push({
      lang,
      url: feedUrl(lang),
      pageUrl: views.length === 1 ? (views[0]?.url ?? homeUrl(lang)) : homeUrl(lang),
      // A notice page announces this feed and its ministry's: the scope tells them apart in a
      // reader's list of subscriptions, also where the site and the ministry share a name.
      title: fill(UI[lang].feedTitleAll, { site: siteName[lang], section }),
      linkText: fill(UI[lang].feedLinkAll, { section }),
      ...feed(listed, published),
    });
    for (const view of views.length > 1 ? views.filter((each) => each.feed) : []) {
      feeds.push({
        lang,
        board: view.id,
        url: boardFeedUrl(lang, view.segment),
        pageUrl: view.url,
        title: fill(UI[lang].feedTitleBoard, { site: siteName[lang], board: view.name }),
        linkText: fill(UI[lang].feedLinkBoard, { board: view.name }),
        ...feed(
          view.listed,
          published.filter((notice) => notice.board.id === view.id),
        ),
      });
    }
    for (const [code, names] of Object.entries(ministries)) {
      const own = published.filter((notice) => notice.ministry === code);
      if (own.length === 0) continue;
      feeds.push({
        lang,
        ministry: code,
        url: ministryFeedUrl(lang, code),
        pageUrl: views.length === 1 ? (views[0]?.url ?? homeUrl(lang)) : homeUrl(lang),
        title: fill(UI[lang].feedTitleMinistry, {
          site: siteName[lang],
          section,
          ministry: names[lang],
        }),
        linkText: fill(UI[lang].feedLinkMinistry, { section, ministry: names[lang] }),
        ...feed(
          listed.filter((notice) => notice.ministry === code),
          own,
        ),
      });
    }
  }
  return feeds;
}
