// Typed text keeps what a terminal could act on out: pasted escape sequences or newlines are dropped.
// eslint-disable-next-line no-control-regex
export const printable = (input: string) => input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
