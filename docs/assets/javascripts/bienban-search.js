/*
 * bienban search worker: replaces Material for MkDocs' lunr worker.
 *
 * Material's main thread keeps its search box and result list; it posts
 *   {type: 0 SETUP, data: {config, docs, options}}  -> we answer {type: 1 READY}
 *   {type: 2 QUERY, data: "what the reader typed"}   -> we answer {type: 3 RESULT,
 *      data: {items: [[{location, title, text, tags, score, terms}, ...], ...]}}
 * (one inner list per page, the page itself first).  Material inserts title and
 * text as HTML, so everything we return is escaped here before <mark> is added.
 *
 * SETUP's docs are only the hand-written pages (generated pages carry
 * `search: exclude: true`).  Generated pages are found through the sharded index
 * in chi-muc/ (written by generator/search_index.py; the format is described
 * there), fetched piece by piece as queries need it and cached.
 *
 * Ranking, in tiers: pages an exact key points to ("217qdtw", "62",
 * "truongthimai") come first, then the pages related to them (a document's
 * meetings: those citing or mentioning it), then pages a key being typed
 * points to, then the rest.  Within a tier, generated pages come before the
 * hand-written ones (home, guide, about: they quote numbers and names as
 * examples), then by words.  Each word found on a page counts its
 * field's weight (title/aliases far above text) times its IDF, so that a rare
 * syllable counts more than "dân", "công" or "tác"; each pair of adjacent
 * words of the query found adjacent on the page (Vietnamese words are mostly
 * two syllables: "cảnh sát", "ngư dân") counts too, with its own IDF: a page
 * holding the words in the order typed comes before one holding them
 * scattered, and a run of them counts more the longer it is.  Every weight
 * is multiplied by a prior per kind and field (in titles, entity pages come
 * before meetings; in texts, meetings come first, as a document's text only
 * quotes them), plus a small bonus for the page's static rank (known from its
 * id).  All words must match (but words too common to filter on, and a
 * one-letter word being typed, only add to the score); if no page has them
 * all, any word will do.  The last word is matched as a prefix while it is
 * being typed.
 *
 * Marks: a result's words that match a query word, folded; a word typed with
 * diacritics marks only words spelt with the same ones ("vận" never marks
 * "Văn").  The words marked go back to Material as terms, so that with
 * search.highlight the page opened marks them as written on it.
 *
 * Plain ES2017, no build step, no request outside this site.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

/* Results a query shows (Material lists 10, then more as one scrolls).  Each
 * may sit in its own page-table shard, fetched before the answer: 20 keep
 * that to four rounds of a browser's six connections to a server. */
var MAX_RESULTS = 20;
/* Tiers, best first (see search()). */
var TIER_KEY = 4;                /* an exact key: "217qdtw", "truongthimai" */
var TIER_TITLED = 3;             /* with an exact key found, a generated page whose title holds what was typed */
var TIER_RELATED = 2;            /* a page related to one an exact key found */
var TIER_KEY_TYPED = 1;          /* "217qd" while typing "217-QĐ/TW" */
var TITLE_WEIGHT = 10;
var TEXT_WEIGHT = 1;
var PAIR_TITLE_WEIGHT = 5;       /* two adjacent words of the query, adjacent in the title */
var PAIR_TEXT_WEIGHT = 2;        /* ... in the text */
var MAX_PAIRS = 6;               /* pair look-ups a query makes at most (one shard each) */
var PREFIX_FACTOR = 0.6;         /* a completion of the word being typed */
var RANK_BONUS = 0.5;            /* best page of its kind; worst gets 0 */
var KIND_PRIOR = {                /* times the words found in titles and aliases */
  document: 1.3, person: 1.2, organization: 1.2, place: 1.2, topic: 1.2,
  year: 1.1, page: 1.15, meeting: 1.0
};
/* Times the words found in texts: a meeting's text is the record itself; other
 * pages' texts quote it (a document's: the sentences citing it) or describe. */
var TEXT_PRIOR = { meeting: 1.0 };
var OTHER_TEXT_PRIOR = 0.6;
var MAX_PREFIX_SHARDS = 3;       /* a shorter prefix matches as a whole word */
var MAX_TOKEN_LEN = 40;          /* as generator/search_index.py */
var SUMMARY_MAX = 200;

var FORMAT_VERSION = 3;         /* generator/search_index.py FORMAT_VERSION */
/* The index sits at chi-muc/ beside assets/: resolve it from this script's own
 * URL, so that a site served under a sub-path works. */
var INDEX_PATH = "../../chi-muc/";

/* ------------------------------------------------------------------ folding
 * The twin of generator.text.fold: NFC; Ð/ð (U+00D0/U+00F0, typed for Đ/đ)
 * -> Đ/đ; lower-case; đ -> d; NFD; drop every character whose canonical
 * combining class is not 0 (Python's unicodedata.combining, Unicode 14.0:
 * the class below is generated from it; tests/test_search_index.py checks it).
 */
const COMBINING = new RegExp("[" +
  "\u{300}-\u{34e}\u{350}-\u{36f}\u{483}-\u{487}\u{591}-\u{5bd}\u{5bf}" +
  "\u{5c1}-\u{5c2}\u{5c4}-\u{5c5}\u{5c7}\u{610}-\u{61a}\u{64b}-\u{65f}" +
  "\u{670}\u{6d6}-\u{6dc}\u{6df}-\u{6e4}\u{6e7}-\u{6e8}\u{6ea}-\u{6ed}" +
  "\u{711}\u{730}-\u{74a}\u{7eb}-\u{7f3}\u{7fd}\u{816}-\u{819}" +
  "\u{81b}-\u{823}\u{825}-\u{827}\u{829}-\u{82d}\u{859}-\u{85b}" +
  "\u{898}-\u{89f}\u{8ca}-\u{8e1}\u{8e3}-\u{8ff}\u{93c}\u{94d}" +
  "\u{951}-\u{954}\u{9bc}\u{9cd}\u{9fe}\u{a3c}\u{a4d}\u{abc}\u{acd}\u{b3c}" +
  "\u{b4d}\u{bcd}\u{c3c}\u{c4d}\u{c55}-\u{c56}\u{cbc}\u{ccd}\u{d3b}-\u{d3c}" +
  "\u{d4d}\u{dca}\u{e38}-\u{e3a}\u{e48}-\u{e4b}\u{eb8}-\u{eba}" +
  "\u{ec8}-\u{ecb}\u{f18}-\u{f19}\u{f35}\u{f37}\u{f39}\u{f71}-\u{f72}" +
  "\u{f74}\u{f7a}-\u{f7d}\u{f80}\u{f82}-\u{f84}\u{f86}-\u{f87}\u{fc6}" +
  "\u{1037}\u{1039}-\u{103a}\u{108d}\u{135d}-\u{135f}\u{1714}-\u{1715}" +
  "\u{1734}\u{17d2}\u{17dd}\u{18a9}\u{1939}-\u{193b}\u{1a17}-\u{1a18}" +
  "\u{1a60}\u{1a75}-\u{1a7c}\u{1a7f}\u{1ab0}-\u{1abd}\u{1abf}-\u{1ace}" +
  "\u{1b34}\u{1b44}\u{1b6b}-\u{1b73}\u{1baa}-\u{1bab}\u{1be6}" +
  "\u{1bf2}-\u{1bf3}\u{1c37}\u{1cd0}-\u{1cd2}\u{1cd4}-\u{1ce0}" +
  "\u{1ce2}-\u{1ce8}\u{1ced}\u{1cf4}\u{1cf8}-\u{1cf9}\u{1dc0}-\u{1dff}" +
  "\u{20d0}-\u{20dc}\u{20e1}\u{20e5}-\u{20f0}\u{2cef}-\u{2cf1}\u{2d7f}" +
  "\u{2de0}-\u{2dff}\u{302a}-\u{302f}\u{3099}-\u{309a}\u{a66f}" +
  "\u{a674}-\u{a67d}\u{a69e}-\u{a69f}\u{a6f0}-\u{a6f1}\u{a806}\u{a82c}" +
  "\u{a8c4}\u{a8e0}-\u{a8f1}\u{a92b}-\u{a92d}\u{a953}\u{a9b3}\u{a9c0}" +
  "\u{aab0}\u{aab2}-\u{aab4}\u{aab7}-\u{aab8}\u{aabe}-\u{aabf}\u{aac1}" +
  "\u{aaf6}\u{abed}\u{fb1e}\u{fe20}-\u{fe2f}\u{101fd}\u{102e0}" +
  "\u{10376}-\u{1037a}\u{10a0d}\u{10a0f}\u{10a38}-\u{10a3a}\u{10a3f}" +
  "\u{10ae5}-\u{10ae6}\u{10d24}-\u{10d27}\u{10eab}-\u{10eac}" +
  "\u{10f46}-\u{10f50}\u{10f82}-\u{10f85}\u{11046}\u{11070}\u{1107f}" +
  "\u{110b9}-\u{110ba}\u{11100}-\u{11102}\u{11133}-\u{11134}\u{11173}" +
  "\u{111c0}\u{111ca}\u{11235}-\u{11236}\u{112e9}-\u{112ea}" +
  "\u{1133b}-\u{1133c}\u{1134d}\u{11366}-\u{1136c}\u{11370}-\u{11374}" +
  "\u{11442}\u{11446}\u{1145e}\u{114c2}-\u{114c3}\u{115bf}-\u{115c0}" +
  "\u{1163f}\u{116b6}-\u{116b7}\u{1172b}\u{11839}-\u{1183a}" +
  "\u{1193d}-\u{1193e}\u{11943}\u{119e0}\u{11a34}\u{11a47}\u{11a99}" +
  "\u{11c3f}\u{11d42}\u{11d44}-\u{11d45}\u{11d97}\u{16af0}-\u{16af4}" +
  "\u{16b30}-\u{16b36}\u{16ff0}-\u{16ff1}\u{1bc9e}\u{1d165}-\u{1d169}" +
  "\u{1d16d}-\u{1d172}\u{1d17b}-\u{1d182}\u{1d185}-\u{1d18b}" +
  "\u{1d1aa}-\u{1d1ad}\u{1d242}-\u{1d244}\u{1e000}-\u{1e006}" +
  "\u{1e008}-\u{1e018}\u{1e01b}-\u{1e021}\u{1e023}-\u{1e024}" +
  "\u{1e026}-\u{1e02a}\u{1e130}-\u{1e136}\u{1e2ae}\u{1e2ec}-\u{1e2ef}" +
  "\u{1e8d0}-\u{1e8d6}\u{1e944}-\u{1e94a}" +
  "]", "gu");

function fold(text) {
  return String(text).normalize("NFC")
    .replace(/\u00d0/g, "\u0110").replace(/\u00f0/g, "\u0111")
    .toLowerCase()
    .replace(/\u0111/g, "d")
    .normalize("NFD")
    .replace(COMBINING, "");
}

/* A name written with an apostrophe ("K'ré"): its parts, then its letters joined
 * ("kre"), word by word as generator/search/index.py _chunk_tokens. */
var APOSTROPHE_WORD = /[0-9a-z]+(?:['\u2019\u02bc][0-9a-z]+)+/g;

function tokensOf(text) {
  var out = [];
  fold(text).split(/\s+/).forEach(function (chunk) {
    var found = chunk.match(/[0-9a-z]+/g);
    if (!found) return;
    out.push.apply(out, found);
    (chunk.match(APOSTROPHE_WORD) || []).forEach(function (word) {
      out.push(word.replace(/['\u2019\u02bc]/g, ""));
    });
  });
  return out.filter(function (t) { return t.length <= MAX_TOKEN_LEN; });
}

/* Adjacent token pairs, joined by a space: generator/search_index.py pairs(). */
function pairsOf(text) {
  var tokens = tokensOf(text);
  var out = [];
  for (var i = 1; i < tokens.length; i++) out.push(tokens[i - 1] + " " + tokens[i]);
  return out;
}

function compactKey(text) {
  return fold(text).replace(/[^0-9a-z]+/g, "");
}

/* ----------------------------------------------------------------- escaping */

var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
}

/* Words to mark: runs of anything but spaces and punctuation. */
var WORD_RE = /[^\s\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+/g;
var WORD_SEPARATORS = /[\s\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+/;

/* Vietnamese tone marks: grave, acute, tilde, hook above, dot below. */
var TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/* A word split into what a reader types: its letters with their vowel marks
 * (ă â ê ô ơ ư, and đ), lower-cased, and its tone wherever it sits, so that
 * "hoà" and "hòa", "uỷ" and "ủy" are spelt the same. */
function spelling(word) {
  var decomposed = String(word).normalize("NFC")
    .replace(/\u00d0/g, "\u0110").replace(/\u00f0/g, "\u0111")
    .toLowerCase().normalize("NFD");
  return {
    letters: decomposed.replace(TONE_MARKS, "").normalize("NFC"),
    tone: (decomposed.match(TONE_MARKS) || []).sort().join("")
  };
}

/* How a query word must be spelt on a page to be marked: null when it was
 * typed without diacritics (every word folding the same is marked), else its
 * spelling ("vận" marks "vận" and "Vận", never "văn" or "vấn"). */
function typedSpelling(word) {
  var spelt = spelling(word);
  return spelt.tone || spelt.letters !== fold(word) ? spelt : null;
}

/* Whether a word of a result (`tokens`: its folded tokens) matches query
 * word q: folded, it is q's token (or, while q is being typed, starts with
 * it); and if q was typed with diacritics, it has the same tone and letters
 * (or, while typed, letters that start with q's). */
function matchesWord(word, tokens, q) {
  var folded = tokens.some(function (t) { return q.prefix ? t.startsWith(q.token) : t === q.token; });
  if (!folded || !q.spelling || tokens.length !== 1) return folded;
  var spelt = spelling(word);
  return spelt.tone === q.spelling.tone && (q.prefix
    ? spelt.letters.startsWith(q.spelling.letters) : spelt.letters === q.spelling.letters);
}

/* 1 if `title` holds words typed with diacritics only spelt otherwise
 * (folded, "Văn" is "vận") and none as typed, else 0: then the page was found
 * by folding alone, or by its text. */
function misspelt(title, query) {
  var words = String(title).match(WORD_RE) || [];
  var otherwise = false;
  for (var i = 0; i < words.length; i++) {
    var tokens = tokensOf(words[i]);
    for (var j = 0; j < query.length; j++) {
      var q = query[j];
      if (!q.spelling) continue;
      if (matchesWord(words[i], tokens, q)) return 0;
      if (matchesWord(words[i], tokens, { token: q.token, prefix: q.prefix, spelling: null })) otherwise = true;
    }
  }
  return otherwise ? 1 : 0;
}

/* Escape `text`, wrapping in <mark> each word that matches a query word
 * (matchesWord); `found`, if given, collects the words marked, as written. */
function highlight(text, query, found) {
  text = String(text);
  var out = "";
  var last = 0;
  var match;
  WORD_RE.lastIndex = 0;
  while ((match = WORD_RE.exec(text)) !== null) {
    var word = match[0];
    var tokens = tokensOf(word);
    var hit = query.some(function (q) { return matchesWord(word, tokens, q); });
    if (hit) {
      out += escapeHTML(text.slice(last, match.index)) +
        "<mark>" + escapeHTML(word) + "</mark>";
      last = match.index + word.length;
      if (found) found.add(word);
    }
  }
  /* One mark over consecutive words, as Material's own highlighter does. */
  return (out + escapeHTML(text.slice(last))).replace(/<\/mark>(\s+)<mark>/g, "$1");
}

/* Material shows a teaser as HTML; a paragraph keeps the kind label below it. */
function teaser(text, query, found) {
  return text ? "<p>" + highlight(text, query, found) + "</p>" : "";
}

/* ------------------------------------------------------------ query parsing
 * The main thread posts the input's value verbatim (Material's own query
 * transform runs inside its worker, which we replace), so lunr's syntax may
 * arrive: +word (required: all words are), -word (excluded), word* (prefix),
 * *word, title:word, word^2, word~1.
 */
function parseQuery(raw) {
  var parts = raw.split(/\s+/).filter(Boolean);
  var typing = raw.length > 0 && !/\s$/.test(raw);   /* last word unfinished */
  var positive = new Map();   /* token -> prefix? (an exact use wins) */
  var negative = [];
  var keyParts = [];
  var pairs = new Map();      /* "a b" -> {a, b}: adjacent words, as typed */
  var previous = null;        /* the last positive token, unless a -word came between */
  parts.forEach(function (part, i) {
    var neg = false;
    if (part.length > 1 && part[0] === "-") { neg = true; part = part.slice(1); }
    else if (part[0] === "+") { part = part.slice(1); }
    part = part.replace(/^(title|text|tags):/i, "").replace(/[~^]\d*$/, "");
    var star = /\*$/.test(part);
    part = part.replace(/^\*+|\*+$/g, "");
    var tokens = tokensOf(part);
    if (neg) { negative.push.apply(negative, tokens); previous = null; return; }
    keyParts.push(part);
    var typed = typedWords(part);
    tokens.forEach(function (token, j) {
      var prefix = j === tokens.length - 1 && (star || (typing && i === parts.length - 1));
      var old = positive.get(token);
      positive.set(token, {
        prefix: old ? old.prefix && prefix : prefix,
        label: old ? old.label : typed.get(token) || token
      });
      if (previous !== null) pairs.set(previous + " " + token, { a: previous, b: token });
      previous = token;
    });
  });
  var query = [];
  positive.forEach(function (q, token) {
    query.push({
      token: token, prefix: q.prefix, label: q.label,
      spelling: q.label === token ? null : typedSpelling(q.label)
    });
  });
  return {
    query: query, negative: negative, key: compactKey(keyParts.join(" ")),
    pairs: Array.from(pairs.values())
  };
}

/* Token -> the word as typed ("truong" -> "Trương"): Material shows it as a
 * missing word and, with search.highlight, marks it on the page opened. */
function typedWords(part) {
  var out = new Map();
  part.normalize("NFC").split(WORD_SEPARATORS).forEach(function (word) {
    var tokens = tokensOf(word);
    if (tokens.length === 1 && !out.has(tokens[0])) out.set(tokens[0], word);
  });
  return out;
}

/* ------------------------------------------------------------- index access */

var cache = new Map();

function load(name, init) {
  if (!cache.has(name)) {
    var promise = Promise.resolve().then(function () {
      /* Throws where there is no http(s) base (a site opened from disk). */
      return fetch(new URL(INDEX_PATH + name, self.location.href).href, init);
    }).then(function (response) {
      if (!response.ok) throw new Error("search index: " + name + ": HTTP " + response.status);
      return response.json();
    });
    promise.catch(function () { cache.delete(name); });
    cache.set(name, promise);
  }
  return cache.get(name);
}

/* The manifest is the only file with a fixed name: revalidate it once per
 * visit; shards are named by their content and cache forever. */
function manifest() {
  return load("manifest.json", { cache: "no-cache" }).then(function (index) {
    if (index.v !== FORMAT_VERSION) throw new Error("search index: format " + index.v);
    if (index.n === undefined) {
      index.n = index.kinds.reduce(function (n, k) { return n + k[3]; }, 0);
    }
    return index;
  });
}

/* Index of the last shard whose first key is <= key (-1: none). */
function shardOf(first, key) {
  var lo = 0, hi = first.length - 1, found = -1;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1;
    if (first[mid] <= key) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
  }
  return found;
}

/* Shards holding keys that start with `prefix` ("~" sorts after [0-9a-z]). */
function shardsOf(first, prefix) {
  var start = Math.max(shardOf(first, prefix), 0);
  var end = shardOf(first, prefix + "~");
  var out = [];
  for (var i = start; i <= end; i++) out.push(i);
  return out;
}

function undelta(list) {
  var out = new Array(list.length);
  var value = 0;
  for (var i = 0; i < list.length; i++) { value += list[i]; out[i] = value; }
  return out;
}

/* Shard i of a manifest part is the file <prefix>.<hashes[i]>.json (the page
 * table's are named by number: see pageFiles). */
function loadShards(part, indexes) {
  return Promise.all(indexes.map(function (i) {
    return load(part.prefix + "." + part.hashes[i] + ".json");
  }));
}

/* The page-table files holding shards `needed`: a shard's own file
 * (<prefix>.<n>.json), or its group's (<prefix>.g<m>.json: `part.group`
 * shards) when the group holds two needed shards not fetched yet (one request
 * instead of several).  Each: {name, first shard, count}.  Named by number,
 * they are revalidated once per visit, as the manifest is. */
function pageFiles(part, needed) {
  var group = part.group || 1;
  var byGroup = new Map();
  needed.forEach(function (n) {
    var g = Math.floor(n / group);
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g).push(n);
  });
  var out = [];
  byGroup.forEach(function (shards, g) {
    function name(n) { return part.prefix + "." + n + ".json"; }
    var whole = { name: "g" + g, first: g * group, count: group };
    var missing = shards.filter(function (n) { return !cache.has(name(n)); });
    if (group > 1 && (cache.has(name(whole.name)) || missing.length > 1)) {
      out.push(whole);
    } else {
      shards.forEach(function (n) { out.push({ name: String(n), first: n, count: 1 }); });
    }
  });
  return out;
}

/* Inverse document frequency, scaled to (0, 1]: a word on every page weighs
 * ln 2 / ln(1 + N) (about 0.07 on 20,000 pages), a word on one page 1. */
function idfOf(index, df) {
  var n = Math.max(index.n, 1);
  return df > 0 ? Math.log(1 + n / df) / Math.log(1 + n) : 1;
}

/* How many pages hold a token or pair: its lists' lengths, or the count the
 * index gives after a list it has cut ([title_ids, text_ids, df]). */
function dfOf(entry) {
  return entry.length > 2 ? entry[2] : entry[0].length + entry[1].length;
}

/* For each query token: Map(page id -> weight), whether a page must contain
 * it to count as an AND match, its completions (for suggestions), and what
 * the pair look-ups and the hand-written pages need: whether it was matched
 * as a prefix after all, its document frequency (the largest of its
 * completions' too) and its IDF. */
async function lookupToken(index, q) {
  var tokens = index.tokens;
  var weights = new Map();
  var result = {
    weights: weights, required: true, completions: [], prefix: q.prefix, df: 0, maxDf: 0, idf: 1
  };
  if (!tokens.first.length) return result;
  var indexes = q.prefix ? shardsOf(tokens.first, q.token) : [shardOf(tokens.first, q.token)];
  var prefix = q.prefix;
  if (indexes.length > MAX_PREFIX_SHARDS) {
    /* Too short to expand cheaply ("t"): take the word itself, don't filter on it. */
    indexes = [Math.max(shardOf(tokens.first, q.token), 0)];
    prefix = false;
    result.required = false;
  }
  result.prefix = prefix;
  indexes = indexes.filter(function (i) { return i >= 0; });
  var shards = await loadShards(tokens, indexes);
  var bestIdf = 0;
  shards.forEach(function (shard) {
    Object.keys(shard).forEach(function (token) {
      var exact = token === q.token;
      if (!exact && !(prefix && token.startsWith(q.token))) return;
      var entry = shard[token];
      var df = dfOf(entry);
      var idf = idfOf(index, df);
      var factor = (exact ? 1 : PREFIX_FACTOR) * idf;
      if (exact) {
        result.df = df;
        keepTitles(result, entry);
      }
      result.maxDf = Math.max(result.maxDf, df);
      bestIdf = Math.max(bestIdf, idf);
      if (entry.length > 2) result.required = false;   /* too common to filter on */
      var inTitle = undelta(entry[0]);
      if (!exact) result.completions.push({ token: token, titles: inTitle });
      add(index, weights, undelta(entry[1]), TEXT_WEIGHT * factor, false);
      add(index, weights, inTitle, TITLE_WEIGHT * factor, true);
    });
  });
  /* A word the index lacks is as rare as can be (it may be on a hand-written page). */
  result.idf = result.df ? idfOf(index, result.df) : bestIdf || 1;
  return result;
}

/* Pages holding two adjacent words of the query adjacent (the second as a
 * prefix while it is being typed): Map(page id -> weight), and the pair's IDF. */
async function lookupPair(index, pair, prefix) {
  var part = index.pairs;
  var key = pair.a + " " + pair.b;
  var weights = new Map();
  var result = { a: pair.a, b: pair.b, key: key, prefix: prefix, weights: weights, idf: 1 };
  var indexes = prefix ? shardsOf(part.first, key) : [shardOf(part.first, key)];
  if (indexes.length > MAX_PREFIX_SHARDS) {
    /* Too many completions to read ("co s" in "cơ s|"): the pair as typed. */
    prefix = result.prefix = false;
    indexes = [shardOf(part.first, key)];
  }
  indexes = indexes.filter(function (i) { return i >= 0; });
  var shards = await loadShards(part, indexes);
  var bestIdf = 0;
  shards.forEach(function (shard) {
    Object.keys(shard).forEach(function (k) {
      var exact = k === key;
      if (!exact && !(prefix && k.startsWith(key))) return;
      var entry = shard[k];
      var idf = idfOf(index, dfOf(entry));
      var factor = (exact ? 1 : PREFIX_FACTOR) * idf;
      bestIdf = Math.max(bestIdf, exact ? idf : idf * PREFIX_FACTOR);
      if (exact) keepTitles(result, entry);
      add(index, weights, undelta(entry[1]), PAIR_TEXT_WEIGHT * factor, false);
      add(index, weights, undelta(entry[0]), PAIR_TITLE_WEIGHT * factor, true);
    });
  });
  result.idf = bestIdf || 1;
  return result;
}

/* The pages holding a word or pair (as typed, not a completion) in their title,
 * and whether that list is whole (not cut at its cap, as a common word's is). */
function keepTitles(result, entry) {
  result.titles = new Set(undelta(entry[0]));
  result.titlesWhole = entry.length === 2;
}

/* A pair look-up's name: "dan van", or "dan va*" for the second word's completions. */
function pairName(pair, prefix) {
  return pair.a + " " + pair.b + (prefix ? "*" : "");
}

/* What a page's pairs add, given their weights in the query's order: a run
 * of consecutive pairs found on the page ("canh sat", "sat bien", "bien dong"
 * for "cảnh sát biển đồng") counts as many times as it has pairs, so that the
 * page holding the longest stretch of the query in its order comes first (as
 * rankers that score the longest common subsequence of query and page do);
 * scattered pairs count once. */
function pairScore(pairs, weightOf) {
  var total = 0, run = 0, sum = 0;
  for (var i = 0; i < pairs.length; i++) {
    var w = weightOf(i);
    if (w > 0 && run > 0 && pairs[i - 1].b === pairs[i].a) { run += 1; sum += w; continue; }
    total += run * sum;
    run = w > 0 ? 1 : 0;
    sum = w;
  }
  return total + run * sum;
}

/* The query's pairs the index may hold: it holds a pair only when both its
 * words are on at least `pairs.min` pages (a rarer word picks out its few
 * pages by itself); first pairs first, at most MAX_PAIRS. */
function indexedPairs(index, parsed, lookups) {
  var part = index.pairs;
  if (!part || !part.first.length) return [];
  var byToken = new Map();
  parsed.query.forEach(function (q, i) { byToken.set(q.token, lookups[i]); });
  return parsed.pairs.filter(function (pair) {
    var a = byToken.get(pair.a), b = byToken.get(pair.b);
    return a && b && a.df >= part.min && (b.prefix ? b.maxDf : b.df) >= part.min;
  }).slice(0, MAX_PAIRS).map(function (pair) {
    return { a: pair.a, b: pair.b, prefix: byToken.get(pair.b).prefix };
  });
}

/* Give `ids` (increasing) `weight` times their kind's prior for the field. */
function add(index, weights, ids, weight, inTitle) {
  var kinds = index.kinds;
  var k = 0;
  for (var i = 0; i < ids.length; i++) {
    while (k < kinds.length - 1 && ids[i] >= kinds[k][2] + kinds[k][3]) k++;
    var w = weight * prior(kinds[k][0], inTitle);
    var old = weights.get(ids[i]);
    if (old === undefined || old < w) weights.set(ids[i], w);
  }
}

function prior(kind, inTitle) {
  if (inTitle) return KIND_PRIOR[kind] || 1;
  return kind in TEXT_PRIOR ? TEXT_PRIOR[kind] : OTHER_TEXT_PRIOR;
}

/* Exact keys -> page ids; also keys the query begins while it is being
 * typed ("217qd" for 217-QĐ/TW, "truongthim" for Trương Thị Mai): from three
 * characters with a digit (document numbers), else from six (names; "dan"
 * alone would pull in Đà Nẵng).  Not meetings' keys: they start with dates,
 * and "2018" must not favour every meeting of 2018; nor the hand-written
 * pages' (their titles and headings), which count only when typed whole. */
async function lookupKey(index, key) {
  var exact = new Set();
  var partial = new Set();
  var keys = index.keys;
  if (!key || !keys.first.length) return { exact: exact, partial: partial };
  var wantPrefix = key.length >= 6 || (key.length >= 3 && /[0-9]/.test(key));
  var indexes = wantPrefix ? shardsOf(keys.first, key).slice(0, 2) : [shardOf(keys.first, key)];
  indexes = indexes.filter(function (i) { return i >= 0; });
  var shards = await loadShards(keys, indexes);
  shards.forEach(function (shard) {
    if (Object.prototype.hasOwnProperty.call(shard, key))
      shard[key].forEach(function (id) { exact.add(id); });
    if (wantPrefix)
      Object.keys(shard).forEach(function (k) {
        if (k !== key && k.startsWith(key))
          shard[k].forEach(function (id) {
            var kind = kindOf(index, id)[0];
            if (kind !== "meeting" && kind !== "page") partial.add(id);
          });
      });
  });
  return { exact: exact, partial: partial };
}

/* The pages to show right after those an exact key found (a document's
 * meetings): the index's related part, read only for pages that may have
 * some (ids up to its `last`), one small shard each. */
async function lookupRelated(index, found) {
  var out = new Set();
  var part = index.related;
  if (!part || !part.first.length) return out;
  var ids = Array.from(found).filter(function (id) { return id <= part.last; });
  var indexes = Array.from(new Set(ids.map(function (id) { return shardOf(part.first, id); })))
    .filter(function (i) { return i >= 0; });
  var shards = await loadShards(part, indexes);
  shards.forEach(function (shard) {
    ids.forEach(function (id) {
      if (!Object.prototype.hasOwnProperty.call(shard, id)) return;
      undelta(shard[id]).forEach(function (r) { if (!found.has(r)) out.add(r); });
    });
  });
  return out;
}

function kindOf(index, id) {
  var kinds = index.kinds;
  for (var i = 0; i < kinds.length; i++) {
    var k = kinds[i];
    if (id >= k[2] && id < k[2] + k[3]) return k;
  }
  return ["page", "", id, 1];
}

/* The page whose section `id` is (manifest "sections": runs of
 * [page id, first section id, count]); `id` itself for a page with sections;
 * -1 for any other page. */
function parentOf(index, id) {
  var runs = index.sections || [];
  for (var i = 0; i < runs.length; i++) {
    if (runs[i][0] === id || (id >= runs[i][1] && id < runs[i][1] + runs[i][2])) return runs[i][0];
  }
  return -1;
}

/* Index results that are a page or its sections, as one result: the page
 * first, then its sections best first (as Material shows them). */
function groupSections(index, scored) {
  var groups = new Map();
  var out = scored.filter(function (r) {
    var parent = parentOf(index, r.id);
    if (parent < 0) return true;
    var group = groups.get(parent);
    if (!group) {
      group = { id: parent, kind: r.kind, tier: 0, score: 0, terms: null, best: r, page: null, sections: [] };
      groups.set(parent, group);
    }
    if (r.id === parent) group.page = r; else group.sections.push(r);
    if (r.tier > group.tier || (r.tier === group.tier && r.score > group.score)) group.best = r;
    group.tier = Math.max(group.tier, r.tier);
    group.score = Math.max(group.score, r.score);
    return false;
  });
  groups.forEach(function (group) {
    group.sections.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    out.push(group);
  });
  return out;
}

/* ------------------------------------------------------ hand-written pages */

var handDocs = [];
var handReady = null;

function stripHTML(html) {
  return String(html).replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
    .replace(/&#39;/g, "'").replace(/&nbsp;/g, " ").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ").trim();
}

function prepareHandDocs() {
  if (handReady) return handReady;
  handReady = handDocs.map(function (doc) {
    var text = stripHTML(doc.text || "");
    var title = stripHTML(doc.title || "");
    return {
      location: String(doc.location || ""),
      title: title,
      text: text,
      key: compactKey(title),
      titleTokens: new Set(tokensOf(title)),
      textTokens: new Set(tokensOf(text)),
      titlePairs: new Set(pairsOf(title)),
      textPairs: new Set(pairsOf(text))
    };
  });
  return handReady;
}

/* A hand-written page's weight for a word (or, with `pairs`, for a pair of
 * adjacent words), scored as the index's pages are: the field's weight times
 * `idf`, the IDF the index gives the word or pair. */
function fieldWeight(doc, q, idf, pairs) {
  var best = 0;
  function consider(set, weight) {
    if (set.has(q.token)) { best = Math.max(best, weight); return; }
    if (!q.prefix) return;
    set.forEach(function (t) {
      if (t.startsWith(q.token)) best = Math.max(best, weight * PREFIX_FACTOR);
    });
  }
  if (pairs) {
    consider(doc.textPairs, PAIR_TEXT_WEIGHT * prior("page", false));
    consider(doc.titlePairs, PAIR_TITLE_WEIGHT * prior("page", true));
  } else {
    consider(doc.textTokens, TEXT_WEIGHT * prior("page", false));
    consider(doc.titleTokens, TITLE_WEIGHT * prior("page", true));
  }
  return best * idf;
}

/* ---------------------------------------------------------------- searching */

/* The k first of `items` in the order of `compare`, as a stable sort would
 * give them, without sorting the thousands of pages a common word finds. */
function best(items, k, compare) {
  var out = [];
  items.forEach(function (item) {
    if (out.length === k && compare(item, out[k - 1]) >= 0) return;
    var j = out.length < k ? out.length : k - 1;
    while (j > 0 && compare(item, out[j - 1]) < 0) { out[j] = out[j - 1]; j--; }
    out[j] = item;
  });
  return out;
}

function truncate(text, limit) {
  if (text.length <= limit) return text;
  var cut = text.slice(0, limit - 1);
  var space = cut.lastIndexOf(" ");
  if (space > limit / 2) cut = cut.slice(0, space);
  return cut + "…";
}

/* Thrown when a newer query arrived while this one was fetching: its answer
 * would never be shown, so it fetches nothing more. */
var OVERTAKEN = {};

async function search(raw, overtaken) {
  function check(value) {
    if (overtaken()) throw OVERTAKEN;
    return value;
  }
  var parsed = parseQuery(raw);
  var query = parsed.query;
  if (!query.length && !parsed.key) return { items: [] };

  var index = null;
  try {
    index = await manifest();
  } catch (err) {
    console.warn("bienban search: index unavailable, searching this site's own pages only", err);
  }
  check();

  /* Generated pages: keys and words, fetched in parallel; as soon as the keys
   * are in, the pages related to those found (a document's meetings); as soon
   * as the words are in, the pairs of adjacent words the index may hold (known
   * from the words' frequencies).  Each step waits only for what it needs. */
  var lookups = [];
  var pairLookups = [];
  var keyHits = { exact: new Set(), partial: new Set() };
  var related = new Set();
  var negative = new Set();
  if (index) {
    /* The query's first pairs are fetched with its words, not after them: the
     * index most often holds them, and a round trip costs more than a shard
     * left unread.  Not a pair whose second word is one or two letters being
     * typed: its completions span many shards, and the index rarely has it. */
    var early = new Map();
    parsed.pairs.slice(0, MAX_PAIRS).forEach(function (pair) {
      var b = query.find(function (q) { return q.token === pair.b; });
      var prefix = Boolean(b && b.prefix);
      if (prefix && pair.b.length < 3) return;
      early.set(pairName(pair, prefix), lookupPair(index, pair, prefix));
    });
    var results = check(await Promise.all([
      lookupKey(index, parsed.key).then(function (hits) {
        check();
        return Promise.all([hits, lookupRelated(index, hits.exact)]);
      }),
      Promise.all(query.map(function (q) { return lookupToken(index, q); })).then(function (found) {
        check();
        return Promise.all([found, Promise.all(indexedPairs(index, parsed, found).map(function (pair) {
          return early.get(pairName(pair, pair.prefix)) || lookupPair(index, pair, pair.prefix);
        }))]);
      }),
      Promise.all(parsed.negative.map(function (t) {
        return lookupToken(index, { token: t, prefix: false });
      }))
    ]));
    keyHits = results[0][0];
    related = results[0][1];
    lookups = results[1][0];
    pairLookups = results[1][1];
    results[2].forEach(function (l) { l.weights.forEach(function (_, id) { negative.add(id); }); });
  }

  /* Hand-written pages: the same scoring, on words taken from SETUP's docs. */
  var hand = prepareHandDocs().map(function (doc) {
    return {
      doc: doc,
      weights: query.map(function (q, i) {
        return fieldWeight(doc, q, lookups[i] ? lookups[i].idf : 1, false);
      }),
      pairs: pairScore(pairLookups, function (i) {
        var p = pairLookups[i];
        return fieldWeight(doc, { token: p.key, prefix: p.prefix }, p.idf, true);
      })
    };
  }).filter(function (h) {
    return h.weights.some(function (w) { return w > 0; }) || (parsed.key && h.doc.key === parsed.key);
  });

  /* AND over the words a page must contain; OR if no page has them all. */
  var required = [];
  lookups.forEach(function (l, i) { if (l.required) required.push(i); });
  function isAnd(has) {
    return required.length > 0 && required.every(function (i) { return has(i); });
  }
  var andIds = [];
  if (required.length) {
    var smallest = required.reduce(function (a, b) {
      return lookups[a].weights.size <= lookups[b].weights.size ? a : b;
    });
    lookups[smallest].weights.forEach(function (_, id) {
      if (isAnd(function (i) { return lookups[i].weights.has(id); })) andIds.push(id);
    });
  }
  var handAnd = hand.filter(function (h) {
    return isAnd(function (i) { return h.weights[i] > 0; });
  });
  var mode = andIds.length || handAnd.length || !required.length ? "and" : "or";

  var candidates = new Set();
  if (mode === "and" && required.length) {
    andIds.forEach(function (id) { candidates.add(id); });
  } else {
    lookups.forEach(function (l) { l.weights.forEach(function (_, id) { candidates.add(id); }); });
  }
  keyHits.exact.forEach(function (id) { candidates.add(id); });
  keyHits.partial.forEach(function (id) { candidates.add(id); });
  related.forEach(function (id) { candidates.add(id); });
  if (mode === "and" && required.length) hand = handAnd;

  /* Tiers: an exact key; then, with one found, the pages whose title holds
   * what was typed (the meetings named for a document: "Tổng kết 10 năm thực
   * hiện Quyết định 217-QĐ/TW") and the pages related to what it found (a
   * document's newest meetings), each newest first; a key being typed; words
   * only.  A tier is never overtaken by word scores, however many words and
   * pairs match: "Quyết định 218-QĐ/TW" in a title holds "QĐ" and "TW" of
   * "217-QĐ/TW", which say nothing of which document a meeting is about. */
  var scored = [];
  function pairWeight(id) {
    return function (i) { return pairLookups[i].weights.get(id) || 0; };
  }
  /* Every word and pair typed whose title list is whole (a common one's is cut)
   * is in the page's title, and there is at least one such. */
  var whole = lookups.concat(pairLookups).filter(function (l) { return l.titles && l.titlesWhole; });
  function titleHolds(id) {
    return whole.length > 0 && whole.every(function (l) { return l.titles.has(id); });
  }
  candidates.forEach(function (id) {
    if (negative.has(id)) return;
    var kind = kindOf(index, id);
    var words = 0;
    for (var i = 0; i < lookups.length; i++) words += lookups[i].weights.get(id) || 0;
    if (pairLookups.length) words += pairScore(pairLookups, pairWeight(id));
    var score = words + RANK_BONUS * (1 - (id - kind[2]) / kind[3]);
    var tier = keyHits.exact.has(id) ? TIER_KEY
      : keyHits.exact.size && kind[0] !== "page" && titleHolds(id) ? TIER_TITLED
      : related.has(id) ? TIER_RELATED
      : keyHits.partial.has(id) ? TIER_KEY_TYPED : 0;
    scored.push({ id: id, kind: kind, tier: tier, score: score, terms: null });
  });
  if (index) scored = groupSections(index, scored);

  /* Hand-written pages and their sections, grouped under the page. */
  var groups = new Map();
  hand.forEach(function (h) {
    var doc = h.doc;
    if (negative.size && parsed.negative.some(function (t) {
      return doc.titleTokens.has(t) || doc.textTokens.has(t);
    })) return;
    var score = h.weights.reduce(function (a, b) { return a + b; }, h.pairs);
    var tier = doc.key && doc.key === parsed.key ? TIER_KEY : 0;
    var terms = {};
    query.forEach(function (q, i) { terms[q.label] = h.weights[i] > 0; });
    var page = doc.location.split("#")[0];
    if (!groups.has(page)) groups.set(page, { hand: true, tier: 0, score: 0, page: null, sections: [] });
    var group = groups.get(page);
    var item = { doc: doc, score: score, terms: terms };
    if (doc.location === page) group.page = item; else group.sections.push(item);
    group.score = Math.max(group.score, score);
    group.tier = Math.max(group.tier, tier);
  });
  groups.forEach(function (group) { scored.push(group); });

  /* Within a tier, the generated pages (documents, meetings, people, bodies,
   * places, topics, years) before the hand-written ones: the guide and the
   * home page quote numbers and names as examples, and would otherwise come
   * up for every query.  A hand-written page comes first when its title is
   * what was typed (its key: "giới thiệu"). */
  var top = best(scored, MAX_RESULTS, function (a, b) {
    if (b.tier !== a.tier) return b.tier - a.tier;
    if (isHandWritten(a) !== isHandWritten(b)) return isHandWritten(a) ? 1 : -1;
    if ((a.tier === TIER_TITLED || a.tier === TIER_RELATED) && !a.hand && !b.hand) return a.id - b.id;
    if (b.score !== a.score) return b.score - a.score;
    if (a.hand !== b.hand) return a.hand ? 1 : -1;
    return a.hand ? 0 : a.id - b.id;
  });
  /* Which words each result shown holds (Material strikes out the others). */
  top.forEach(function (r) {
    if (r.hand) return;
    var members = r.sections ? r.sections.concat(r.page ? [r.page] : []) : [];
    members.forEach(function (m) { m.terms = termsOf(m); });
    r.terms = termsOf(r.sections ? r.best : r);
  });
  function termsOf(r) {
    var terms = {};
    lookups.forEach(function (l, i) { terms[query[i].label] = r.tier > 0 || l.weights.has(r.id); });
    return terms;
  }

  /* Page data for the results shown: only the shards they sit in. */
  var rows = new Map();
  check();
  if (index) {
    var size = index.pages.size;
    var needed = new Set();
    top.forEach(function (r) {
      if (r.hand) return;
      needed.add(Math.floor(r.id / size));
      (r.sections || []).forEach(function (s) { needed.add(Math.floor(s.id / size)); });
    });
    var files = pageFiles(index.pages, needed);
    var loaded = check(await Promise.all(files.map(function (f) {
      return load(index.pages.prefix + "." + f.name + ".json", { cache: "no-cache" });
    })));
    files.forEach(function (f, i) {
      for (var k = 0; k < f.count; k++) rows.set(f.first + k, loaded[i].slice(k * size, (k + 1) * size));
    });
  }

  /* A hand-written page may be in both Material's docs and our index. */
  var seen = new Set();
  var shown = [];
  top.forEach(function (r) {
    var group = toGroup(r);
    var page = group[0].location;
    if (seen.has(page)) return;
    seen.add(page);
    shown.push({ r: r, group: group, misspelt: misspelt(titleOf(r), query) });
  });
  /* The index folds: "vận" finds "Bùi Văn Bia" by his title.  A result whose
   * title holds words typed with diacritics only spelt otherwise comes after
   * the others of its tier (a stable sort keeps the order otherwise). */
  shown.sort(function (a, b) {
    if (b.r.tier !== a.r.tier) return b.r.tier - a.r.tier;
    if (isHandWritten(a.r) !== isHandWritten(b.r)) return isHandWritten(a.r) ? 1 : -1;
    return a.misspelt - b.misspelt;
  });
  var items = shown.map(function (s) { return s.group; });

  function rowOf(id) {
    var size = index.pages.size;
    return rows.get(Math.floor(id / size))[id % size];
  }

  function titleOf(r) {
    if (!r.hand) return rowOf(r.id)[1];
    return (r.page || r.sections[0]).doc.title;
  }

  function indexItem(id, r, tags) {
    var row = rowOf(id);
    var inTitle = new Set(), inText = new Set();
    var item = {
      location: row[0],
      title: highlight(row[1], query, inTitle),
      text: teaser(row[2], query, inText),
      score: r.score,
      terms: withWordsMarked(r.terms, inTitle, inText)
    };
    if (tags) item.tags = tags;
    return item;
  }

  function toGroup(r) {
    if (r.hand) return handGroup(r, query);
    /* A hand-written page's sections follow it, as Material lists them. */
    var items = [indexItem(r.id, r.page || r, [r.kind[1]])];
    (r.sections || []).forEach(function (s) { items.push(indexItem(s.id, s, null)); });
    return items;
  }

  var result = { items: items };
  if (options.suggest) result.suggest = suggestion(query, lookups, top);
  return result;
}

/* A hand-written page: from SETUP's docs, or the index's "page" kind. */
function isHandWritten(r) {
  return r.hand === true || r.kind[0] === "page";
}

function handGroup(group, query) {
  var items = [];
  var page = group.page;
  if (!page) {
    /* A section matched: Material needs its page first. */
    var location = group.sections[0].doc.location.split("#")[0];
    var doc = prepareHandDocs().find(function (d) { return d.location === location; }) ||
      { location: location, title: group.sections[0].doc.title, text: "" };
    page = { doc: doc, score: group.score, terms: group.sections[0].terms };
  }
  items.push(handItem(page, query, group.score));
  group.sections.sort(function (a, b) { return b.score - a.score; }).forEach(function (s) {
    items.push(handItem(s, query, s.score));
  });
  return items;
}

function handItem(item, query, score) {
  var inTitle = new Set(), inText = new Set();
  return {
    location: item.doc.location,
    title: highlight(item.doc.title, query, inTitle),
    text: teaser(truncate(item.doc.text, SUMMARY_MAX), query, inText),
    score: score,
    terms: withWordsMarked(item.terms, inTitle, inText)
  };
}

/* A result's terms: the words typed (false: not on the page, which Material
 * shows struck out) and, for the page opened, the words to mark there (true).
 * With search.highlight, Material marks those as written, anywhere in a word
 * (its own code, which folds nothing): so the words marked in the result's
 * title as written there stand for the words typed ("nguyen van hung" marks
 * "Nguyễn Văn Hùng"; "hung" would mark "c-hung" of "chung", and a teaser's
 * "vận", which "van" also matches, every "Dân vận" of the page).  Only a
 * result whose title marks nothing gives its teaser's words, and a word typed
 * that neither marks stays as typed. */
function withWordsMarked(terms, inTitle, inText) {
  var marked = inTitle.size ? inTitle : inText;
  var out = {};
  var seen = new Set();
  Object.keys(terms).forEach(function (term) {
    if (terms[term] && marked.size) return;  /* found: its words as written stand for it */
    out[term] = terms[term];
    seen.add(term.toLowerCase());
  });
  marked.forEach(function (word) {
    if (seen.has(word.toLowerCase())) return;
    seen.add(word.toLowerCase());
    out[word] = true;
  });
  return out;
}

/* Completion of the word being typed (Material's search.suggest): the one in
 * the titles of most of the first ten results, then in most titles. */
function suggestion(query, lookups, top) {
  var last = query.length - 1;
  if (last < 0 || !query[last].prefix || !lookups[last]) return [];
  var shown = new Set();
  top.slice(0, 10).forEach(function (r) { if (!r.hand) shown.add(r.id); });
  var best = null;
  lookups[last].completions.forEach(function (c) {
    var hits = c.titles.filter(function (id) { return shown.has(id); }).length;
    var better = !best || hits > best.hits ||
      (hits === best.hits && (c.titles.length > best.df ||
        (c.titles.length === best.df && c.token < best.token)));
    if (better) best = { token: c.token, hits: hits, df: c.titles.length };
  });
  return best ? [best.token] : [];
}

/* ---------------------------------------------------------------- messages */

var options = {};
var latest = 0;

/* Read by tests (tests/test_search_worker.py): the last query answered, the
 * pages it returned, and the folding and splitting functions. */
self.bienbanSearch = {
  answered: null, locations: [], fold: fold, compactKey: compactKey, tokens: tokensOf,
  pairs: pairsOf
};

self.addEventListener("message", function (ev) {
  var message = ev.data || {};
  switch (message.type) {
    case SETUP:
      var data = message.data || {};
      handDocs = Array.isArray(data.docs) ? data.docs : [];
      handReady = null;
      options = data.options || {};
      self.postMessage({ type: READY });
      /* Every query starts with the manifest: fetch it now, while the reader
       * has yet to type (29 KB at 10,000 meetings, where Material's own index
       * of the hand-written pages took 200 KB on every page). */
      manifest().catch(function () { /* the first query will say why */ });
      break;

    case QUERY:
      /* Each query starts at once (a key typed while the last one still waits
       * for its files must not wait behind it; they share the files fetched),
       * and only the newest is answered: one overtaken stops at its next step
       * and sends nothing, so results never arrive out of order. */
      var seq = ++latest;
      var raw = String(message.data == null ? "" : message.data);
      (async function () {
        var result;
        try {
          result = await search(raw, function () { return seq !== latest; });
        } catch (err) {
          if (err === OVERTAKEN) return;
          console.warn("bienban search: " + raw, err);
          result = { items: [] };
        }
        if (seq !== latest) return;
        self.bienbanSearch.answered = raw;
        self.bienbanSearch.locations = result.items.map(function (g) { return g[0].location; });
        self.postMessage({ type: RESULT, data: result });
      })();
      break;

    default:
      break;
  }
});
