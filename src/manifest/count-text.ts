/**
 * An integer as `toLocaleString('en-US')` writes it ("1,234,567"), without Intl: the first call of
 * toLocaleString loads the locale's data, measured at ~14 ms of CPU time, more than a linter's
 * whole start-up on a small file. Anything but a safe integer is left to toLocaleString.
 * Pure: no `vscode` import.
 */
export function countText(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(n < 0 ? -n : n);
  let out = digits.length > 3 ? '' : digits;
  if (digits.length > 3) {
    const head = digits.length % 3 || 3;
    out = digits.slice(0, head);
    for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
}
