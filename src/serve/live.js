// Live reload for `handbook serve`. Added to pages by the server only; a
// built site never contains it.
(() => {
  "use strict";
  const script = document.currentScript;
  let version = script ? script.dataset.version : "";
  const scrollKey = "handbook-serve-scroll:" + location.pathname;
  const overlayId = "handbook-problems";
  let dismissed = null;
  let returnFocus = null;

  // Back where the reader was before the reload.
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = saved.split(",").map(Number);
    const restore = () => window.scrollTo(x, y);
    restore();
    window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    sessionStorage.setItem(scrollKey, window.scrollX + "," + window.scrollY);
    location.reload();
  }

  // A new stylesheet is loaded beside the old one, which goes once the new
  // one applies, so the page never shows unstyled.
  function swapStylesheets(pairs) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const href = link.getAttribute("href");
      for (const [from, to] of pairs) {
        // pages link from their own folder (`../assets/style.HASH.css`)
        if (href !== from && !href.endsWith("/" + from)) continue;
        const fresh = link.cloneNode();
        fresh.setAttribute("href", href.slice(0, href.length - from.length) + to);
        fresh.addEventListener("load", () => link.remove(), { once: true });
        link.after(fresh);
      }
    }
  }

  const status = document.createElement("div");
  status.setAttribute("role", "status");
  status.className = "handbook-live-status";
  document.body.append(status);
  function announce(text) {
    status.textContent = "";
    setTimeout(() => { status.textContent = text; }, 100);
  }

  function overlay() {
    return document.getElementById(overlayId);
  }

  // Opens the overlay as a modal dialog: focus moves into it and stays there,
  // and goes back where it was when the dialog closes.
  function open(dialog, replacing) {
    if (!replacing) returnFocus = document.activeElement;
    // served open (so it shows without this script); reopened as a modal
    if (dialog.open) dialog.close();
    dialog.showModal();
    const close = dialog.querySelector("[data-close]");
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      // the close() above fires too, later: the dialog is open again by then
      if (dialog.open) return;
      dismissed = dialog.textContent;
      dialog.remove();
      if (returnFocus && returnFocus.isConnected) returnFocus.focus();
    });
    close.focus();
  }

  function showProblems(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const dialog = template.content.firstElementChild;
    dialog.removeAttribute("open");
    const current = overlay();
    if (current && current.textContent === dialog.textContent) return;
    if (!current && dismissed === dialog.textContent) return;
    if (current) {
      current.replaceWith(dialog);
    } else {
      document.body.prepend(dialog);
    }
    open(dialog, Boolean(current));
  }

  function hideProblems() {
    dismissed = null;
    const current = overlay();
    if (!current) return;
    current.close();
    announce("The handbook builds again.");
  }

  // Pages served while the build was broken carry the overlay already.
  const served = overlay();
  if (served) open(served, false);

  const events = new EventSource("/__handbook/events");
  events.addEventListener("build", (event) => {
    const update = JSON.parse(event.data);
    if (update.version !== version) {
      if (update.stylesheets && update.previous === version && !update.problems) {
        swapStylesheets(update.stylesheets);
        version = update.version;
        announce("Styles updated.");
      } else {
        reload();
        return;
      }
    }
    if (update.problems) {
      showProblems(update.problems);
    } else {
      hideProblems();
    }
  });
})();
