import {createContext, useContext, useEffect, useState} from 'react';

/** How often clocks on screen tick; tests set 0 so that frames change only when something happens. */
export const TickContext = createContext(1000);

/** The time, updated every `everyMs` (the app's tick when not given): for components that show ages. */
export const useNow = (everyMs?: number): number => {
	const tick = useContext(TickContext);
	const every = everyMs ?? tick;
	const [now, setNow] = useState(Date.now);
	useEffect(() => {
		if (every <= 0 || tick <= 0) return;
		const id = setInterval(() => setNow(Date.now()), every);
		return () => clearInterval(id);
	}, [every, tick]);
	return now;
};
