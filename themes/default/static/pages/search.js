// Search, on the search page (search/index.html). The index is a script the
// page loads (assets/search-index.HASH.js sets `handbookSearchIndex`), so
// search works from a web server and from a folder opened on disk alike.
// Without this script the page explains what else to do.
(function () {
  "use strict";

  var MAX_RESULTS = 50;
  var DELAY_MS = 200;

  // The same splitting as the index (src/finish/search.rs): lowercase,
  // split at anything not a letter or digit (Rust's `char::is_alphanumeric`
  // is Unicode Alphabetic or Number), drop single characters and common words.
  function words(text, stopWords) {
    return text
      .toLowerCase()
      .split(/[^\p{Alphabetic}\p{N}]+/u)
      .filter(function (word) {
        return Array.from(word).length > 1 && !stopWords.has(word);
      });
  }

  // Every query word must begin a word of the section; a whole-word match,
  // and a match in the heading or the chapter title, rank higher.
  function score(section, page, terms) {
    var sectionWords = section[4].split(" ");
    var heading = section[2].toLowerCase();
    var title = page.title.toLowerCase();
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var best = 0;
      for (var j = 0; j < sectionWords.length; j++) {
        var word = sectionWords[j];
        if (word === term) {
          best = 2;
          break;
        }
        if (best === 0 && word.lastIndexOf(term, 0) === 0) {
          best = 1;
        }
      }
      if (best === 0) {
        return 0;
      }
      total += best;
      if (heading.indexOf(term) !== -1) {
        total += 4;
      }
      if (title.indexOf(term) !== -1) {
        total += 1;
      }
    }
    return total;
  }

  function search(index, query) {
    var terms = words(query, new Set(index.stop_words));
    if (terms.length === 0) {
      return { terms: terms, results: [] };
    }
    var results = [];
    index.sections.forEach(function (section, order) {
      var page = index.pages[section[0]];
      var points = score(section, page, terms);
      if (points > 0) {
        results.push({ section: section, page: page, points: points, order: order });
      }
    });
    results.sort(function (a, b) {
      return b.points - a.points || a.order - b.order;
    });
    return { terms: terms, results: results };
  }

  // Text with the words that match marked, built as DOM nodes (never as HTML).
  function marked(text, terms) {
    var fragment = document.createDocumentFragment();
    text.split(/([\p{Alphabetic}\p{N}]+)/u).forEach(function (part) {
      var lower = part.toLowerCase();
      var hit = terms.some(function (term) {
        return lower.lastIndexOf(term, 0) === 0;
      });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        fragment.appendChild(mark);
      } else if (part) {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  function resultItem(result, terms, root) {
    var section = result.section;
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("p");
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = root + result.page.url + (section[1] ? "#" + section[1] : "");
    link.appendChild(marked(section[2], terms));
    heading.appendChild(link);
    item.appendChild(heading);
    if (section[1]) {
      var chapter = document.createElement("p");
      chapter.className = "search-result__chapter";
      chapter.textContent = "In " + result.page.title;
      item.appendChild(chapter);
    }
    if (section[3]) {
      var snippet = document.createElement("p");
      snippet.className = "search-result__snippet";
      snippet.appendChild(marked(section[3], terms));
      item.appendChild(snippet);
    }
    return item;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function start(form) {
    var input = form.querySelector("input[name=q]");
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var noScript = document.querySelector("[data-search-no-script]");
    // Links in the index are from the site root; this page is one folder down.
    var root = form.getAttribute("action").replace(/search\/index\.html$/, "");
    var index = window.handbookSearchIndex;

    form.hidden = false;
    if (noScript) {
      noScript.hidden = true;
    }
    if (!index) {
      status.textContent = "Search could not load its index. Browse the contents instead.";
      return;
    }

    var shown = null;
    function run() {
      var query = input.value.trim();
      if (query === shown) {
        return;
      }
      shown = query;
      list.textContent = "";
      list.hidden = true;
      if (!query) {
        status.textContent = "";
        return;
      }
      var found = search(index, query);
      if (found.terms.length === 0) {
        status.textContent = "Type a more specific word to search for.";
        return;
      }
      found.results.slice(0, MAX_RESULTS).forEach(function (result) {
        list.appendChild(resultItem(result, found.terms, root));
      });
      list.hidden = found.results.length === 0;
      if (found.results.length === 0) {
        status.textContent = "No results for “" + query + "”. Check the spelling or try fewer words.";
      } else if (found.results.length > MAX_RESULTS) {
        status.textContent = plural(found.results.length, "result", "results") + " for “" + query + "”; the first " + MAX_RESULTS + " are shown.";
      } else {
        status.textContent = plural(found.results.length, "result", "results") + " for “" + query + "”.";
      }
    }

    function remember() {
      try {
        var url = new URL(window.location.href);
        url.searchParams.set("q", input.value.trim());
        window.history.replaceState(null, "", url);
      } catch (error) {
        // Pages opened from disk may not rewrite their address; search still works.
      }
    }

    var timer = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        run();
        remember();
      }, DELAY_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      shown = null;
      run();
      remember();
    });

    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      input.value = query;
      run();
    }
  }

  var started = false;
  function init() {
    var form = document.querySelector("[data-search-form]");
    if (form && !started) {
      started = true;
      start(form);
    }
  }

  // The index is a deferred script after this one: it has run by
  // DOMContentLoaded, not yet while this file runs.
  document.addEventListener("DOMContentLoaded", init);
  window.addEventListener("load", init);
  if (document.readyState === "complete") {
    init();
  }
})();
