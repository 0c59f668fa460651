// Callers hold objects either as the snapshot's uid-keyed maps or as plain
// lists; iterating a Map directly would yield [uid, object] pairs.

export type Many<T> = Iterable<T> | ReadonlyMap<string, T>;

export function valuesOf<T>(items: Many<T> | undefined | null): Iterable<T> {
	if (!items) return [];
	if (items instanceof Map) return (items as ReadonlyMap<string, T>).values();
	return items as Iterable<T>;
}
