"""Build eval/claims/gold.jsonl (guideline version 2) and eval/claims/articles/*.txt.

Articles:
- the 16 version-1 articles (GUM news, texts from eval/data/gum_news_sbd.jsonl), annotations from
  ann1..ann4.py, with the version-2 re-annotation in v2_old.py applied if that file exists
  (ADD = {doc_id: [claims]}, REPLACE = {doc_id: [(old_content_prefix, new_claim_or_None)]});
- the new version-2 articles (AMALGUM/Wikinews, texts in v2_texts.py), annotations in
  v2_new_*.py (dict A like ann1..4). An article of v2_texts.py without annotations is left out
  of gold.jsonl and reported.

Split (SPLIT.md): version-1 articles are all dev; a new article is test if
int(sha256(doc_id), 16) % 5 < 2, else dev.

Checks (the build stops on any error): every content is found in the text (unique, or anchored
with after=), no content spans a newline or has whitespace at its edges; indirect and belief
contents do not end with a period; every quote content sits between quote marks (unless its note
says "without quotation marks"); every quote mark in the text is covered by a quote claim or an
excluded_quotes entry; every cue occurs near its content.
"""
import glob, hashlib, json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import DOCS, QCH
import v2_texts
import v2_texts_ext  # noqa: F401  (registers the extension texts in v2_texts.TEXTS)

OUT = os.path.dirname(HERE)
GUIDELINE_VERSION = 2


def split_of(doc_id):
    if doc_id.startswith('GUM_news_'):
        return 'dev'
    return 'test' if int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 5 < 2 else 'dev'


# ---- version-1 articles
A_old = {}
for m in ['ann1', 'ann2', 'ann3', 'ann4']:
    A_old.update(__import__(m).A)
A_old = {d: dict(claims=list(v['claims']), excluded_quotes=list(v['excluded_quotes'])) for d, v in A_old.items()}
errors = []


def content_key(c):
    return c['content'][0] if isinstance(c['content'], tuple) else c['content']


if os.path.exists(os.path.join(HERE, 'v2_old.py')):
    import v2_old
    for did, pairs in getattr(v2_old, 'REPLACE', {}).items():
        for old_prefix, new in pairs:
            hits = [i for i, c in enumerate(A_old[did]['claims']) if content_key(c).startswith(old_prefix)]
            if len(hits) != 1:
                errors.append(f'{did}: v2_old REPLACE prefix {old_prefix!r} matches {len(hits)} claims'); continue
            if new is None:
                del A_old[did]['claims'][hits[0]]
            else:
                A_old[did]['claims'][hits[0]] = new
    for did, claims in getattr(v2_old, 'ADD', {}).items():
        A_old[did]['claims'].extend(claims)
    for did, exs in getattr(v2_old, 'EXCLUDED_ADD', {}).items():
        A_old[did]['excluded_quotes'].extend(exs)

# ---- new articles
A_new = {}
for path in sorted(glob.glob(os.path.join(HERE, 'v2_new_*.py'))):
    mod = __import__(os.path.basename(path)[:-3])
    for did in mod.A:
        if did in A_new:
            errors.append(f'{did}: annotated twice')
    A_new.update(mod.A)
unknown = set(A_new) - set(v2_texts.TEXTS)
if unknown:
    errors.append(f'annotations without text: {sorted(unknown)}')
missing = sorted(set(v2_texts.TEXTS) - set(A_new))


def locate(text, content, after, did):
    base = 0
    if after is not None:
        n = text.count(after)
        if n != 1: errors.append(f'{did}: anchor {after!r} occurs {n}x')
        base = text.find(after)
    if isinstance(content, tuple):
        pre, suf = content
        n = text.count(pre, base)
        if n == 0 or (n != 1 and after is None): errors.append(f'{did}: prefix {pre!r} occurs {n}x after anchor')
        s = text.find(pre, base)
        e = text.find(suf, s)
        if s < 0 or e < 0: errors.append(f'{did}: not found {content!r}'); return None
        e += len(suf)
        if '\n' in text[s:e]: errors.append(f'{did}: content spans newline {content!r}')
        return s, e
    n = text.count(content, base)
    if n == 0: errors.append(f'{did}: not found {content!r}'); return None
    if n != 1 and after is None: errors.append(f'{did}: {content!r} occurs {n}x (need anchor)')
    s = text.find(content, base)
    return s, s + len(content)


def build_doc(did, text, ann, source, licence, url):
    claims, qclaims = [], []
    for c in ann['claims']:
        c = dict(c)
        loc = locate(text, c['content'], c.pop('_after'), did)
        if loc is None: continue
        s, e = loc
        c['content'] = text[s:e]; c['content_start'] = s; c['content_end'] = e
        if c['content'] != c['content'].strip(): errors.append(f'{did}: whitespace edge {c["content"][:30]!r}')
        if c['kind'] in ('indirect', 'belief'):
            # a final period is left out; an abbreviation's period before the sentence period stays ('the U.S..')
            if c['content'].endswith('.') and text[e:e+1] != '.':
                errors.append(f'{did}: {c["kind"]} ends with period {c["content"][-30:]!r}')
        else:
            unmarked = c.get('note') and 'without quotation marks' in c['note']
            i = s - 1
            while i >= 0 and text[i] == ' ': i -= 1
            j = e
            while j < len(text) and text[j] == ' ': j += 1
            if unmarked:
                # a mark that is there on one side only (e.g. a missing opening mark) is still this claim's
                qclaims.append((i if i >= 0 and text[i] in QCH else -1, j if j < len(text) and text[j] in QCH else -1))
            else:
                if text[i] not in QCH: errors.append(f'{did}: no open mark before {c["content"][:30]!r}')
                if not (j == len(text) or text[j] in QCH or text[j] == '\n'):
                    errors.append(f'{did}: no close mark after {c["content"][-30:]!r}: {text[j:j+5]!r}')
                qclaims.append((i, j))
        if c.get('note') is None: c.pop('note')
        if c['cue'] is not None:
            win_s, win_e = max(0, s - 300), min(len(text), e + 300)
            ms = list(re.finditer(re.escape(c['cue']), text[win_s:win_e], re.I))
            if not ms: errors.append(f"{did}: cue {c['cue']!r} not near claim {c['content'][:30]!r}")
            else:
                m = min(ms, key=lambda m: min(abs(win_s + m.start() - s), abs(win_s + m.start() - e)))
                c['cue'] = m.group(0)
        for k in ('addressee', 'according_to'):
            if c[k] is not None and c[k] not in text: errors.append(f'{did}: {k} {c[k]!r} not in text')
        claims.append(c)
    covered = set()
    for i, j in qclaims:
        covered.add(i); covered.add(j)
    for ex, why in ann['excluded_quotes']:
        k = text.find(ex)
        if k < 0: errors.append(f'{did}: excluded {ex!r} not found')
        while k >= 0:
            if k - 1 >= 0 and text[k-1] in QCH: covered.add(k - 1)
            if k + len(ex) < len(text) and text[k + len(ex)] in QCH: covered.add(k + len(ex))
            k = text.find(ex, k + 1)
    for q, ch in enumerate(text):
        if ch in QCH and q not in covered:
            errors.append(f'{did}: quote mark at {q} unaccounted: {text[max(0,q-40):q+40]!r}')
    claims.sort(key=lambda c: (c['content_start'], c['content_end']))
    order = ['kind', 'speaker', 'speaker_canonical', 'cue', 'content', 'content_start', 'content_end',
             'addressee', 'according_to', 'marginal', 'note']
    claims = [{k: c[k] for k in order if k in c} for c in claims]
    return {'doc_id': did, 'split': split_of(did), 'guideline_version': GUIDELINE_VERSION,
            'source': source, 'licence': licence, 'url': url, 'text': text, 'claims': claims,
            'excluded_quotes': [{'text': ex, 'reason': why} for ex, why in ann['excluded_quotes']]}


recs = []
for did in sorted(A_old):
    meta = DOCS[did].get('meta', {})
    recs.append(build_doc(did, DOCS[did]['text'], A_old[did],
                          f'GUM corpus (Zeldes 2017), text from Wikinews: {did}',
                          'CC BY 2.5 (text, Wikinews); CC BY 4.0 (GUM annotations)',
                          meta.get('sourceURL')))
for did in sorted(A_new):
    if did not in v2_texts.TEXTS: continue
    t = v2_texts.TEXTS[did]
    recs.append(build_doc(did, t['text'], A_new[did], t['source'], t['licence'], t['url']))

if errors:
    print('\n'.join(errors)); sys.exit(1)
os.makedirs(OUT + '/articles', exist_ok=True)
with open(OUT + '/gold.jsonl', 'w', encoding='utf-8') as f:
    for r in recs: f.write(json.dumps(r, ensure_ascii=False) + '\n')
for r in recs:
    with open(f"{OUT}/articles/{r['doc_id']}.txt", 'w', encoding='utf-8') as f: f.write(r['text'] + '\n')
print('ok', len(recs), 'articles,', sum(len(r['claims']) for r in recs), 'claims')
for r in recs: print(r['split'], r['doc_id'], len(r['claims']))
if missing:
    print('NOT YET ANNOTATED (left out of gold.jsonl):', ' '.join(missing))
