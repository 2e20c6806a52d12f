// Typed text keeps what a terminal could act on out: pasted escape sequences or newlines are dropped.

export const printable = (input: string) => input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
