import {readFileSync} from 'node:fs';

/**
 * Whether `pid` is still the process a state file recorded: alive, not a zombie, and (where /proc tells) running a
 * command that contains `marker`. A state file can outlive its process (a machine restarted, a test run stopped
 * with its clusters kept), and the pid may since belong to something else, which must be neither trusted as a
 * running broker nor killed.
 */
export const runs = (pid: number, marker: string): boolean => {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return true; // no /proc (macOS): signals are all there is to go by
	}
	// A killed child its parent has not reaped yet still answers signals: a zombie is dead all the same.
	if (stat.split(') ')[1]?.[0] === 'Z') return false;
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
	} catch {
		return false;
	}
};
