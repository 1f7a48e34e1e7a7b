// The count in a list page's header: "1,003", or "12 of 1,003" while a search or filter narrows the list. Pure.

const number = new Intl.NumberFormat('en-US');

export function listCount(shown: number, total: number, narrowed: boolean): string {
  return narrowed ? `${number.format(shown)} of ${number.format(total)}` : number.format(total);
}
