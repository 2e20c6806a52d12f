/** Items in insertion order under the key each gives. */
export const groupBy = <T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> => {
	const out = new Map<K, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		const list = out.get(key);
		if (list) list.push(item);
		else out.set(key, [item]);
	}
	return out;
};
