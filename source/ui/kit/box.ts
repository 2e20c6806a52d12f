/** The room a pane has, in columns and rows. */
export type Box = {width: number; height: number};

/** A pane is a title line, a column-header line and its rows. */
export const PANE_CHROME = 2;
