/** The last page a list may ask for: beyond it offsets stop fitting the database's integers. */
export const MAX_PAGE = 10_000;
