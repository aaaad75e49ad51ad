import type { Notice } from "../board.ts";
import { UI } from "../i18n.ts";
import type { SiteData } from "../site-data.ts";
import { homeUrl, identityFileUrl } from "../urls.ts";
import { siteUrl } from "./site-url.ts";

/**
 * A notice's structured data (schema.org NewsArticle, https://schema.org/NewsArticle) as the
 * text of a `<script type="application/ld+json">` data block: headline, dates with their
 * offset, the operator as publisher, the department (else the ministry) as author, the
 * licence, the language and the translation. `<` is escaped so the text cannot end the block.
 */
export function noticeJsonLd(notice: Notice, sosik: SiteData): string {
  const { site, identity } = sosik;
  const absolute = (path: string) => (/^https?:/i.test(path) ? path : siteUrl(path, site));
  const ministry = { "@type": "GovernmentOrganization", name: notice.ministryName };
  const author = notice.department
    ? {
        "@type": "GovernmentOrganization",
        name: notice.department.name,
        ...(notice.department.phone ? { telephone: notice.department.phone } : {}),
        ...(notice.department.email ? { email: notice.department.email } : {}),
        parentOrganization: ministry,
      }
    : ministry;
  // The notice's first photo (its og:image too), else the site's default sharing image.
  const image =
    notice.image?.url ?? (identity.ogImage ? identityFileUrl(identity.ogImage.file) : undefined);
  const translation = notice.translation && {
    "@type": "NewsArticle",
    url: absolute(notice.translation.url),
    headline: notice.translation.title,
    inLanguage: notice.translation.lang,
  };
  // The default language's version is the original; the other is its translation.
  const translationKey = notice.lang === site.defaultLang ? "workTranslation" : "translationOfWork";
  const data = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: notice.title,
    ...(notice.summary ? { description: notice.summary } : {}),
    url: absolute(notice.url),
    mainEntityOfPage: absolute(notice.url),
    datePublished: notice.date.iso,
    dateModified: (notice.updated ?? notice.date).iso,
    inLanguage: notice.lang,
    publisher: {
      "@type": "GovernmentOrganization",
      name: identity.operator[notice.lang],
      url: absolute(homeUrl(notice.lang)),
      ...(identity.logo
        ? { logo: { "@type": "ImageObject", url: absolute(identityFileUrl(identity.logo.file)) } }
        : {}),
    },
    author,
    sourceOrganization: ministry,
    ...(image ? { image: absolute(image) } : {}),
    ...(notice.license === "none" ? {} : { license: UI[notice.lang].licenses[notice.license].url }),
    ...(translation ? { [translationKey]: translation } : {}),
  };
  return JSON.stringify(data).replaceAll("<", "\\u003c");
}
