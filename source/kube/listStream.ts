// Parses a LIST response while it arrives. The API server writes a list as
// {"kind":…,"apiVersion":…,"metadata":{…},"items":[{…},{…},…]}; the splitter
// finds each item's end by counting braces outside strings, and parses the
// items completed by each network chunk as one small JSON array. Parsing then
// overlaps the transfer instead of following it (a 10,000-pod list is 44 MB
// and takes about a second to JSON.parse on one core), and the whole body is
// never held as one string. Anything not shaped like that (an error Status, a
// proxy's HTML page) is collected and parsed whole at the end, as before.

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

export interface ListMetadata {
	resourceVersion?: string;
	continue?: string;
	remainingItemCount?: number;
}

export class ListSplitter {
	/** Set once the head (everything before the items) has been read. */
	metadata: ListMetadata | undefined;
	/** The body without its items: for a Table, its columnDefinitions. */
	head: Record<string, unknown> | undefined;
	private readonly keys: ReadonlyArray<{name: string; bytes: Buffer}>;
	/** The key the items were found under. */
	private key: string;
	private buffer: Buffer = Buffer.alloc(0);
	/** Next byte of buffer to scan. */
	private position = 0;
	private phase: 'head' | 'items' | 'done' | 'whole' = 'head';
	private depth = 0;
	private inString = false;
	/** Where the first unparsed item starts in buffer, or -1 between items. */
	private itemStart = -1;
	private readonly whole: Buffer[] = [];

	/**
	 * `whole`: collect the body and parse it once at the end. For a collection of
	 * a few hundred KB (nodes, deployments) one native JSON.parse beats scanning
	 * it in JavaScript at start-up, when the scanner has not been compiled yet
	 * (101 nodes, 417 KB: ~40 ms scanned under a profiler on the thread drawing the first frame).
	 */
	constructor(
		private readonly onItems: (items: any[]) => void,
		/**
		 * `keys`: where the items may be, the first one present wins: ['items', 'rows'] when
		 * a Table was asked for (its items are its rows; the server may answer a plain list).
		 */
		{whole = false, keys = ['items']}: {whole?: boolean; keys?: readonly string[]} = {},
	) {
		if (whole) this.phase = 'whole';
		this.keys = keys.map(name => ({name, bytes: Buffer.from(`"${name}":[`)}));
		this.key = keys[0] ?? 'items';
	}

	/** Feeds the next bytes of the body; calls onItems with the items they complete. */
	push(chunk: Buffer): void {
		if (this.phase === 'whole') {
			this.whole.push(chunk);
			return;
		}
		if (this.phase === 'done') return;
		this.buffer = this.buffer.length === this.position && this.itemStart < 0 ? chunk : Buffer.concat([this.buffer, chunk]);
		if (this.phase === 'head') this.readHead();
		if (this.phase === 'items') this.scan();
	}

	/**
	 * The body has ended. Returns the metadata and any items parsed only now (a
	 * body that was not a list in the expected shape), or throws when the body
	 * is not JSON; `parsedWhole` holds that body when it was parsed here.
	 */
	end(): {metadata: ListMetadata; parsedWhole?: unknown} {
		if (this.phase === 'done' && this.metadata) return {metadata: this.metadata};
		const text = this.phase === 'whole' ? Buffer.concat(this.whole).toString() : this.buffer.toString();
		const parsed = JSON.parse(text) as Record<string, unknown> & {metadata?: ListMetadata};
		if (this.phase !== 'whole' && this.phase !== 'head') throw new Error('the list ended in the middle of its items');
		if (parsed && typeof parsed === 'object') {
			this.key = this.keys.find(key => Array.isArray(parsed[key.name]))?.name ?? this.key;
			const {[this.key]: items, ...head} = parsed;
			this.head = head;
			if (Array.isArray(items)) this.onItems(items);
		}
		return {metadata: parsed?.metadata ?? {}, parsedWhole: parsed};
	}

	private readHead(): void {
		// A key in the head cannot be inside a string (its quotes would be escaped there), so the first one found is the list's.
		let at = -1;
		for (const key of this.keys) {
			const found = this.buffer.indexOf(key.bytes);
			if (found >= 0 && (at < 0 || found < at)) {
				at = found;
				this.key = key.name;
			}
		}
		if (at < 0) {
			// Heads are a few hundred bytes; a long one is not a list as we know it.
			if (this.buffer.length > 65_536) this.giveUp();
			return;
		}
		let head: {metadata?: ListMetadata} | undefined;
		try {
			head = JSON.parse(`${this.buffer.toString('utf8', 0, at)}"${this.key}":[]}`) as {metadata?: ListMetadata};
		} catch {
			head = undefined;
		}
		if (!head || typeof head !== 'object') {
			this.giveUp();
			return;
		}
		this.metadata = head.metadata ?? {};
		const {[this.key]: _items, ...rest} = head as Record<string, unknown>;
		this.head = rest;
		this.phase = 'items';
		this.position = at + this.key.length + 4;
	}

	private giveUp(): void {
		this.phase = 'whole';
		this.whole.push(this.buffer);
		this.buffer = Buffer.alloc(0);
	}

	private scan(): void {
		const buffer = this.buffer;
		const length = buffer.length;
		let i = this.position;
		let depth = this.depth;
		let inString = this.inString;
		// The first item not handed over yet, and the item being read.
		let pending = this.itemStart;
		let current = pending;
		let lastEnd = -1;
		while (i < length) {
			if (inString) {
				const close = buffer.indexOf(quote, i);
				if (close < 0) {
					i = length;
					break;
				}
				// A quote preceded by an odd number of backslashes is escaped.
				let slashes = 0;
				for (let j = close - 1; j >= 0 && buffer[j] === backslash; j--) slashes++;
				i = close + 1;
				if (slashes % 2 === 0) inString = false;
				continue;
			}
			const byte = buffer[i]!;
			if (byte === quote) {
				inString = true;
			} else if (byte === openBrace || byte === openBracket) {
				if (depth === 0) {
					current = i;
					if (pending < 0) pending = i;
				}
				depth++;
			} else if (byte === closeBrace || byte === closeBracket) {
				if (depth === 0) {
					// The items array closes.
					this.phase = 'done';
					i++;
					break;
				}
				depth--;
				if (depth === 0) lastEnd = i + 1;
			}
			i++;
		}
		if (lastEnd > 0 && pending >= 0) {
			// Whole items from pending to lastEnd, separated by commas: one JSON array.
			const items = JSON.parse(`[${buffer.toString('utf8', pending, lastEnd)}]`) as any[];
			pending = depth > 0 ? current : -1;
			this.onItems(items);
		}
		this.depth = depth;
		this.inString = inString;
		// Keep only the bytes of an unfinished item.
		if (this.phase === 'done' || pending < 0) {
			this.buffer = Buffer.alloc(0);
			this.position = 0;
			this.itemStart = -1;
		} else {
			this.buffer = buffer.subarray(pending);
			this.position = i - pending;
			this.itemStart = 0;
		}
	}
}
