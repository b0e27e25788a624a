// Checks that run inside a page (passed to page.evaluate), kept apart from
// the test list so each reads as what it looks for.

/** Title, language, landmarks and headings of the page. */
export function structure() {
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => ({
    level: Number(h.tagName[1]),
    text: h.textContent.trim().replace(/\s+/g, " ").slice(0, 60),
  }));
  return {
    title: document.title.trim(),
    lang: document.documentElement.lang,
    h1: document.querySelectorAll("h1").length,
    main: document.querySelectorAll("main, [role=main]").length,
    headings,
  };
}

/** Where the first Tab from the top of the page lands. */
export function focusedSkipLink() {
  const element = document.activeElement;
  if (!element || element === document.body) return { tag: "body" };
  const href = element.getAttribute("href") || "";
  const id = href.startsWith("#") ? decodeURIComponent(href.slice(1)) : null;
  return {
    tag: element.tagName.toLowerCase(),
    text: element.textContent.trim(),
    href,
    targetExists: id !== null && document.getElementById(id) !== null,
    visible: element.getBoundingClientRect().width > 1 && element.getBoundingClientRect().height > 1,
  };
}

/** Whether focus is now on the skip link's target (or inside it). */
export function focusIsOnTarget(href) {
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  return target !== null && (document.activeElement === target || target.contains(document.activeElement));
}

/** How the focused element shows that it has focus. */
export function focusIndicator() {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && !/rgba\(.*, 0\)$|transparent/.test(style.outlineColor);
  const shadow = style.boxShadow !== "none";
  const text = (element.textContent || element.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 50);
  return { tag: element.tagName.toLowerCase(), text, visible: outline || shadow };
}

/** Elements sticking out past the right edge, when the page scrolls sideways. */
export function horizontalOverflow() {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  const width = root.clientWidth;
  const culprits = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      const parentBox = element.parentElement.getBoundingClientRect();
      if (parentBox.right <= width + 1) {
        let name = element.tagName.toLowerCase();
        if (element.className && typeof element.className === "string") name += "." + element.className.trim().split(/\s+/).join(".");
        culprits.push(`${name} (right edge at ${Math.round(box.right)} px)`);
      }
    }
  }
  return culprits.length ? culprits.slice(0, 10) : [`the page is ${root.scrollWidth} px wide`];
}

/** Under print media: what should not be on paper but is, and the colours. */
export function printState() {
  const shown = (element) => {
    const style = getComputedStyle(element);
    return style.display !== "none" && style.visibility !== "hidden" && element.getClientRects().length > 0;
  };
  const name = (element) => {
    let text = element.tagName.toLowerCase();
    if (element.className && typeof element.className === "string") text += "." + element.className.trim().split(/\s+/).join(".");
    return text;
  };
  // Navigation is for screens; the single page's contents list is for paper.
  const screenOnly = [...document.querySelectorAll("nav, button, [role=search], search, form, .skip-link")]
    .filter((element) => !element.closest(".print-contents"))
    .filter(shown)
    .map(name);
  const body = getComputedStyle(document.body);
  const html = getComputedStyle(document.documentElement);
  const external = [...document.querySelectorAll("main a[href^='http://'], main a[href^='https://']")]
    .filter((link) => !link.parentElement.classList.contains("link-url") && shown(link))
    .filter((link) => !getComputedStyle(link, "::after").content.includes(link.getAttribute("href")))
    .map((link) => link.getAttribute("href"));
  return {
    screenOnly,
    colour: body.color,
    background: [html.backgroundColor, body.backgroundColor],
    externalWithoutAddress: external,
  };
}

/** The single page under print media: how its cover and chapters break. */
export function printBreaks() {
  const chapters = [...document.querySelectorAll(".print-chapter")];
  const cover = document.querySelector(".print-cover");
  return {
    chapters: chapters.map((chapter) => ({ id: chapter.id, breakBefore: getComputedStyle(chapter).breakBefore })),
    coverBreakAfter: cover ? getComputedStyle(cover).breakAfter : null,
    contentsLinks: document.querySelectorAll(".print-contents a[href^='#']").length,
    pageNumberSlots: document.querySelectorAll("[data-page-for]").length,
  };
}

/** Every stylesheet and script of the page loaded (for pages opened from disk). */
export function assetsLoaded() {
  return {
    stylesheets: [...document.querySelectorAll("link[rel=stylesheet]")].map((link) => ({ href: link.getAttribute("href"), loaded: link.sheet !== null })),
    h1: document.querySelectorAll("h1").length,
  };
}
