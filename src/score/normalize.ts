/**
 * Text normalisation before scoring.
 *
 * Always: NFC, CRLF/CR -> LF, trailing whitespace at the end of the text removed (a final newline is no error).
 * Optional normalizers, named as in a corpus folder's `scoring.json` (`{"normalize": [...]}`) and applied in the
 * order listed, ignore differences a corpus cannot judge fairly. Their meaning is the one the reference scoreboard
 * gives them, so `npm run eval` agrees with it:
 * - `blank-lines`: runs of blank lines count as one line break;
 * - `indent`: leading spaces, tabs and U+3000 on each line, and every U+3000, are dropped;
 * - `punct-width`: full-width `（）：；，！？。“”‘’` become their ASCII forms;
 * - `cjk-latin-space`: spaces between CJK and Latin letters, digits or path/code characters are dropped.
 */

export const NORMALIZERS = ['blank-lines', 'indent', 'punct-width', 'cjk-latin-space'] as const;
export type NormalizerName = (typeof NORMALIZERS)[number];

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const LATINISH = 'A-Za-z0-9/%$#@&*_~+=<>|^\\\\-';
const WIDTH: Record<string, string> = {
  '（': '(', '）': ')', '：': ':', '；': ';', '，': ',', '！': '!', '？': '?', '。': '.', '“': '"', '”': '"', '‘': "'", '’': "'",
};
const cjkThenLatin = new RegExp(`(?<=[${CJK}]) +(?=[${LATINISH}])`, 'gu');
const latinThenCjk = new RegExp(`(?<=[${LATINISH}]) +(?=[${CJK}])`, 'gu');

const APPLY: Record<NormalizerName, (s: string) => string> = {
  'blank-lines': (s) => s.replace(/\n[ \t]*(?:\n[ \t]*)+/g, '\n'),
  indent: (s) => s.replace(/^[ \t\u3000]+/gmu, '').replace(/\u3000/gu, ''),
  'punct-width': (s) => s.replace(/[（）：；，！？。“”‘’]/gu, (c) => WIDTH[c]),
  'cjk-latin-space': (s) => s.replace(cjkThenLatin, '').replace(latinThenCjk, ''),
};

/**
 * Normalises `text` for scoring.
 * @param names optional normalizers, applied in order
 * @throws Error naming an unknown normalizer
 */
export function normalizeForScore(text: string, names: readonly string[] = []): string {
  let s = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\s+$/u, '');
  for (const n of names) {
    const f = APPLY[n as NormalizerName];
    if (!f) throw new Error(`unknown normalizer "${n}" (known: ${NORMALIZERS.join(', ')})`);
    s = f(s);
  }
  return s;
}
