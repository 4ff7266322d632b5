/**
 * A copy of a string in one piece, for rules that walk a page with `charCodeAt`.
 *
 * The runner builds each rule's text by concatenating the previous text's pieces and the edits' replacements;
 * V8 keeps such a string as a tree of pieces, and reading it one character at a time is several times slower
 * than reading a string in one piece (a regex flattens it on its own). The copy is the same text, so offsets
 * into it are offsets into the page. Cost: one copy of the page.
 */
export function flat(text: string): string {
  // concatenating and slicing off the first character makes V8 copy the text into one flat buffer
  return (' ' + text).slice(1);
}
