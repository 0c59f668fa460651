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

const maxInternedLength = 128;
const vocabulary = new BoundedMap<string, string>(8192);

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
		return length === 0 ? '' : this.bytes.toString('utf8', start, start + length);
	}

	/**
	 * A string from a small vocabulary (a namespace, a phase, a condition's type,
	 * an event's reason, a node's name): the one copy seen before, if any. Each
	 * protobuf string is otherwise its own copy; at 10,000 pods and 30,000 events
	 * the repeats ("True", "Normal", "bench-3", "10m") were a fifth of the heap.
	 */
	interned(): string {
		const text = this.string();
		if (text.length > maxInternedLength) return text;
		const known = vocabulary.get(text);
		if (known !== undefined) return known;
		vocabulary.set(text, text);
		return text;
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
