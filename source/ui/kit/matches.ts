/** Case-insensitive substring match over what the row shows. */
export const matches = (filter: string, ...fields: Array<string | number>) => {
	if (filter === '') return true;
	const needle = filter.toLowerCase();
	return fields.some(f => String(f).toLowerCase().includes(needle));
};
