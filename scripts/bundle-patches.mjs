// The bundle's patches to its dependencies: each names a file, exact strings
// to replace in it (the build fails if one is missing, so an upgrade that moves
// the code is caught) and lines to append. Kept apart from scripts/bundle.mjs
// so that tests can apply them to the original files and compare behaviour.
import stringWidth from 'string-width';
import wrapAnsiStringWidth from '../node_modules/wrap-ansi/node_modules/string-width/index.js';
import isFullwidthCodePoint from 'is-fullwidth-code-point';

// Ink rasterises every frame from scratch, and its Output keeps its caches
// (each line's tokenised styled characters, string widths) per frame: a new
// Output per frame starts empty, so every line of every frame is tokenised
// again, most of a frame's cost on a 200x50 screen. Keeping the caches of the
// last frame for the next (FrameMap below) leaves the work for the lines that
// changed.
// The same for the width of each text node, which render-node-to-output
// measures (string-width over every grapheme) on every frame; and Ink's own
// measureText cache, which is never emptied, gets a bound. The cached values
// are never mutated by Ink. Each patch fails the build if Ink's code moved.
// Turning each row of cells back into a string (styledCharsToString) diffed
// the styles of every cell with its neighbour's through three new Sets, even
// when both had the same styles, as almost all do: on a 200x50 screen 40,000
// Sets a frame, most of the 75 MB/s a churning session allocated, and what
// made V8 promote everything medium-lived (a heap sampling profile showed
// it). Equal neighbours need no diff; the rest go through the original code.
// Ink measures every line of every frame with string-width, which splits any
// line with a non-ASCII character (a border, a bullet, an ellipsis) into
// graphemes with Intl.Segmenter, and each of its two copies creates a
// Segmenter when loaded (40 ms of the first paint, ICU's data). Most of this
// view's non-ASCII text is box drawing, arrows and punctuation: characters
// that are each one grapheme and one column. Strings of only those are as wide
// as they are long; the rest go through the original code, whose Segmenter is
// now made on first use. The class is derived here from both copies, one
// character at a time, so it says only what they say.
function narrowCharacterClass() {
	const candidate = code => (code >= 0x20 && code < 0x300) || (code >= 0x2000 && code < 0x2c00);
	const narrow = code => {
		const text = String.fromCharCode(code);
		return candidate(code) && !/[\p{M}\p{Cf}\p{Cc}]/u.test(text) && stringWidth(text) === 1 && wrapAnsiStringWidth(text) === 1 && !isFullwidthCodePoint(code);
	};
	const runs = [];
	for (let code = 0x20; code < 0x2c00; code++) {
		if (!narrow(code)) continue;
		const last = runs.at(-1);
		if (last && last[1] === code - 1) last[1] = code;
		else runs.push([code, code]);
	}
	const hex = code => `\\u${code.toString(16).padStart(4, '0')}`;
	return runs.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('');
}
const narrowClass = narrowCharacterClass();
const narrowText = `/^[${narrowClass}]*$/`;
const narrowFastPath = `if (ambiguousIsNarrow && ${narrowText}.test(string)) {\n\t\treturn string.length;\n\t}\n`;

export const patches = [
	{
		file: /[\\/]ink[\\/]build[\\/]output\.js$/,
		replace: [
			['    caches = new OutputCaches();', '    caches = sharedOutputCaches();'],
			// Every frame started from width x height fresh blank cells (20,000 objects on a
			// 200x50 screen); cells are only ever replaced, never changed, so one blank serves all.
			["                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });", '                row.push(blankCell);'],
			['            return styledCharsToString(lineWithoutEmptyItems).trimEnd();', '            return cellsToString(lineWithoutEmptyItems).trimEnd();'],
			["import { styledCharsFromTokens, styledCharsToString, tokenize, } from '@alcalzone/ansi-tokenize';", "import { ansiCodesToString, diffAnsiCodes, styledCharsFromTokens, tokenize, } from '@alcalzone/ansi-tokenize';"],
		],
		append: [
			'function sameStyles(a, b) {',
			'    if (a === b) return true;',
			'    if (a.length !== b.length) return false;',
			'    for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;',
			'    return true;',
			'}',
			// styledCharsToString with its diffs skipped where they are empty: same output.
			'function cellsToString(chars) {',
			"    let ret = '';",
			'    for (let i = 0; i < chars.length; i++) {',
			'        const char = chars[i];',
			'        if (i === 0) {',
			'            if (char.styles.length > 0) ret += ansiCodesToString(char.styles);',
			'        } else if (!sameStyles(chars[i - 1].styles, char.styles)) {',
			'            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
			'        }',
			'        ret += char.value;',
			'        if (i === chars.length - 1 && char.styles.length > 0) ret += ansiCodesToString(diffAnsiCodes(char.styles, []));',
			'    }',
			'    return ret;',
			'}',
			"const blankCell = {type: 'char', value: ' ', fullWidth: false, styles: []};",
			// Two generations, this frame's and the last one's: a line still on screen is
			// found again, and one that left is dropped a frame later, young (a cache
			// emptied only when full kept every line for seconds, long enough for V8 to
			// move each to the old generation: ~8 MB/s of old garbage under churn).
			'class FrameMap {',
			'    current = new Map();',
			'    previous = new Map();',
			'    get(key) {',
			'        let value = this.current.get(key);',
			'        if (value === undefined) {',
			'            value = this.previous.get(key);',
			'            if (value !== undefined) this.current.set(key, value);',
			'        }',
			'        return value;',
			'    }',
			'    set(key, value) {',
			'        this.current.set(key, value);',
			'        return this;',
			'    }',
			'    next() {',
			'        this.previous = this.current;',
			'        this.current = new Map();',
			'    }',
			'}',
			// A line's styled characters are kept from the second frame in a row that
			// draws it: a line drawn once (a row whose status changes every frame)
			// leaves nothing cached behind to outlive the frame.
			'class SeenTwiceMap extends FrameMap {',
			'    seen = new Set();',
			'    seenBefore = new Set();',
			'    set(key, value) {',
			'        if (this.seenBefore.has(key)) return super.set(key, value);',
			'        this.seen.add(key);',
			'        return this;',
			'    }',
			'    next() {',
			'        super.next();',
			'        this.seenBefore = this.seen;',
			'        this.seen = new Set();',
			'    }',
			'}',
			'let sharedCaches;',
			'function sharedOutputCaches() {',
			'    if (!sharedCaches) {',
			'        sharedCaches = new OutputCaches();',
			'        sharedCaches.widths = new FrameMap();',
			'        sharedCaches.blockWidths = new FrameMap();',
			'        sharedCaches.styledChars = new SeenTwiceMap();',
			'    } else {',
			'        sharedCaches.widths.next();',
			'        sharedCaches.blockWidths.next();',
			'        sharedCaches.styledChars.next();',
			'    }',
			'    return sharedCaches;',
			'}',
		],
	},
	{
		// Styled characters are shared: one object per (style, character) pair,
		// instead of a new object per character per line tokenised. Ink caches each
		// line's characters across frames, so a line that changes about once a
		// second (an age column) left ~200 objects behind that had lived long
		// enough for V8 to promote them: the largest share of old-generation
		// garbage in a churning session's heap profile. A cached line is now an
		// array of pointers. Nothing mutates a styled character or its styles
		// (Ink's output.js shares styles itself for wide characters), and equal
		// styles by identity let cellsToString skip the diff.
		file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
		replace: [
			['    let codes = [];\n    const ret = [];', '    let codes = [];\n    let cells = sharedCells(codes);\n    const ret = [];'],
			['            codes = reduceAnsiCodesIncremental(codes, [token]);', '            codes = reduceAnsiCodesIncremental(codes, [token]);\n            cells = undefined;'],
			['            ret.push({\n                ...token,\n                styles: [...codes],\n            });', '            cells ??= sharedCells(codes);\n            ret.push(sharedCell(cells, token));'],
		],
		append: [
			// Keyed by the codes themselves; bounded, as a screen shows a few dozen styles.
			'const cellsByStyle = new Map();',
			'function sharedCells(codes) {',
			"    const key = codes.map(code => code.code).join('');",
			'    let cells = cellsByStyle.get(key);',
			'    if (cells === undefined) {',
			'        if (cellsByStyle.size >= 512) cellsByStyle.clear();',
			'        cells = {styles: codes, byValue: new Map()};',
			'        cellsByStyle.set(key, cells);',
			'    }',
			'    return cells;',
			'}',
			'function sharedCell(cells, token) {',
			'    let cell = cells.byValue.get(token.value);',
			'    if (cell === undefined) {',
			'        if (cells.byValue.size >= 4096) cells.byValue.clear();',
			'        cell = {...token, styles: cells.styles};',
			'        cells.byValue.set(token.value, cell);',
			'    }',
			'    return cell;',
			'}',
		],
	},
	{
		// Ink tokenises each line it has not drawn before by walking its graphemes
		// with Intl.Segmenter: an ICU iterator and a segment object per character,
		// most of the cost of a frame's new lines (the first frame, a scrolled
		// page). A line of the narrow characters above and SGR colour codes has
		// one grapheme per character, so it is walked by index into the same
		// tokens; anything else (links, wide or combining characters) takes the
		// original path, whose Segmenter is now made on first use.
		file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
		replace: [
			['const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', 'let segmenter;'],
			['segmenter.segment(str)', '(segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(str)'],
			['export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {\n    const ret = [];', 'export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {\n    if (narrowOrSgr.test(str)) return tokenizeNarrow(str, endChar);\n    const ret = [];'],
		],
		append: [
			`const narrowOrSgr = /^(?:[${narrowClass}]|\\x1b\\[[0-9;]*m)*$/;`,
			'function tokenizeNarrow(str, endChar) {',
			'    const ret = [];',
			'    let visible = 0;',
			'    for (let index = 0; index < str.length; index++) {',
			'        if (str.charCodeAt(index) === 27) {',
			'            const code = parseSGRSequence(str, index);',
			'            for (const individualCode of splitCompoundSGRSequences(code)) ret.push({type: "ansi", code: individualCode, endCode: getEndCode(individualCode)});',
			'            index += code.length - 1;',
			'            continue;',
			'        }',
			'        ret.push({type: "char", value: str[index], fullWidth: false});',
			'        visible += 1;',
			'        if (visible >= endChar) break;',
			'    }',
			'    return ret;',
			'}',
		],
	},
	{
		file: /[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/,
		replace: [['const currentWidth = widestLine(text);', 'const currentWidth = cachedWidestLine(text);']],
		append: [
			'const widestLines = new Map();',
			'function cachedWidestLine(text) {',
			'    let width = widestLines.get(text);',
			'    if (width === undefined) {',
			'        if (widestLines.size >= 2000) widestLines.clear();',
			'        width = widestLine(text);',
			'        widestLines.set(text, width);',
			'    }',
			'    return width;',
			'}',
		],
	},
	{
		file: /[\\/]ink[\\/]build[\\/]measure-text\.js$/,
		replace: [['    cache.set(text, dimensions);', '    if (cache.size >= 2000) cache.clear();\n    cache.set(text, dimensions);']],
		append: [],
	},
	// Both copies of string-width (Ink's, and wrap-ansi's older one) have these lines.
	{
		file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
		replace: [
			['const segmenter = new Intl.Segmenter();', 'let segmenter;'],
			['segmenter.segment(string)', '(segmenter ??= new Intl.Segmenter()).segment(string)'],
			['\tlet width = 0;\n\tconst eastAsianWidthOptions', `\t${narrowFastPath}\tlet width = 0;\n\tconst eastAsianWidthOptions`],
		],
		append: [],
	},
	// Yoga (Ink's layout engine) ships its wasm as a base64 data: URL, which its
	// Emscripten loader fetches with Node's built-in fetch: loading undici and
	// percent-decoding 95 KB cost ~35 ms of the first paint, on the thread that
	// then has to read the pods LIST. The loader's own fallback (a synchronous
	// decode) is taken instead, decoding with Buffer rather than a JS atob loop.
	{
		file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
		replace: [
			['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return !0?'],
			['var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c', 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))'],
		],
		append: [],
	},
	// client-node's KubeConfig takes two helpers from its generated API's index,
	// which re-exports every API class and model: 25 ms to compile and 30 ms to
	// run at each start, for nothing. Taken from their own modules instead.
	{
		file: /[\/]@kubernetes[\/]client-node[\/]dist[\/]config\.js$/,
		replace: [
			["import { createConfiguration, ServerConfiguration, } from './gen/index.js';", "import { createConfiguration } from './gen/configuration.js';\nimport { ServerConfiguration } from './gen/servers.js';"],
			// node-fetch (with whatwg-url and tr46), the SOCKS agent and hpagent took 9-12 ms
			// of every start to load, for a proxy or a fetch this app rarely or never
			// uses: each is loaded where it is used (esbuild turns these requires into
			// the bundled modules' lazy initialisers).
			["import { Headers } from 'node-fetch';\n", ''],
			["import { SocksProxyAgent } from 'socks-proxy-agent';\nimport { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';\n", ''],
			['        const headers = new Headers();', "        const { Headers } = require('node-fetch');\n        const headers = new Headers();"],
			['        let agent;\n        if (cluster && cluster.proxyUrl) {', "        let agent;\n        if (cluster && cluster.proxyUrl) {\n            const { SocksProxyAgent } = require('socks-proxy-agent');\n            const { HttpProxyAgent, HttpsProxyAgent } = require('hpagent');"],
		],
		append: [],
	},
	{
		// Ink hides the cursor on stdout (cli-cursor), and restore-cursor shows it
		// again at exit on stderr: with stderr redirected (2>log) the escape went
		// into the log and the terminal kept no cursor. It goes where it was hidden.
		file: /[\\/]restore-cursor[\\/]index\.js$/,
		replace: [["\t\tprocess.stderr.write('\\u001B[?25h');", "\t\tconst terminal = process.stdout.isTTY ? process.stdout : process.stderr.isTTY ? process.stderr : undefined;\n\t\tterminal?.write('\\u001B[?25h');"]],
		append: [],
	},
];

/** A dependency's source with a patch applied; throws when a string to replace is not there. */
export function applyPatch(patch, source, file) {
	for (const [from, to] of patch.replace) {
		if (!source.includes(from)) throw new Error(`${file} no longer has "${from.trim()}"; update scripts/bundle-patches.mjs`);
		source = source.replace(from, to);
	}
	return `${source}\n${patch.append.join('\n')}\n`;
}
