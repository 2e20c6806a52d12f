import {existsSync} from 'node:fs';

/** Whether a path exists: kex never overwrites a file, and says so when one to read is missing. */
export const fileExists = (path: string) => existsSync(path);
