// The one redaction of secrets (the API key; the contract check's keys too) from anything a
// server, a fetch or a caller hands back: applied before any cut, escaping or parse, so that
// no later step can split or re-encode a key past it. It knows the key as is, in any letter
// case, percent-encoded (once or twice, any hex case), form-, JSON-, PHP-, \u-, \x- and
// octal-escaped, as XML or HTML entities, as hex, in base64, in UTF-16 read as UTF-8, and as a
// JSON number of any length.
import { read } from "./response.js";

export const REDACTED = "[redacted]";
/**
 * A key shorter than this is not a secret (e.g. `k` against the mock), and replacing it would
 * rewrite ordinary words: it is left as it is.
 */
const MIN_SECRET_LENGTH = 8;
/** Server text quoted in a message is cut to this many characters; the whole is on `body`. */
const MAX_QUOTED = 200;

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
/** HTML5's named references of printable ASCII characters (PHP's htmlentities writes them with ENT_HTML5). */
const NAMED_ENTITIES: Record<string, string> = {
  "!": "excl", '"': "quot", "#": "num", $: "dollar", "%": "percnt", "&": "amp", "'": "apos", "(": "lpar", ")": "rpar",
  "*": "ast|midast", "+": "plus", ",": "comma", ".": "period", "/": "sol", ":": "colon", ";": "semi", "<": "lt",
  "=": "equals", ">": "gt", "?": "quest", "@": "commat", "[": "lsqb|lbrack", "\\": "bsol", "]": "rsqb|rbrack",
  "^": "hat", _: "lowbar|underbar", "`": "grave|diacriticalgrave", "{": "lcub|lbrace", "|": "verbar|vert|verticalline",
  "}": "rcub|rbrace",
};

/**
 * Every way one character of a key can be written by an encoder a server might use. Escapes
 * come behind any number of backslashes (JSON in JSON): the key's first character takes that
 * run only from its start, so that a run of N backslashes is scanned once, not from each of
 * its N backslashes (which is quadratic), and no backslash is left to escape the replacement.
 */
function characterForms(character: string, first: boolean): string {
  const code = character.charCodeAt(0);
  const hex = code.toString(16);
  const entity = "&(?:amp;)*"; // an entity, XML-escaped again any number of times
  const escapes = [`u${hex.padStart(4, "0")}`, `u\\{0*${hex}\\}`, `x${hex.padStart(2, "0")}`, `0*${code.toString(8)}`]; // \u0041 \u{41} \x41 \101
  if (`"/'`.includes(character)) escapes.push(escapeRegExp(character)); // \" and PHP's \/ (a backslash's \\ is a run: backslashesForms)
  const forms = [
    `${first ? "(?<!\\\\)" : ""}\\\\+(?:${escapes.join("|")})`,
    `${entity}#0*${code};?`, // HTML5 reads a numeric reference without its ; too
    `${entity}#x0*${hex};?`,
  ];
  if (character !== "\\") forms.unshift(escapeRegExp(character));
  if (code < 0x80) forms.push(`%(?:25)*${hex.padStart(2, "0")}`); // percent-encoded, also twice (%2541)
  const named = NAMED_ENTITIES[character];
  if (named) forms.push(`${entity}(?:${named});?`); // HTML5 reads some without their ; too
  return `(?:${forms.join("|")})`;
}

/**
 * The key's base64 (and base64url) at each of the three byte alignments it can have in a longer
 * text, lower-cased (they are compared so, as every other form is).
 */
function base64Forms(key: string): string[] {
  if (!/^[\0-\xff]*$/.test(key)) return []; // btoa takes Latin-1 only
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = btoa("\0".repeat(shift) + key);
    // Only the characters whose six bits all come from the key.
    const first = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + key.length)) / 6);
    const core = encoded.slice(first, end).toLowerCase();
    forms.push(core, core.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return forms;
}

/**
 * How a server may write a key's base64 into its text besides as is, and what each stands for:
 * with MIME's line breaks (raw, or JSON-escaped any number of times) anywhere, and its "/" and
 * "+" escaped (PHP's `\/`, `\u002F`, percent-encoded). An escape is taken from the start of its
 * run of backslashes only: from each of them, a long run would be scanned again and again
 * (quadratic).
 */
const LINE_BREAK = String.raw`\r?\n|(?<!\\)\\+r\\+n|(?<!\\)\\+n`;
const ESCAPED_SLASH = String.raw`(?<!\\)\\+\/|(?<!\\)\\+u002f|%(?:25)*2f`;
const ESCAPED_PLUS = String.raw`(?<!\\)\\+u002b|%(?:25)*2b`;
const BASE64_CHARACTER = "[A-Za-z0-9+/_-]";
const BASE64_UNWRITTEN = ([[LINE_BREAK, ""], [ESCAPED_SLASH, "/"], [ESCAPED_PLUS, "+"]] as const).map(([pattern, meaning]) => [new RegExp(pattern, "gi"), meaning] as const);
/** Where a run of base64 can start: a character of it, or an escaped one. */
const BASE64_RUN_START = new RegExp(`${BASE64_CHARACTER}|${ESCAPED_SLASH}|${ESCAPED_PLUS}`, "gi");
/** What a run of base64 goes on with: characters or escaped ones (captured), or a line break. */
const BASE64_RUN_STEP = new RegExp(`(${BASE64_CHARACTER}+|${ESCAPED_SLASH}|${ESCAPED_PLUS})|${LINE_BREAK}`, "iy");

/**
 * Calls `visit` with where each run of base64 in `text` starts and ends, until it returns true.
 * Linear, and each step is code, not a regex loop: V8's backtracking stack overflows on a regex
 * that repeats per line of a body with millions of them. (Written into the key's pattern instead,
 * a break allowed between any two characters, the regex took 30 to 80 ms to compile per key.)
 */
function eachBase64Run(text: string, visit: (start: number, end: number) => boolean): boolean {
  BASE64_RUN_START.lastIndex = 0;
  for (let found = BASE64_RUN_START.exec(text); found; found = BASE64_RUN_START.exec(text)) {
    let end = BASE64_RUN_START.lastIndex;
    // A line break ends a run unless more of it follows.
    for (let at = end; ; ) {
      BASE64_RUN_STEP.lastIndex = at;
      const step = BASE64_RUN_STEP.exec(text);
      if (!step) break;
      at = BASE64_RUN_STEP.lastIndex;
      if (step[1] !== undefined) end = at;
    }
    if (visit(found.index, end)) return true;
    BASE64_RUN_START.lastIndex = end;
  }
  return false;
}

/** The text as the base64 it may hold: line breaks out, escapes unescaped. A key's base64 in a run is then in it whole. */
const unwritten = (text: string) => BASE64_UNWRITTEN.reduce((joined, [pattern, meaning]) => joined.replace(pattern, meaning), text);

/** The start of a run that follows an odd run of backslashes is an escape's, kept so that JSON stays JSON: \u0027, \x27, \n. */
function escapeAt(text: string, start: number): string {
  let backslashes = 0;
  while (text[start - 1 - backslashes] === "\\") backslashes++;
  return backslashes % 2 === 1 ? (/^(?:u[0-9a-f]{4}|x[0-9a-f]{2}|[^])/i.exec(text.slice(start, start + 5))?.[0] ?? "") : "";
}

/**
 * A run of `count` backslashes of the key: as is, or escaped any number of times (a longer run),
 * taken whole (an atomic group), so that the next character's escapes cannot backtrack against
 * it (quadratic); or each of them written in another form.
 */
function backslashesForms(count: number, first: boolean, name: string): string {
  const bare = `(?=(?<${name}>\\\\{${count},}))\\k<${name}>`;
  return `${first ? "(?<!\\\\)" : ""}(?:${bare}|(?:${characterForms("\\", false)}){${count}})`;
}

function keyPattern(key: string, id: number): string {
  const characters = key.split("");
  const bytes = Array.from(new TextEncoder().encode(key));
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return [
    (key.match(/\\+|[^\\]/g) ?? [])
      .map((token, index) => (token[0] === "\\" ? backslashesForms(token.length, index === 0, `run${id}_${index}`) : characterForms(token, index === 0)))
      .join(""),
    // Its bytes as a list of numbers (Node's Buffer in JSON: {"type":"Buffer","data":[115,107,...]}).
    bytes.join(",\\s*"),
    // An ASCII key in UTF-16 (LE or BE) read as UTF-8: a NUL, or a JSON-escaped one, between characters.
    (key[0] === "\\" ? "(?<!\\\\)" : "") + characters.map(escapeRegExp).join("(?:\\x00|\\\\+u0000)"),
    escapeRegExp(hex),
  ].join("|");
}

export type Redactor = ReturnType<typeof redactor>;

export function redactor(secrets: readonly string[]) {
  const keys = secrets.filter((key) => key.length >= MIN_SECRET_LENGTH);
  const pattern = keys.length > 0 ? new RegExp(keys.map(keyPattern).join("|"), "gi") : undefined;
  const base64 = [...new Set(keys.flatMap(base64Forms))];
  const shortest = Math.min(...base64.map((form) => form.length));
  // An all-digit key can come back as a JSON number in any notation (4.8e12).
  const numeric = keys.some((key) => /^\d+$/.test(key));
  // Written out, a number is searched for the key itself only: an all-digit key's base64 has an
  // M, N or O in every four characters, which no number has.
  const inNumber = (token: string) => has(token) || (numeric && matches(expanded(token)));
  /** Whether a run of base64 holds a key's base64: the whole run is then replaced (its edges hold bits of the key too). */
  const inBase64 = (joined: string) => {
    if (joined.length < shortest) return false;
    const lower = joined.toLowerCase();
    return base64.some((form) => lower.includes(form));
  };
  // The run by run scan only when the text joined whole holds a key's base64: it is slow on a body of millions of lines.
  const mayHoldBase64 = (value: string) => base64.length > 0 && inBase64(unwritten(value));
  const inRun = (value: string, start: number, end: number) => end - start >= shortest && inBase64(unwritten(value.slice(start, end)));
  const hasBase64 = (value: string) => mayHoldBase64(value) && eachBase64Run(value, (start, end) => inRun(value, start, end));
  const matches = (value: string) => pattern !== undefined && ((pattern.lastIndex = 0), pattern.test(value));
  const has = (value: string) => matches(value) || hasBase64(value);
  const text = (value: string): string => {
    if (!pattern) return value;
    const redacted = value.replace(pattern, REDACTED);
    if (!mayHoldBase64(redacted)) return redacted;
    let result = "";
    let copied = 0;
    eachBase64Run(redacted, (start, end) => {
      if (inRun(redacted, start, end)) {
        result += `${redacted.slice(copied, start)}${escapeAt(redacted, start)}${REDACTED}`;
        copied = end;
      }
      return false;
    });
    return copied === 0 ? redacted : result + redacted.slice(copied);
  };

  /** The body with each number outside a string that holds a key turned into the string "[redacted]". */
  function numbersRedacted(body: string): string {
    const token = /"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
    let redacted = "";
    let copied = 0;
    for (let match = token.exec(body); match; match = token.exec(body)) {
      if (match[0] === '"') token.lastIndex = stringEnd(body, match.index);
      else if (inNumber(match[0])) {
        redacted += `${body.slice(copied, match.index)}"${REDACTED}"`;
        copied = token.lastIndex;
      }
    }
    return redacted + body.slice(copied);
  }

  /** The body's text, redacted, numbers included: for a body kept as text. */
  const flat = (body: string): string => text(numeric ? numbersRedacted(body) : body);

  /**
   * A body's text, redacted, then parsed: the JSON value, or the redacted text when it is not
   * JSON. A key inside a number (an all-digit key echoed unquoted) turns the number into the
   * string "[redacted]", so that the JSON stays JSON and no digit of the key is left.
   */
  function json(body: string): unknown {
    let redacted = text(body);
    try {
      if (!numeric) return JSON.parse(redacted);
    } catch {}
    // Not JSON: it never was, or a key inside a number left digits beside "[redacted]". Only
    // then the second pass, so that the common case costs one redacted copy of the text.
    redacted = text(numbersRedacted(body));
    try {
      return JSON.parse(redacted);
    } catch {
      return redacted;
    }
  }

  /** A copy without any header whose name holds a key, and with every value redacted. */
  function headers(source: Headers): Headers {
    const copy = new Headers();
    source.forEach((value, name) => {
      if (!has(name)) copy.append(name, text(value));
    });
    return copy;
  }

  /**
   * What a fetch or a caller threw, as a plain Error chain safe to keep as a cause: name,
   * message and code copied (redacted, capped), stack and everything else left behind.
   */
  function thrown(error: unknown, depth = 0): Error {
    const message = read(error, "message");
    const copy = new Error(quoted(text(withoutQueries(asText(message === undefined ? error : message)))));
    copy.name = quoted(text(asText(read(error, "name") ?? "Error")));
    const code = read(error, "code");
    if (typeof code === "string") Object.assign(copy, { code: quoted(text(code)) });
    copy.stack = `${copy.name}: ${copy.message}`;
    const cause = read(error, "cause");
    if (cause !== undefined && depth < 4) copy.cause = thrown(cause, depth + 1);
    return copy;
  }

  return { has, text, json, flat, headers, thrown, numeric };
}

/**
 * Where the JSON string that opens at `start` ends: after its closing quote (one behind an even
 * run of backslashes), or at the end of the text. By hand, as a regex over a string's
 * characters backtracks on one that never ends and overflows its stack on a long one.
 */
function stringEnd(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text[quote - 1 - backslashes] === "\\") backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return text.length;
}

/**
 * Text without the query of any URL in it (node-fetch quotes the whole URL in its errors, and a
 * query may hold a customer's name or phone number), by whitespace-separated word: linear.
 */
function withoutQueries(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => {
      const query = word.indexOf("?", word.indexOf("://") + 1);
      if (!word.includes("://") || query === -1) return word;
      let closing = word.length; // the quotes and brackets that close the word stay
      while (closing > query && `"'<>)]`.includes(word[closing - 1]!)) closing--;
      return word.slice(0, query) + word.slice(closing);
    })
    .join("");
}

/** A JSON number's digits written out in plain decimal notation, as text (Number() would round a long key): 1.5e3 is 1500. */
function expanded(token: string): string {
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token) ?? [];
  const digits = whole + fraction;
  const point = whole.length + Math.max(-1e4, Math.min(1e4, Number(exponent)));
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  return point >= digits.length ? sign + digits + "0".repeat(point - digits.length) : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function asText(value: unknown): string {
  try {
    return typeof value === "string" ? value : String(value);
  } catch {
    return "(unprintable)";
  }
}

/** Text fit for a one-line message: control characters (newlines, ANSI escapes) out, length capped. */
export function quoted(value: string): string {
  const clean = value.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim();
  return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean;
}
