/**
 * "Filter Projects…": what a person types (names separated by commas or spaces) to the names
 * DescribeProjects is asked for (ProjectNames: 1 to 10 names, each a project name: letters,
 * digits, "_", "." and "-", at most 255 characters; the model's bounds). The service matches
 * whole names exactly (the guide, md-describing-project-sdk.md: "Replace project_name with the
 * name of the project that you want to describe"; the sandbox matches the same way), so the
 * prompt says so. Pure: the command and the tree's header use it, unit-tested in plain Node.
 */
export const PROJECT_NAMES_MAX = 10;
const PROJECT_NAME = /^[a-zA-Z0-9_.-]{1,255}$/;

export const FILTER_PROMPT = `Project names, exact and case-sensitive (DescribeProjects matches whole names only, no part of a name), up to ${PROJECT_NAMES_MAX}, separated by commas. Empty: every project.`;

export type ParsedFilter = { names: string[] | undefined } | { error: string };

/** The names typed, in order, each once; undefined names: no filter (empty input). */
export function parseProjectFilter(input: string): ParsedFilter {
  const names = [...new Set(input.split(/[\s,]+/).filter(Boolean))];
  if (names.length === 0) return { names: undefined };
  if (names.length > PROJECT_NAMES_MAX) return { error: `${names.length} names: DescribeProjects takes at most ${PROJECT_NAMES_MAX}.` };
  const bad = names.find((n) => !PROJECT_NAME.test(n));
  if (bad !== undefined) {
    return { error: bad.length > 255 ? `"${bad.slice(0, 40)}…" is longer than 255 characters.` : `"${bad}" is not a project name: only letters, digits, "_", "." and "-".` };
  }
  return { names };
}

/** The view's header while filtered: "Filter: a, b". */
export function filterDescription(names: readonly string[] | undefined): string | undefined {
  return names && names.length ? `Filter: ${names.join(', ')}` : undefined;
}
