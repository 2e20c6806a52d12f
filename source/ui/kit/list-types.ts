// What every list pane shows: its rows after the filter, their keys (selection is kept by key), and how many
// there are before the filter; and how a number changed since the last refresh.

export type Listed<Row> = {rows: Row[]; keys: string[]; total: number};

export type Change = 'up' | 'down' | null;
