/**
 * Words that only make sense inside the work on this repository, not to a reader of the docs: where
 * the provider's pages were kept for the work ("seed pages"), how the work was organised (sessions,
 * passes, rounds, helpers), issue numbers, and benchmark runs named by letter. Say where a fact
 * comes from in the reader's terms instead: the provider's API reference, its SDK models.
 */
export const INTERNAL_WORDS: readonly RegExp[] = [
  /\bseeds?\b/i,
  /\bsessions?\b/i,
  /\bissues?\s*#?\d+/i,
  /(?:^|[\s(])#\d+\b/,
  /\bruns? [A-Z]\b(?![\w-])/,
  /\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|this|earlier|later) (?:session|pass|round)\b/i,
  /\b(?:the lead|helpers?|the brief|briefs?)\b/i,
  /\b(?:TODO|FIXME|XXX|WIP)\b/,
];

/** Each internal word or phrase in `text`, with a little of its context. */
export function internalWords(text: string): string[] {
  return INTERNAL_WORDS.flatMap((pattern) => {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    return [...text.matchAll(global)].map((match) => text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30).replace(/\s+/g, ' '));
  });
}
