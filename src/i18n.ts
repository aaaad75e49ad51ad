/** UI strings of every page, one typed dictionary per language. Templates never hold words. */
import type { License } from "./content/schema.ts";
import type { Lang } from "./options.ts";

/** How a licence is named and where its terms are read. */
export interface LicenseWords {
  /** The short name beside the mark, e.g. "공공누리 제1유형: 출처표시". */
  readonly name: string;
  /** The official sentence of the licence, as KOGL words it. */
  readonly statement: string;
  readonly url: string;
}

/** Everything the layouts print that does not come from content. */
export interface UiStrings {
  readonly langName: string;
  readonly skipToContent: string;
  readonly skipToMenu: string;
  readonly topMenu: string;
  readonly home: string;
  readonly whatsNew: string;
  readonly notices: string;
  readonly search: string;
  readonly searchLabel: string;
  readonly searchPlaceholder: string;
  readonly searchButton: string;
  readonly searchIntro: string;
  readonly searchNoScript: string;
  /** `{count}` and `{query}` are filled in by the search script. */
  readonly searchResults: string;
  readonly searchResultsNoQuery: string;
  readonly searchNoResults: string;
  /** Shown while older index shards are still being searched; `{count}` is the count so far. */
  readonly searchCounting: string;
  readonly searchLoading: string;
  readonly searchFailed: string;
  readonly searchMore: string;
  /** Follows "no results" for a query. */
  readonly searchNoResultsHint: string;
  /** A filter (`{filter}`: a year or ministry) that no notice has. */
  readonly searchFilterEmpty: string;
  /** No notice matches the chosen filters, without a query. */
  readonly searchNoMatchFilters: string;
  /** The search box was sent empty or blank. */
  readonly searchBlank: string;
  /** Marks a result whose notice has expired. */
  readonly searchExpired: string;
  readonly filterMinistry: string;
  readonly filterBoard: string;
  readonly filterYear: string;
  readonly filterAll: string;
  readonly sortLabel: string;
  readonly sortRelevance: string;
  readonly sortNewest: string;
  /** The search scope: words anywhere, in the title only, in the body only. */
  readonly scopeLabel: string;
  readonly scopeAll: string;
  readonly scopeTitle: string;
  readonly scopeBody: string;
  /** The period: every date, presets counted back from today in Seoul, or months from-to. */
  readonly periodLabel: string;
  readonly periodWeek: string;
  readonly periodMonth: string;
  readonly periodYear: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly periodNote: string;
  /** Results a page; `{count}` is 10, 20 or 50. */
  readonly pageSizeLabel: string;
  readonly pageSizeOption: string;
  /** The link that resets every choice of the search form. */
  readonly searchClear: string;
  /** A count by title or body while some results are not read yet: `{count}` or more. */
  readonly searchAtLeast: string;
  /** The link from a board's list to the search of that board. */
  readonly boardSearch: string;
  readonly breadcrumbs: string;
  readonly languageSwitch: string;
  readonly switchTo: string;
  /** Shown, in this language, beside a switch that has no translation to go to. */
  readonly notAvailable: string;
  readonly date: string;
  readonly read: string;
  readonly ministry: string;
  readonly number: string;
  readonly title: string;
  readonly reads: string;
  readonly boardCaption: string;
  readonly boardEmpty: string;
  /** `{count}`, `{page}` and `{pages}` are filled in by the board template. */
  readonly boardSummary: string;
  readonly draftTag: string;
  /** The label of a pinned row at the top of a list page, heard by screen readers too. */
  readonly pinnedTag: string;
  /** The badge of a notice newer than its board's `newDays`. */
  readonly newTag: string;
  readonly pagination: string;
  readonly page: string;
  readonly currentPage: string;
  readonly firstPage: string;
  readonly previousPage: string;
  readonly nextPage: string;
  readonly lastPage: string;
  readonly attachments: string;
  readonly attachmentName: string;
  readonly attachmentType: string;
  readonly attachmentSize: string;
  readonly download: string;
  readonly previousNotice: string;
  readonly nextNotice: string;
  readonly noPreviousNotice: string;
  readonly noNextNotice: string;
  readonly backToList: string;
  readonly latestNotices: string;
  readonly allNotices: string;
  readonly expiredNote: string;
  readonly draftBanner: string;
  /** When the analytics counts were exported; `{date}` is replaced by the day. */
  readonly readsAsOf: string;
  readonly notFoundTitle: string;
  readonly notFoundText: string;
  readonly chooseLanguage: string;
  readonly feed: string;
  /** Title of a language's whole feed; `{site}` is the site's name. */
  readonly feedTitleAll: string;
  /** A board's feed: `{site}` and `{board}`. */
  readonly feedTitleBoard: string;
  readonly feedLinkBoard: string;
  /** Title of one ministry's feed; `{site}` and `{ministry}` are filled in. */
  readonly feedTitleMinistry: string;
  /** Visible link to the whole feed on board pages. */
  readonly feedLinkAll: string;
  /** Visible link to a ministry's feed on its notices; `{ministry}` is its name. */
  readonly feedLinkMinistry: string;
  /** Page description of pages that have none of their own, after the site's name. */
  readonly siteDescription: string;
  readonly opensNewWindow: string;
  /** KRDS official-site banner: fixed wording (krds.go.kr, component 02_01). */
  readonly officialBanner: string;
  /** KRDS operator identifier; `{operator}` is the operator's name. */
  readonly operatorIdentifier: string;
  readonly views: string;
  readonly updated: string;
  readonly department: string;
  readonly contact: string;
  readonly phone: string;
  readonly email: string;
  readonly noticeInfo: string;
  readonly license: string;
  readonly licenses: Readonly<Record<Exclude<License, "none">, LicenseWords>>;
  readonly view: string;
  readonly viewLabel: string;
  readonly downloadLabel: string;
  readonly attachmentAction: string;
  readonly hwpNote: string;
  readonly print: string;
  readonly copyLink: string;
  readonly linkCopied: string;
  readonly copyFailed: string;
  readonly pageTools: string;
  readonly sourceUrl: string;
  readonly footerAddress: string;
  readonly footerPhone: string;
  readonly footerEmail: string;
  readonly footerLinks: string;
  readonly footerSocial: string;
  readonly privacyPolicy: string;
  readonly copyrightPolicy: string;
  readonly accessibility: string;
  /** The board summary when there is exactly one notice (English counts its nouns). */
  readonly boardSummaryOne: string;
  readonly searchResultsOne: string;
  readonly searchResultsNoQueryOne: string;
}

/** Korean and English UI strings. */
export const UI: Readonly<Record<Lang, UiStrings>> = Object.freeze({
  ko: {
    langName: "한국어",
    skipToContent: "본문 바로가기",
    skipToMenu: "주메뉴 바로가기",
    topMenu: "주메뉴",
    home: "홈",
    whatsNew: "새소식",
    notices: "공지사항",
    search: "검색",
    searchLabel: "공지사항 검색",
    searchPlaceholder: "검색어 입력",
    searchButton: "검색",
    searchIntro: "제목과 본문에서 공지사항을 찾습니다.",
    searchNoScript: "검색 결과를 보려면 자바스크립트를 켜 주세요.",
    searchResults: "“{query}” 검색 결과 {count}건",
    searchResultsNoQuery: "검색 결과 {count}건",
    searchNoResults: "“{query}”에 대한 검색 결과가 없습니다.",
    searchCounting: "검색 결과 {count}건 이상, 나머지를 세는 중…",
    searchLoading: "검색 중입니다.",
    searchFailed: "검색을 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.",
    searchMore: "검색 결과 더 보기",
    searchNoResultsHint: "맞춤법을 확인하거나 검색어 수를 줄여 보세요.",
    searchFilterEmpty: "{filter}에 해당하는 공지사항이 없습니다.",
    searchNoMatchFilters: "선택한 조건에 맞는 공지사항이 없습니다.",
    searchBlank: "찾을 낱말을 입력해 주세요. 제목과 본문에서 찾습니다.",
    searchExpired: "게시 기간 종료",
    filterBoard: "게시판",
    filterMinistry: "부처",
    filterYear: "연도",
    filterAll: "전체",
    sortLabel: "정렬",
    sortRelevance: "정확도순",
    sortNewest: "최신순",
    scopeLabel: "검색 범위",
    scopeAll: "제목+본문",
    scopeTitle: "제목",
    scopeBody: "본문",
    periodLabel: "기간",
    periodWeek: "최근 1주",
    periodMonth: "최근 1개월",
    periodYear: "최근 1년",
    periodFrom: "시작 월",
    periodTo: "끝 월",
    periodNote: "최근 기간은 한국 시간 기준 오늘 날짜부터 셉니다.",
    pageSizeLabel: "목록 수",
    pageSizeOption: "{count}건씩",
    searchClear: "조건 모두 지우기",
    searchAtLeast: "“{query}” 검색 결과 {count}건 이상 (결과를 더 보면 나머지를 셉니다)",
    boardSearch: "이 게시판 검색",
    breadcrumbs: "현재 위치",
    languageSwitch: "언어 선택",
    switchTo: "English",
    notAvailable: "한국어판 없음",
    date: "등록일",
    read: "조회수",
    ministry: "부처",
    number: "번호",
    title: "제목",
    reads: "조회",
    boardCaption: "{board} 목록: 번호, 제목, {source}, 등록일, 조회수",
    boardEmpty: "등록된 공지사항이 없습니다.",
    boardSummary: "전체 {count}건, {page}/{pages} 페이지",
    pinnedTag: "공지",
    newTag: "새 글",
    draftTag: "비공개",
    pagination: "페이지 이동",
    page: "페이지",
    currentPage: "현재 페이지",
    firstPage: "처음",
    previousPage: "이전",
    nextPage: "다음",
    lastPage: "마지막",
    attachments: "첨부파일",
    attachmentName: "파일명",
    attachmentType: "형식",
    attachmentSize: "크기",
    download: "내려받기",
    previousNotice: "이전글",
    nextNotice: "다음글",
    noPreviousNotice: "이전글이 없습니다.",
    noNextNotice: "다음글이 없습니다.",
    backToList: "목록",
    latestNotices: "최근 공지사항",
    allNotices: "공지사항 전체 보기",
    expiredNote: "게시 기간이 끝난 공지입니다.",
    draftBanner: "임시 저장: 공개되지 않은 공지입니다.",
    readsAsOf: "{date} 기준",
    notFoundTitle: "페이지를 찾을 수 없습니다",
    notFoundText: "주소가 바뀌었거나 삭제된 페이지입니다.",
    chooseLanguage: "언어를 선택하세요",
    feed: "공지사항 피드",
    feedTitleAll: "{site} · {section} — 전체 부처",
    feedTitleBoard: "{site} · {board}",
    feedLinkBoard: "{board} 피드 구독",
    feedTitleMinistry: "{site} · {section} — {ministry}",
    feedLinkAll: "{section} 피드 구독 (전체 부처)",
    feedLinkMinistry: "{ministry} {section} 피드 구독",
    siteDescription: "새소식의 공지사항을 최신순으로 알려 드립니다.",
    opensNewWindow: "새 창",
    officialBanner: "이 누리집은 대한민국 공식 전자정부 누리집입니다.",
    operatorIdentifier: "이 누리집은 {operator}에서 운영하는 누리집입니다.",
    views: "조회수",
    updated: "최종수정일",
    department: "담당부서",
    contact: "담당자",
    phone: "연락처",
    email: "전자우편",
    noticeInfo: "담당 정보",
    license: "저작권",
    licenses: {
      "kogl-1": {
        name: "공공누리 제1유형: 출처표시",
        statement: "이 저작물은 공공누리 제1유형(출처표시) 조건에 따라 이용할 수 있습니다.",
        url: "https://www.kogl.or.kr/info/licenseType1.do",
      },
      "kogl-2": {
        name: "공공누리 제2유형: 출처표시, 상업적 이용금지",
        statement:
          "이 저작물은 공공누리 제2유형(출처표시, 상업적 이용금지) 조건에 따라 이용할 수 있습니다.",
        url: "https://www.kogl.or.kr/info/licenseType2.do",
      },
      "kogl-3": {
        name: "공공누리 제3유형: 출처표시, 변경금지",
        statement:
          "이 저작물은 공공누리 제3유형(출처표시, 변경금지) 조건에 따라 이용할 수 있습니다.",
        url: "https://www.kogl.or.kr/info/licenseType3.do",
      },
      "kogl-4": {
        name: "공공누리 제4유형: 출처표시, 상업적 이용금지, 변경금지",
        statement:
          "이 저작물은 공공누리 제4유형(출처표시, 상업적 이용금지, 변경금지) 조건에 따라 이용할 수 있습니다.",
        url: "https://www.kogl.or.kr/info/licenseType4.do",
      },
    },
    view: "바로보기",
    viewLabel: "{file} 바로보기 (새 창)",
    downloadLabel: "{file} 내려받기",
    attachmentAction: "보기",
    hwpNote: "한글 문서",
    print: "인쇄",
    copyLink: "링크 복사",
    linkCopied: "주소를 복사했습니다.",
    copyFailed: "주소를 복사하지 못했습니다. 주소창에서 복사해 주세요.",
    pageTools: "페이지 도구",
    sourceUrl: "출처",
    footerAddress: "주소",
    footerPhone: "대표전화",
    footerEmail: "전자우편",
    footerLinks: "누리집 정책",
    footerSocial: "누리소통망",
    privacyPolicy: "개인정보처리방침",
    copyrightPolicy: "저작권정책",
    accessibility: "웹 접근성 품질인증",
    boardSummaryOne: "전체 {count}건, {page}/{pages} 페이지",
    searchResultsOne: "“{query}” 검색 결과 {count}건",
    searchResultsNoQueryOne: "검색 결과 {count}건",
  },
  en: {
    langName: "English",
    skipToContent: "Go to body",
    skipToMenu: "Go to top menu",
    topMenu: "Top menu",
    home: "Home",
    whatsNew: "What's New",
    notices: "News & Notices",
    search: "Search",
    searchLabel: "Search notices",
    searchPlaceholder: "Enter keywords",
    searchButton: "Search",
    searchIntro: "Find notices by words in their title or text.",
    searchNoScript: "Turn on JavaScript to see search results.",
    searchResults: "{count} results for “{query}”",
    searchResultsNoQuery: "{count} results",
    searchNoResults: "No results for “{query}”.",
    searchCounting: "{count}+ results, counting the rest…",
    searchLoading: "Searching.",
    searchFailed: "Search could not be loaded. Please try again later.",
    searchMore: "Show more results",
    searchNoResultsHint: "Check the spelling or try fewer words.",
    searchFilterEmpty: "There are no notices for {filter}.",
    searchNoMatchFilters: "No notice matches the chosen filters.",
    searchBlank: "Type a word or two to find in the titles and texts of notices.",
    searchExpired: "Expired",
    filterBoard: "Board",
    filterMinistry: "Ministry",
    filterYear: "Year",
    filterAll: "All",
    sortLabel: "Sort by",
    sortRelevance: "Relevance",
    sortNewest: "Newest first",
    scopeLabel: "Search in",
    scopeAll: "Title and text",
    scopeTitle: "Title",
    scopeBody: "Text",
    periodLabel: "Period",
    periodWeek: "Last week",
    periodMonth: "Last month",
    periodYear: "Last year",
    periodFrom: "From month",
    periodTo: "To month",
    periodNote: "Recent periods count back from today's date in Seoul (Korean time).",
    pageSizeLabel: "Per page",
    pageSizeOption: "{count} a page",
    searchClear: "Clear all",
    searchAtLeast: "{count}+ results for “{query}” (showing more counts the rest)",
    boardSearch: "Search this board",
    breadcrumbs: "You are here",
    languageSwitch: "Language",
    switchTo: "한국어",
    notAvailable: "no English version",
    date: "Date",
    read: "Views",
    ministry: "Ministry",
    number: "No.",
    title: "Title",
    reads: "Views",
    boardCaption: "{board}: number, title, {source}, date and views",
    boardEmpty: "There are no notices yet.",
    boardSummary: "{count} notices, page {page} of {pages}",
    pinnedTag: "Notice",
    newTag: "New",
    draftTag: "Not published",
    pagination: "Pages",
    page: "Page",
    currentPage: "current page",
    firstPage: "First",
    previousPage: "Previous",
    nextPage: "Next",
    lastPage: "Last",
    attachments: "Attachments",
    attachmentName: "File",
    attachmentType: "Type",
    attachmentSize: "Size",
    download: "Download",
    previousNotice: "Previous",
    nextNotice: "Next",
    noPreviousNotice: "There is no previous notice.",
    noNextNotice: "There is no next notice.",
    backToList: "List",
    latestNotices: "Latest notices",
    allNotices: "All notices",
    expiredNote: "This notice has expired.",
    draftBanner: "Draft: this notice is not published.",
    readsAsOf: "as of {date}",
    notFoundTitle: "Page not found",
    notFoundText: "The page may have moved or been removed.",
    chooseLanguage: "Choose a language",
    feed: "News & Notices feed",
    feedTitleAll: "{site} · {section} — all ministries",
    feedTitleBoard: "{site} · {board}",
    feedLinkBoard: "Subscribe to the {board} feed",
    feedTitleMinistry: "{site} · {section} — {ministry}",
    feedLinkAll: "Subscribe to the feed of all notices",
    feedLinkMinistry: "Subscribe to the feed of {ministry} notices",
    siteDescription: "The latest news and notices, newest first.",
    opensNewWindow: "opens in a new window",
    officialBanner: "This is an official website of the Government of the Republic of Korea.",
    operatorIdentifier: "Website operator: {operator}",
    views: "Views",
    updated: "Last updated",
    department: "Department",
    contact: "Contact",
    phone: "Phone",
    email: "E-mail",
    noticeInfo: "Who to contact",
    license: "Copyright",
    licenses: {
      "kogl-1": {
        name: "KOGL Type 1: Attribution",
        statement:
          "This work may be used under the conditions of KOGL (Korea Open Government License) Type 1: Attribution.",
        url: "https://www.kogl.or.kr/info/licenseType1.do",
      },
      "kogl-2": {
        name: "KOGL Type 2: Attribution, non-commercial",
        statement:
          "This work may be used under the conditions of KOGL (Korea Open Government License) Type 2: Attribution, non-commercial use only.",
        url: "https://www.kogl.or.kr/info/licenseType2.do",
      },
      "kogl-3": {
        name: "KOGL Type 3: Attribution, no derivatives",
        statement:
          "This work may be used under the conditions of KOGL (Korea Open Government License) Type 3: Attribution, no changes.",
        url: "https://www.kogl.or.kr/info/licenseType3.do",
      },
      "kogl-4": {
        name: "KOGL Type 4: Attribution, non-commercial, no derivatives",
        statement:
          "This work may be used under the conditions of KOGL (Korea Open Government License) Type 4: Attribution, non-commercial use only, no changes.",
        url: "https://www.kogl.or.kr/info/licenseType4.do",
      },
    },
    view: "View",
    viewLabel: "View {file} (opens in a new tab)",
    downloadLabel: "Download {file}",
    attachmentAction: "Open",
    hwpNote: "Hangul word processor file",
    print: "Print",
    copyLink: "Copy link",
    linkCopied: "Link copied.",
    copyFailed: "The link could not be copied. Please copy it from the address bar.",
    pageTools: "Page tools",
    sourceUrl: "Source",
    footerAddress: "Address",
    footerPhone: "Phone",
    footerEmail: "E-mail",
    footerLinks: "Site policies",
    footerSocial: "Social media",
    privacyPolicy: "Privacy policy",
    copyrightPolicy: "Copyright policy",
    accessibility: "Web accessibility certification",
    boardSummaryOne: "{count} notice, page {page} of {pages}",
    searchResultsOne: "{count} result for “{query}”",
    searchResultsNoQueryOne: "{count} result",
  },
} satisfies Record<Lang, UiStrings>);
