import {useEffect, useState} from 'react';

/** The time, updated every `everyMs`: for components that show ages ("refreshed 12s ago"). */
export const useNow = (everyMs = 1000): number => {
	const [now, setNow] = useState(Date.now);
	useEffect(() => {
		const id = setInterval(() => setNow(Date.now()), everyMs);
		return () => clearInterval(id);
	}, [everyMs]);
	return now;
};
