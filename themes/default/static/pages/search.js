// Search, on the search page (search/index.html). The page links the index's
// root (assets/search-index.HASH.js sets `handbookSearchIndex`): the
// language, its stop words and where each word shard begins. A query loads
// only the shards it needs, as scripts that call `handbookSearchLoaded`, so
// search works from a web server and from a folder opened on disk alike
// (where pages cannot fetch). src/finish/search/ writes the index; its
// shards.rs describes the files. Without this script the page explains what
// else to do.
(function () {
  "use strict";

  // Results shown at once; "Show more results" adds as many again.
  var PAGE = 10;
  var DELAY_MS = 200;
  // Shorter query words match whole words only, not every word they begin.
  var PREFIX_MIN = 3;
  // Points for a section by how a query word was found in it: the word's
  // own stem, or one it begins; in the text only, in the chapter's title
  // too, in the heading, in both (the index's four classes).
  var EXACT = 2;
  var PREFIX = 1;
  var CLASS_POINTS = [0, 1, 4, 5];

  // ---------- words, as src/finish/search/language.rs makes them ----------

  // Arabic's combining marks and the tatweel: part of a word, then left out.
  var ARABIC_MARKS = "\\u0610-\\u061A\\u0640\\u064B-\\u065F\\u0670\\u06D6-\\u06DC\\u06DF-\\u06E4\\u06E7\\u06E8\\u06EA-\\u06ED";
  var LETTERS = /[^\p{Alphabetic}\p{N}]+/u;

  function identity(word) {
    return word;
  }

  // How each language the index may name splits, normalises and stems its
  // words ("" for any other: split at letters, nothing more).
  var LANGUAGES = {
    "": { split: LETTERS, normalise: identity, stem: identity },
    en: { split: LETTERS, normalise: identity, stem: stemEnglish },
    cy: { split: LETTERS, normalise: identity, stem: identity },
    ar: {
      split: new RegExp("[^\\p{Alphabetic}\\p{N}" + ARABIC_MARKS + "]+", "u"),
      normalise: function (word) {
        return word.replace(new RegExp("[" + ARABIC_MARKS + "]", "gu"), "").replace(/[أإآٱ]/gu, "ا");
      },
      stem: identity,
    },
  };

  function languageOf(key) {
    return LANGUAGES[key] || LANGUAGES[""];
  }

  // The search words of `text`: lowercased, split, normalised, without
  // single characters and stop words; each with its stem.
  function terms(text, language, stopWords) {
    var found = [];
    text
      .toLowerCase()
      .split(language.split)
      .forEach(function (part) {
        var word = language.normalise(part);
        if (Array.from(word).length > 1 && !stopWords.has(word)) {
          found.push({ word: word, stem: language.stem(word) });
        }
      });
    return found;
  }

  // Snowball's English (Porter2) stemmer, as the Rust crate rust-stemmers
  // 1.2 runs it for the index; tests/search.rs checks the two agree. Words
  // reach it lowercased and without apostrophes, so the algorithm's steps
  // for apostrophes are left out.
  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
  };
  var AFTER_STEP_1A = ["succeed", "proceed", "exceed", "canning", "inning", "earring", "herring", "outing"];
  // (suffix, replacement) longest first; a replacement of null has a condition of its own
  var STEP_2 = [
    ["ational", "ate"], ["fulness", "ful"], ["iveness", "ive"], ["ization", "ize"], ["ousness", "ous"],
    ["biliti", "ble"], ["lessli", "less"], ["tional", "tion"],
    ["alism", "al"], ["aliti", "al"], ["ation", "ate"], ["entli", "ent"], ["fulli", "ful"], ["iviti", "ive"], ["ousli", "ous"],
    ["abli", "able"], ["alli", "al"], ["anci", "ance"], ["ator", "ate"], ["enci", "ence"], ["izer", "ize"],
    ["bli", "ble"], ["ogi", null], ["li", null],
  ];
  var STEP_3 = [
    ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ative", null],
    ["ical", "ic"], ["ness", ""], ["ful", ""],
  ];
  var STEP_4 = [
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ate", "ent", "ion", "ism", "iti", "ive", "ize", "ous",
    "al", "er", "ic",
  ];
  var VALID_LI = "cdeghkmnrt";

  function stemEnglish(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) {
      return EXCEPTIONS[word];
    }
    var w = Array.from(word);
    if (w.length < 3) {
      return word;
    }
    var vowel = function (c) {
      return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y";
    };
    var ends = function (suffix) {
      var n = suffix.length;
      if (n > w.length) {
        return false;
      }
      for (var i = 0; i < n; i++) {
        if (w[w.length - n + i] !== suffix[i]) {
          return false;
        }
      }
      return true;
    };
    var replace = function (n, by) {
      w.length -= n;
      for (var i = 0; i < by.length; i++) {
        w.push(by[i]);
      }
    };
    // a short syllable just before `at`
    var shortBefore = function (at) {
      var a = w[at - 1];
      var b = w[at - 2];
      if (at >= 3 && !vowel(a) && "wxY".indexOf(a) === -1 && vowel(b) && !vowel(w[at - 3])) {
        return true;
      }
      return at === 2 && !vowel(a) && vowel(b);
    };
    var hasVowel = function (to) {
      for (var i = 0; i < to; i++) {
        if (vowel(w[i])) {
          return true;
        }
      }
      return false;
    };

    // prelude: a y that starts the word or follows a vowel is a consonant
    var yFound = false;
    if (w[0] === "y") {
      w[0] = "Y";
      yFound = true;
    }
    for (var i = 0; i + 1 < w.length; i++) {
      if (vowel(w[i]) && w[i + 1] === "y") {
        w[i + 1] = "Y";
        yFound = true;
      }
    }

    // R1 and R2: after the first non-vowel that follows a vowel, once and again
    var pastSyllable = function (from) {
      var i = from;
      while (i < w.length && !vowel(w[i])) i++;
      if (i >= w.length) return -1;
      i++;
      while (i < w.length && vowel(w[i])) i++;
      if (i >= w.length) return -1;
      return i + 1;
    };
    var p1 = w.length;
    var p2 = w.length;
    var lead = /^(gener|commun|arsen)/.exec(word);
    var r1 = lead ? lead[0].length : pastSyllable(0);
    if (r1 >= 0) {
      p1 = r1;
      var r2 = pastSyllable(p1);
      if (r2 >= 0) {
        p2 = r2;
      }
    }

    // Step 1a
    if (ends("sses")) {
      replace(4, "ss");
    } else if (ends("ied") || ends("ies")) {
      replace(3, w.length - 3 >= 2 ? "i" : "ie");
    } else if (ends("ss") || ends("us")) {
      // kept
    } else if (ends("s") && w.length >= 2 && hasVowel(w.length - 2)) {
      replace(1, "");
    }

    if (AFTER_STEP_1A.indexOf(w.join("")) === -1) {
      // Step 1b
      var b = ["eedly", "ingly", "edly", "eed", "ing", "ed"].filter(ends)[0];
      if (b === "eed" || b === "eedly") {
        if (w.length - b.length >= p1) {
          replace(b.length, "ee");
        }
      } else if (b && hasVowel(w.length - b.length)) {
        replace(b.length, "");
        if (ends("at") || ends("bl") || ends("iz")) {
          replace(0, "e");
        } else if (["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].some(ends)) {
          replace(1, "");
        } else if (w.length === p1 && shortBefore(w.length)) {
          replace(0, "e");
        }
      }

      // Step 1c
      var last = w[w.length - 1];
      if ((last === "y" || last === "Y") && w.length > 2 && !vowel(w[w.length - 2])) {
        replace(1, "i");
      }

      // Step 2
      var s2 = STEP_2.filter(function (rule) {
        return ends(rule[0]);
      })[0];
      if (s2 && w.length - s2[0].length >= p1) {
        var before = w[w.length - s2[0].length - 1];
        if (s2[0] === "ogi") {
          if (before === "l") replace(3, "og");
        } else if (s2[0] === "li") {
          if (before !== undefined && VALID_LI.indexOf(before) !== -1) replace(2, "");
        } else {
          replace(s2[0].length, s2[1]);
        }
      }

      // Step 3
      var s3 = STEP_3.filter(function (rule) {
        return ends(rule[0]);
      })[0];
      if (s3 && w.length - s3[0].length >= p1) {
        if (s3[0] === "ative") {
          if (w.length - 5 >= p2) replace(5, "");
        } else {
          replace(s3[0].length, s3[1]);
        }
      }

      // Step 4
      var s4 = STEP_4.filter(ends)[0];
      if (s4 && w.length - s4.length >= p2) {
        if (s4 !== "ion") {
          replace(s4.length, "");
        } else if (w[w.length - 4] === "s" || w[w.length - 4] === "t") {
          replace(3, "");
        }
      }

      // Step 5
      var at = w.length - 1;
      if (w[at] === "e" && (at >= p2 || (at >= p1 && !shortBefore(at)))) {
        replace(1, "");
      } else if (w[at] === "l" && at >= p2 && w[at - 1] === "l") {
        replace(1, "");
      }
    }

    var stem = w.join("");
    return yFound ? stem.replace(/Y/g, "y") : stem;
  }

  // ---------- the index, loaded as needed ----------

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  // Calls `visit` with each section of a list the index wrote (shards.rs):
  // groups of five bits, the first section then gaps less one, or after a
  // "." the first section then a bitmap.
  function eachSection(list, visit) {
    var i = list.charAt(0) === "." ? 1 : 0;
    var bitmap = i === 1;
    function number() {
      var value = 0;
      var shift = 0;
      for (;;) {
        var digit = DIGITS.indexOf(list.charAt(i++));
        value += (digit & 31) * Math.pow(2, shift);
        shift += 5;
        if (digit < 32) return value;
      }
    }
    if (i >= list.length && !bitmap) return;
    var section = number();
    if (bitmap) {
      for (var k = 0; i < list.length; k++) {
        var bits = DIGITS.indexOf(list.charAt(i++));
        for (var bit = 0; bit < 6; bit++) {
          if (bits & (1 << bit)) visit(section + 6 * k + bit);
        }
      }
      return;
    }
    visit(section);
    while (i < list.length) {
      section += number() + 1;
      visit(section);
    }
  }

  function Index(root, base) {
    this.root = root;
    this.base = base;
    this.loaded = {};
  }

  // The data of shard `name` ("w3", "f12"), loaded once, as a promise.
  Index.prototype.load = function (name) {
    var loaded = this.loaded;
    if (!loaded[name]) {
      var url = this.base + this.root.path + name + "." + this.root.version + ".js";
      loaded[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var script = document.createElement("script");
        script.src = url;
        script.onerror = function () {
          delete loaded[name];
          reject(new Error("cannot load " + url));
        };
        script.onload = function () {
          script.remove();
        };
        document.head.appendChild(script);
      });
    }
    return loaded[name];
  };

  // The word shard that holds `key`'s place in the sorted keys.
  Index.prototype.shardOf = function (key) {
    var firsts = this.root.shards;
    var low = 0;
    var high = firsts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (firsts[middle] <= key) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  // The word shards of the keys in each [low, high] of `ranges`, merged into one object.
  Index.prototype.keys = function (ranges) {
    var self = this;
    var wanted = {};
    if (this.root.shards.length === 0) {
      // a handbook without a word to find
      return Promise.resolve({});
    }
    ranges.forEach(function (range) {
      for (var n = self.shardOf(range[0]); n <= self.shardOf(range[1]); n++) wanted[n] = true;
    });
    return Promise.all(
      Object.keys(wanted).map(function (n) {
        return self.load("w" + n);
      }),
    ).then(function (shards) {
      return Object.assign.apply(null, [{}].concat(shards));
    });
  };

  // Every section holding each query term, with its points: a term matches
  // its own stem and every stem it begins, and every word it begins (through
  // that word's stem), so "breath" finds "breathing" and so does "breathin".
  function find(index, query) {
    var language = languageOf(index.root.language);
    var found = terms(query, language, new Set(index.root.stop_words));
    if (found.length === 0) {
      return Promise.resolve({ terms: found, results: [] });
    }
    var ranges = [];
    found.forEach(function (term) {
      [term.word, term.stem].forEach(function (key) {
        var prefix = Array.from(term.word).length >= PREFIX_MIN;
        ranges.push([key, prefix ? key + "\uffff" : key]);
      });
    });
    return index.keys(ranges).then(function (keys) {
      // the stems each term found, and points for each
      var matches = found.map(function (term) {
        var stems = {};
        var prefix = Array.from(term.word).length >= PREFIX_MIN;
        var add = function (stem, points) {
          stems[stem] = Math.max(stems[stem] || 0, points);
        };
        Object.keys(keys).forEach(function (key) {
          var entry = keys[key];
          var isStem = typeof entry !== "string";
          var stemOf = isStem ? entry[4] : entry;
          if (isStem && (key === term.stem || (prefix && key.lastIndexOf(term.stem, 0) === 0))) {
            add(key, key === term.stem ? EXACT : PREFIX);
          }
          if (stemOf && (key === term.word || (prefix && key.lastIndexOf(term.word, 0) === 0))) {
            add(stemOf, key === term.word ? EXACT : PREFIX);
          }
        });
        return stems;
      });
      // a word's stem may sort into a shard not loaded yet
      var missing = [];
      matches.forEach(function (stems) {
        Object.keys(stems).forEach(function (stem) {
          if (!keys[stem]) missing.push([stem, stem]);
        });
      });
      var more = missing.length ? index.keys(missing) : Promise.resolve({});
      return more.then(function (extra) {
        Object.assign(keys, extra);
        return { terms: found, results: ranked(matches, keys) };
      });
    });
  }

  // Sections holding every term, best first, then in reading order.
  function ranked(matches, keys) {
    var totals = null;
    matches.forEach(function (stems) {
      var points = new Map();
      Object.keys(stems).forEach(function (stem) {
        var entry = keys[stem];
        if (!entry || typeof entry === "string") return;
        for (var c = 0; c < 4; c++) {
          if (!entry[c]) continue;
          var value = stems[stem] + CLASS_POINTS[c];
          eachSection(entry[c], function (section) {
            if (!(points.get(section) >= value)) points.set(section, value);
          });
        }
      });
      if (totals === null) {
        totals = points;
        return;
      }
      var both = new Map();
      totals.forEach(function (total, section) {
        var more = points.get(section);
        if (more !== undefined) both.set(section, total + more);
      });
      totals = both;
    });
    var results = [];
    totals.forEach(function (points, section) {
      results.push({ section: section, points: points });
    });
    results.sort(function (a, b) {
      return b.points - a.points || a.section - b.section;
    });
    return results;
  }

  // What results show of `sections`: [url, chapter title, id, heading, snippet] each.
  function records(index, sections) {
    var group = index.root.group;
    var wanted = [];
    sections.forEach(function (section) {
      var n = Math.floor(section / group);
      if (wanted.indexOf(n) === -1) wanted.push(n);
    });
    return Promise.all(
      wanted.map(function (n) {
        return index.load("f" + n);
      }),
    ).then(function (groups) {
      return sections.map(function (section) {
        return groups[wanted.indexOf(Math.floor(section / group))][section % group];
      });
    });
  }

  // ---------- the page ----------

  // Shards call this as they load; each resolves the promise of its name.
  var waiting = {};
  globalThis.handbookSearchLoaded = function (name, data) {
    if (waiting[name]) {
      waiting[name](data);
      delete waiting[name];
    }
  };
  // The page's words, for tests/search.rs to hold against the index's.
  globalThis.handbookSearchTerms = function (text, key, stopWords) {
    return terms(text, languageOf(key), new Set(stopWords || []));
  };

  // Text with the words that match marked, built as DOM nodes (never as HTML).
  function marked(text, found, language) {
    var fragment = document.createDocumentFragment();
    var word = new RegExp("(" + language.split.source.replace("[^", "[") + ")", "u");
    text.split(word).forEach(function (part, i) {
      if (!part) return;
      var lower = language.normalise(part.toLowerCase());
      // the split leaves the words at odd places
      var hit =
        i % 2 === 1 &&
        found.some(function (term) {
          var stem = language.stem(lower);
          if (Array.from(term.word).length < PREFIX_MIN) return lower === term.word || stem === term.stem;
          return lower.lastIndexOf(term.word, 0) === 0 || stem.lastIndexOf(term.stem, 0) === 0;
        });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  function resultItem(record, found, language, base, status) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("p");
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = base + record[0] + (record[2] ? "#" + record[2] : "");
    link.appendChild(marked(record[3], found, language));
    heading.appendChild(link);
    item.appendChild(heading);
    if (record[2]) {
      var chapter = document.createElement("p");
      chapter.className = "search-result__chapter";
      chapter.textContent = message(status, "in-chapter", { chapter: record[1] });
      item.appendChild(chapter);
    }
    if (record[4]) {
      var snippet = document.createElement("p");
      snippet.className = "search-result__snippet";
      snippet.appendChild(marked(record[4], found, language));
      item.appendChild(snippet);
    }
    return item;
  }

  // The page's words for a message (`data-NAME` on the status line, in
  // the page's language), with its {n} and {query} filled in.
  function message(status, name, values) {
    return (status.getAttribute("data-" + name) || "").replace(/\{(n|query|chapter)\}/g, function (_, key) {
      return values && key in values ? String(values[key]) : "";
    });
  }

  function start(form) {
    var input = form.querySelector("input[name=q]");
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var more = document.querySelector("[data-search-more]");
    var noScript = document.querySelector("[data-search-no-script]");
    // Paths in the index are from the site root; this page is one folder down.
    var base = form.getAttribute("action").replace(/search\/index\.html$/, "");
    var root = window.handbookSearchIndex;

    form.hidden = false;
    if (noScript) {
      noScript.hidden = true;
    }
    if (!root) {
      status.textContent = message(status, "failed");
      return;
    }
    var index = new Index(root, base);
    var language = languageOf(root.language);

    var shown = null;
    // the query being answered: an answer to an older one is dropped
    var asked = 0;
    var current = null;

    function failed() {
      status.textContent = message(status, "failed");
      list.hidden = true;
      more.hidden = true;
    }

    // Shows the next page of results; moves focus to the first new one when asked.
    function showMore(focus) {
      var answer = current;
      var from = answer.shown;
      var page = answer.results.slice(from, from + PAGE);
      return records(
        index,
        page.map(function (r) {
          return r.section;
        }),
      ).then(function (found) {
        if (answer !== current) return;
        var first = null;
        found.forEach(function (record) {
          var item = resultItem(record, answer.terms, language, base, status);
          first = first || item.querySelector("a");
          list.appendChild(item);
        });
        answer.shown = from + found.length;
        list.hidden = answer.shown === 0;
        more.hidden = answer.shown >= answer.results.length;
        if (focus && first) first.focus();
      }, failed);
    }

    function run() {
      var query = input.value.trim();
      if (query === shown) {
        return;
      }
      shown = query;
      var ticket = ++asked;
      if (!query) {
        current = null;
        list.textContent = "";
        list.hidden = true;
        more.hidden = true;
        status.textContent = "";
        return;
      }
      find(index, query).then(function (answer) {
        if (ticket !== asked) return;
        current = { terms: answer.terms, results: answer.results, shown: 0 };
        list.textContent = "";
        list.hidden = true;
        more.hidden = true;
        if (answer.terms.length === 0) {
          status.textContent = message(status, "vague");
          return;
        }
        var count = answer.results.length;
        if (count === 0) {
          status.textContent = message(status, "none", { query: query });
          return;
        }
        return showMore(false).then(function () {
          if (ticket === asked) {
            status.textContent = message(status, count === 1 ? "one" : "many", { n: count, query: query });
          }
        });
      }, failed);
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
    more.addEventListener("click", function () {
      if (current) showMore(true);
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

  // The index's root is a deferred script after this one: it has run by
  // DOMContentLoaded, not yet while this file runs.
  if (typeof document !== "undefined") {
    document.addEventListener("DOMContentLoaded", init);
    window.addEventListener("load", init);
    if (document.readyState === "complete") {
      init();
    }
  }
})();
