// The protobuf wire format, only as far as reading Kubernetes objects needs:
// varints, length-delimited fields and skipping whatever a decoder does not
// ask for. Skipping is most of the work (a pod's volumes, env, managed fields),
// and it allocates nothing.

const varintType = 0;
const fixed64Type = 1;
const bytesType = 2;
const fixed32Type = 5;

export class ProtobufError extends Error {}

/**
 * A Map that starts over when full: for values decoded again and again
 * (strings, formatted times), where a run of ones that never repeat (unique
 * messages) should cost a restart, not a leak.
 */
export class BoundedMap<K, V> extends Map<K, V> {
	constructor(private readonly limit: number) {
		super();
	}

	override set(key: K, value: V): this {
		if (this.size >= this.limit && !this.has(key)) this.clear();
		return super.set(key, value);
	}
}

/** Buffer's own decoders, without toString's argument checks and encoding lookup on each call. */
interface BufferSlices {
	utf8Slice(start: number, end: number): string;
	latin1Slice(start: number, end: number): string;
}

function utf8(bytes: Buffer, start: number, end: number): string {
	return (bytes as unknown as BufferSlices).utf8Slice(start, end);
}

const maxInternedLength = 128;

/**
 * The strings a cluster repeats (namespaces, node names, "True", "Running",
 * images, quantities), looked up by their bytes before any string is made.
 * Decoding every repeat to a new string and then finding the first copy in a
 * Map took a third of decodePod's time at 10,000 pods, and left the copies
 * for the GC. Open addressing over FNV-1a hashes; ASCII only, since a string
 * is compared with its bytes one char code to a byte. Starts over when full.
 */
class Vocabulary {
	private readonly texts: Array<string | undefined>;
	private readonly hashes: Int32Array;
	private readonly mask: number;
	private count = 0;

	constructor(private readonly capacity: number) {
		let slots = 1;
		while (slots < capacity * 2) slots *= 2;
		this.texts = new Array<string | undefined>(slots).fill(undefined);
		this.hashes = new Int32Array(slots);
		this.mask = slots - 1;
	}

	/** The string for bytes[start, end), interned when it is ASCII. */
	read(bytes: Buffer, start: number, end: number): string {
		let hash = 0x811c9dc5;
		let high = 0;
		for (let i = start; i < end; i++) {
			const byte = bytes[i]!;
			high |= byte;
			hash = Math.imul(hash ^ byte, 0x01000193);
		}
		if (high >= 0x80) return utf8(bytes, start, end);
		const length = end - start;
		const texts = this.texts;
		let slot = hash & this.mask;
		for (;;) {
			const text = texts[slot];
			if (text === undefined) break;
			if (this.hashes[slot] === hash && text.length === length && sameAscii(text, bytes, start)) return text;
			slot = (slot + 1) & this.mask;
		}
		const text = (bytes as unknown as BufferSlices).latin1Slice(start, end);
		if (this.count >= this.capacity) {
			texts.fill(undefined);
			this.count = 0;
			slot = hash & this.mask;
		}
		texts[slot] = text;
		this.hashes[slot] = hash;
		this.count++;
		return text;
	}
}

function sameAscii(text: string, bytes: Buffer, start: number): boolean {
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== bytes[start + i]) return false;
	return true;
}

const vocabulary = new Vocabulary(8192);

/** A cursor over one message: bytes[position, end). */
export class Reader {
	constructor(
		readonly bytes: Buffer,
		public position: number,
		public end: number,
	) {}

	get done(): boolean {
		return this.position >= this.end;
	}

	/** The next field's key: number << 3 | wire type. */
	key(): number {
		return this.varint();
	}

	/** An unsigned varint as a number (exact up to 2^53, which covers lengths, counts and seconds). */
	varint(): number {
		const bytes = this.bytes;
		if (this.position >= this.end) throw new ProtobufError('a varint runs past the end of its message');
		let byte = bytes[this.position++]!;
		if (byte < 0x80) return byte;
		let value = byte & 0x7f;
		let scale = 0x80;
		for (let i = 1; i < 10; i++) {
			if (this.position >= this.end) throw new ProtobufError('a varint runs past the end of its message');
			byte = bytes[this.position++]!;
			value += (byte & 0x7f) * scale;
			if (byte < 0x80) return value;
			scale *= 0x80;
		}
		throw new ProtobufError('a varint is longer than 10 bytes');
	}

	/** An int32 field: negative values are sent as 10-byte two's complement varints. */
	int32(): number {
		const bytes = this.bytes;
		let value = 0;
		let shift = 0;
		for (let i = 0; i < 10; i++) {
			if (this.position >= this.end) throw new ProtobufError('a varint runs past the end of its message');
			const byte = bytes[this.position++]!;
			if (shift < 32) value |= (byte & 0x7f) << shift;
			shift += 7;
			if (byte < 0x80) return value | 0;
		}
		throw new ProtobufError('a varint is longer than 10 bytes');
	}

	bool(): boolean {
		return this.varint() !== 0;
	}

	/** The length of a length-delimited field, checked against its message. */
	length(): number {
		const length = this.varint();
		if (this.position + length > this.end) throw new ProtobufError('a field runs past the end of its message');
		return length;
	}

	string(): string {
		const length = this.length();
		const start = this.position;
		this.position += length;
		return length === 0 ? '' : utf8(this.bytes, start, start + length);
	}

	/**
	 * A string from a small vocabulary (a namespace, a phase, a condition's type,
	 * an event's reason, a node's name): the one copy seen before, if any. Each
	 * protobuf string is otherwise its own copy; at 10,000 pods and 30,000 events
	 * the repeats ("True", "Normal", "bench-3", "10m") were a fifth of the heap.
	 */
	interned(): string {
		const length = this.length();
		const start = this.position;
		this.position += length;
		if (length === 0) return '';
		if (length > maxInternedLength) return utf8(this.bytes, start, start + length);
		return vocabulary.read(this.bytes, start, start + length);
	}

	/** A sub-message: a reader over its bytes; this one moves past them. */
	message(): Reader {
		const length = this.length();
		const start = this.position;
		this.position += length;
		return new Reader(this.bytes, start, start + length);
	}

	/** Steps over a field this decoder does not read. */
	skip(key: number): void {
		switch (key & 7) {
			case varintType:
				this.varint();
				return;
			case fixed64Type:
				this.position += 8;
				break;
			case bytesType: {
				// Not `position += length()`: that reads position before length() moves it.
				const length = this.length();
				this.position += length;
				return;
			}
			case fixed32Type:
				this.position += 4;
				break;
			default:
				throw new ProtobufError(`unsupported wire type ${key & 7}`);
		}
		if (this.position > this.end) throw new ProtobufError('a field runs past the end of its message');
	}
}

/** Reads an unsigned varint at bytes[at]; undefined when the bytes end first (a stream that has not delivered it yet). */
export function peekVarint(bytes: Buffer, at: number, end: number): {value: number; next: number} | undefined {
	let value = 0;
	let scale = 1;
	for (let i = at; i < end && i < at + 10; i++) {
		const byte = bytes[i]!;
		value += (byte & 0x7f) * scale;
		if (byte < 0x80) return {value, next: i + 1};
		scale *= 0x80;
	}
	if (end - at >= 10) throw new ProtobufError('a varint is longer than 10 bytes');
	return undefined;
}
