/**
 * The sentence a failed command shows: "<what> failed: <why>", unless the error already says
 * what failed (errors mapped by rekognition/call.ts read "Create project "x" failed: ..."):
 * then it is shown as it is, not "Create project failed: Create project "x" failed: ...".
 */
export function failureMessage(what: string, why: string): string {
  return saysWhatFailed(why) ? why : `${what} failed: ${why}`;
}

/** "Push to dataset failed: ..." or "Create project "x" failed: ...": one clause, then "failed:". */
function saysWhatFailed(why: string): boolean {
  const at = why.indexOf(' failed: ');
  return at > 0 && at <= 200 && !/[.!?]\s/.test(why.slice(0, at));
}
