// Work that must not delay a frame the operator is waiting for (the screen pop): run it once
// that frame is painted. A hidden window paints no frames, so 100 ms is the latest it waits.

/** Runs `fn` once the next frame is painted, or after 100 ms at the latest. */
export function afterNextPaint(fn: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    fn();
  };
  // No requestAnimationFrame outside a page (unit tests in Node): the timer alone.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 100);
}
