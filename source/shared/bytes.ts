// Sizes as people read them: 1.5 GiB, 12.0 KiB, 512 B; '-' when unknown.

export const bytes = (n: number | null) => {
	if (n === null) return '-';
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
	let value = n;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
};
