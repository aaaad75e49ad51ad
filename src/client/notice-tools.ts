/**
 * The notice page's print and copy-link buttons. They are made here, not in the page: without
 * JavaScript there would be buttons that do nothing, so without it there are none. Words come
 * from the page (data-* attributes written from src/i18n.ts).
 */

/** The words the buttons use, as the page's tools container carries them. */
export interface NoticeToolWords {
  readonly label: string;
  readonly print: string;
  readonly copy: string;
  readonly copied: string;
  readonly failed: string;
}

/** Reads the words from the container's data attributes; undefined when one is missing. */
export function toolWords(dataset: DOMStringMap): NoticeToolWords | undefined {
  const { label, print, copy, copied, failed } = dataset;
  if (!label || !print || !copy || !copied || !failed) return undefined;
  return { label, print, copy, copied, failed };
}

/** The address to copy: the page's canonical URL, else the address without its fragment. */
export function shareUrl(canonical: string | null, location: string): string {
  return canonical ?? location.replace(/#.*$/, "");
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "tool-button";
  element.textContent = text;
  element.addEventListener("click", onClick);
  return element;
}

function mount(container: HTMLElement): void {
  const words = toolWords(container.dataset);
  if (!words) return;
  const group = document.createElement("div");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", words.label);
  const status = document.createElement("p");
  status.className = "tool-status";
  status.setAttribute("role", "status");
  const url = shareUrl(
    document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null,
    window.location.href,
  );
  group.append(
    button(words.print, () => {
      window.print();
    }),
    button(words.copy, () => {
      navigator.clipboard.writeText(url).then(
        () => (status.textContent = words.copied),
        () => (status.textContent = words.failed),
      );
    }),
  );
  container.append(group, status);
}

const container = document.getElementById("notice-tools");
if (container) mount(container);
