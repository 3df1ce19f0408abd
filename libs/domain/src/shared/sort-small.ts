/**
 * Sorts `items` in place by `compare`, stable, and returns them: the same order as `items.sort(compare)`
 * (V8's sort is stable too), without the copy Array.prototype.sort makes of every array it sorts. For the
 * short, mostly ordered lists a fold sorts per event (the figures an event changed, a line's entries):
 * insertion sort, linear on ordered input; lists longer than 64 go to Array.prototype.sort.
 */
export function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > 64) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let j = i - 1;
    while (j >= 0 && compare(items[j], item) > 0) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}
