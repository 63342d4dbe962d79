import { openSync, writeSync, closeSync, statSync } from 'node:fs';

// A synthetic large document for the page benchmarks: ~100,000 characters of mixed Arabic and
// English news-like text with 5,000 entity spans and 300 quotes, in code point offsets.
const AR = ['قال', 'الوزير', 'إن', 'الحكومة', 'ستعلن', 'خطة', 'جديدة', 'للمياه', 'في', 'المدينة', 'خلال', 'الأسبوع'];
const EN = ['The', 'minister', 'said', 'that', 'the', 'council', 'would', 'publish', 'a', 'plan', 'for', 'water'];
const NAMES = ['لافروف', 'القاهرة', 'Lopez', 'Esbjerg', 'الأمم المتحدة', 'Reuters', 'بيسكوف', 'Bristol'];
const LABELS = ['PER', 'LOC', 'PER', 'LOC', 'ORG', 'ORG', 'PER', 'LOC'];

export function bigProject(chars = 100_000, spans = 5_000, quotes = 300) {
  let text = '';
  const outSpans: object[] = [];
  const cp = () => [...text].length;
  let pos = 0; // code points so far
  const push = (s: string) => { text += s; pos += [...s].length; };
  let para = 0;
  const quoteRanges: [number, number][] = [];
  while (pos < chars) {
    const words = para % 2 ? EN : AR;
    const paraStart = pos;
    for (let i = 0; i < 12; i++) {
      const name = NAMES[(para + i) % NAMES.length];
      const start = pos;
      push(name);
      if (outSpans.length < spans) {
        outSpans.push({ id: `s${outSpans.length + 1}`, start, end: pos, label: LABELS[(para + i) % LABELS.length], origin: i % 3 ? 'import' : 'editor' });
      }
      push(' ' + words.slice(0, 3 + (i % 5)).join(' ') + ' ');
    }
    if (quoteRanges.length < quotes) quoteRanges.push([paraStart + 1, pos - 1]);
    push('\n');
    para++;
  }
  void cp;
  const outQuotes = quoteRanges.map(([s, e], i) => ({ id: `q${i + 1}`, start: s, end: e, kind: i % 2 ? 'direct' : 'indirect', origin: 'model' }));
  return {
    format: 'sanad-project', version: 1, offset_unit: 'codepoint', name: 'bench', labels: [],
    documents: [{ id: 'bench-100k', title: 'Benchmark 100k', lang: 'ar', text, spans: outSpans, quotes: outQuotes }],
  };
}

// A corpus for the format benchmarks: Arabic and English sentences with named entities.
const C_AR = 'قال وزير الخارجية سيرغي لافروف إن موسكو مستعدة للحوار، وأضاف أن الاجتماع في القاهرة سيعقد يوم الاثنين. ';
const C_EN = 'Lavrov told Reuters in Geneva that talks with the United Nations would resume on Monday in Cairo. ';
const C_NAMES = ['لافروف', 'موسكو', 'القاهرة', 'Lavrov', 'Reuters', 'Geneva', 'United Nations', 'Cairo', 'Monday'];
const C_LABELS = ['PER', 'LOC', 'LOC', 'PER', 'ORG', 'LOC', 'ORG', 'LOC', 'DATE'];

/** Writes `n` documents of about `chars` code points with `spansPer` spans each: JSONL, or a
 * compact Sanad project file when `project` is set. */
export function writeCorpus(path: string, n: number, chars: number, spansPer: number, origin: string, project = false) {
  const unit = C_AR + C_EN;
  const unitCp = [...unit];
  // Spans of one unit, at code point offsets.
  const unitSpans: [number, number, string][] = [];
  for (let k = 0; k < C_NAMES.length; k++) {
    const i = unit.indexOf(C_NAMES[k]);
    const s = [...unit.slice(0, i)].length;
    unitSpans.push([s, s + [...C_NAMES[k]].length, C_LABELS[k]]);
  }
  const reps = Math.ceil(chars / unitCp.length);
  const body = unit.repeat(reps);
  const fd = openSync(path, 'w');
  let buf = project ? '{"format":"sanad-project","version":1,"offset_unit":"codepoint","name":"bench","labels":[],"documents":[\n' : '';
  for (let d = 0; d < n; d++) {
    const text = `${body}${d}`;
    const spans = [];
    for (let r = 0; r < reps && spans.length < spansPer; r++) {
      for (const [s, e, l] of unitSpans) {
        if (spans.length >= spansPer) break;
        spans.push({ id: `s${spans.length + 1}`, start: s + r * unitCp.length, end: e + r * unitCp.length, label: l, origin });
      }
    }
    const rec = JSON.stringify({ id: `doc-${d}`, title: `Document ${d}`, lang: d % 2 ? 'en' : 'ar', status: 'done', text, spans });
    buf += project ? (d ? ',\n' : '') + rec : rec + '\n';
    if (buf.length > 1 << 20) { writeSync(fd, buf); buf = ''; }
  }
  if (project) buf += '\n]}\n';
  writeSync(fd, buf);
  closeSync(fd);
  return statSync(path).size;
}

