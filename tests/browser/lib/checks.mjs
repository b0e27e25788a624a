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

/**
 * Where the first Tab from the top of the page lands. A skip link, in any
 * language, is a link within the page to the main content (or into it).
 */
export function focusedSkipLink() {
  const element = document.activeElement;
  if (!element || element === document.body) return { tag: "body" };
  const href = element.getAttribute("href") || "";
  const id = href.startsWith("#") ? decodeURIComponent(href.slice(1)) : null;
  const target = id === null ? null : document.getElementById(id);
  const main = document.querySelector("main, [role=main]");
  return {
    tag: element.tagName.toLowerCase(),
    text: element.textContent.trim(),
    href,
    targetExists: target !== null,
    toMain: target !== null && main !== null && (target === main || main.contains(target) || target.contains(main)),
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
  // Tab has come round again once it is back on the first element it focused
  window.__firstFocused ??= element;
  return { tag: element.tagName.toLowerCase(), text, visible: outline || shadow, first: element === window.__firstFocused };
}

/**
 * Elements sticking out past an edge (the right one, or the left one right
 * to left), when the page scrolls sideways.
 */
export function horizontalOverflow() {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  const width = root.clientWidth;
  const outside = (box) => box.width > 0 && (box.right > width + 1 || box.left < -1);
  const culprits = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (outside(box) && !outside(element.parentElement.getBoundingClientRect())) {
      let name = element.tagName.toLowerCase();
      if (element.className && typeof element.className === "string") name += "." + element.className.trim().split(/\s+/).join(".");
      culprits.push(`${name} (from ${Math.round(box.left)} to ${Math.round(box.right)} px)`);
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

/**
 * What a page says of its language editions: its `lang` and `dir`, the
 * `<link rel=alternate hreflang>` and the language switcher's links (as
 * absolute addresses), the direction every element with a `lang` is laid
 * out in, and the longer texts of its main content with the language they
 * are marked with.
 */
export function editionFacts() {
  const absolute = (href) => new URL(href, location.href).href;
  const root = document.documentElement;
  // the main content's words, gathered by the block or the element with a lang they sit in
  const holders = "h1, h2, h3, h4, h5, h6, p, li, figcaption, dt, dd, td, th, [lang]";
  const gathered = new Map();
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main || document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const holder = node.parentElement.closest(holders);
    if (holder && (!main || main.contains(holder))) gathered.set(holder, (gathered.get(holder) ?? "") + node.data);
  }
  const texts = [...gathered]
    .map(([element, text]) => ({
      text: text.trim().replace(/\s+/g, " "),
      lang: element.closest("[lang]")?.getAttribute("lang") ?? "",
      direction: getComputedStyle(element).direction,
    }))
    .filter((text) => text.text.length >= 12 && /\p{L}{3}/u.test(text.text));
  const switcherLinks = [...document.querySelectorAll("body a[hreflang]")];
  const switcher = switcherLinks[0]?.closest("nav, ul") ?? null;
  const current = switcher?.querySelector("[aria-current]");
  return {
    url: location.href,
    lang: root.getAttribute("lang"),
    dir: root.getAttribute("dir"),
    marked: [...document.querySelectorAll("[lang]")].map((element) => ({
      tag: element.tagName.toLowerCase(),
      lang: element.getAttribute("lang"),
      direction: getComputedStyle(element).direction,
    })),
    alternates: [...document.querySelectorAll("link[rel~=alternate][hreflang]")].map((link) => ({
      hreflang: link.getAttribute("hreflang"),
      url: absolute(link.getAttribute("href")),
    })),
    switcher: switcherLinks.map((link) => ({
      hreflang: link.getAttribute("hreflang"),
      lang: link.getAttribute("lang"),
      text: link.textContent.trim(),
      url: absolute(link.getAttribute("href")),
    })),
    current: current ? { lang: current.getAttribute("lang"), text: current.textContent.trim() } : null,
    texts,
  };
}

/**
 * Where the parts whose side depends on the direction sit (at the window's
 * width): the focused element's text (the skip link after one Tab), the
 * first heading's text within its box, the contents navigation beside the
 * main content, and the links to the previous and next chapters.
 */
export function directionLayout() {
  const boxOf = (element) => {
    const box = element.getBoundingClientRect();
    return { left: Math.round(box.left), right: Math.round(box.right), top: Math.round(box.top), bottom: Math.round(box.bottom) };
  };
  // where the text inside an element is drawn: the union of its line boxes
  const textBoxOf = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
    if (rects.length === 0) return null;
    return {
      left: Math.round(Math.min(...rects.map((rect) => rect.left))),
      right: Math.round(Math.max(...rects.map((rect) => rect.right))),
    };
  };
  const width = document.documentElement.clientWidth;
  const main = document.querySelector("main");
  const h1 = document.querySelector("main h1") || document.querySelector("h1");
  const beside = main?.previousElementSibling;
  const prev = document.querySelector("main a[rel~=prev], body a[rel~=prev]");
  const next = document.querySelector("main a[rel~=next], body a[rel~=next]");
  const focused = document.activeElement !== document.body ? document.activeElement : null;
  return {
    direction: getComputedStyle(document.documentElement).direction,
    width,
    focused: focused ? { text: focused.textContent.trim(), box: textBoxOf(focused) } : null,
    h1: h1 ? { box: boxOf(h1), text: textBoxOf(h1), align: getComputedStyle(h1).textAlign, direction: getComputedStyle(h1).direction } : null,
    main: main ? boxOf(main) : null,
    nav: beside && beside.tagName === "NAV" ? boxOf(beside) : null,
    prev: prev ? boxOf(prev) : null,
    next: next ? boxOf(next) : null,
    pagination: (prev || next) ? boxOf((prev || next).closest("nav") || (prev || next).parentElement) : null,
  };
}

/**
 * Elements drawn past either side of the window (a right-to-left page spills
 * over its left edge, which cannot be scrolled to), but for those clipped
 * away on purpose (visually hidden text) or inside a box that scrolls or
 * clips them.
 */
export function beyondTheEdges() {
  const width = document.documentElement.clientWidth;
  const clipped = (element) => {
    for (let ancestor = element; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
      const style = getComputedStyle(ancestor);
      if (style.clipPath !== "none" || style.visibility === "hidden") return true;
      if (ancestor !== element && style.overflowX !== "visible") return true;
    }
    return false;
  };
  const outside = (box) => box.width > 1 && box.height > 1 && (box.left < -1 || box.right > width + 1);
  const culprits = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (!outside(box) || clipped(element)) continue;
    // the outermost only: its children go with it
    if (element.parentElement !== document.body && outside(element.parentElement.getBoundingClientRect())) continue;
    let name = element.tagName.toLowerCase();
    if (element.className && typeof element.className === "string") name += "." + element.className.trim().split(/\s+/).join(".");
    culprits.push(`${name} (from ${Math.round(box.left)} to ${Math.round(box.right)} px of ${width})`);
  }
  return culprits.slice(0, 10);
}
