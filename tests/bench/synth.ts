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
