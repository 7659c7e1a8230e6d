import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import DOCS, QCH
A = {}
for m in ['ann1', 'ann2', 'ann3', 'ann4']:
    A.update(__import__(m).A)

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
chosen = sorted(A)
split = {d: ('test' if i % 3 == 2 else 'dev') for i, d in enumerate(chosen)}
errors = []

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

recs = []
for did in chosen:
    text = DOCS[did]['text']
    claims = []
    qclaims = []
    for c in A[did]['claims']:
        c = dict(c)
        loc = locate(text, c['content'], c.pop('_after'), did)
        if loc is None: continue
        s, e = loc
        c['content'] = text[s:e]; c['content_start'] = s; c['content_end'] = e
        if c['content'] != c['content'].strip(): errors.append(f'{did}: whitespace edge {c["content"][:30]!r}')
        if c['kind'] == 'indirect':
            if c['content'].endswith('.'): errors.append(f'{did}: indirect ends with period {c["content"][-30:]!r}')
        else:
            unmarked = c.get('note') and 'without quotation marks' in c['note']
            if not unmarked:
                i = s - 1
                while i >= 0 and text[i] == ' ': i -= 1
                j = e
                while j < len(text) and text[j] == ' ': j += 1
                if text[i] not in QCH: errors.append(f'{did}: no open mark before {c["content"][:30]!r}')
                if not (j == len(text) or text[j] in QCH or text[j] == '\n'):
                    errors.append(f'{did}: no close mark after {c["content"][-30:]!r}: {text[j:j+5]!r}')
                qclaims.append((i, j))
        if c.get('note') is None: c.pop('note')
        if c['cue'] is not None:
            import re as _re
            win_s, win_e = max(0, s - 300), min(len(text), e + 120)
            ms = [m for m in _re.finditer(_re.escape(c['cue']), text[win_s:win_e], _re.I)]
            if not ms: errors.append(f"{did}: cue {c['cue']!r} not near claim {c['content'][:30]!r}")
            else:
                # nearest occurrence to the content
                m = min(ms, key=lambda m: min(abs(win_s + m.start() - s), abs(win_s + m.start() - e)))
                c['cue'] = m.group(0)
        claims.append(c)
    # coverage of every quote character
    covered = set()
    for i, j in qclaims:
        covered.add(i); covered.add(j)
    for ex, why in A[did]['excluded_quotes']:
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
    recs.append({'doc_id': did, 'split': split[did],
                 'source': f'GUM corpus (Zeldes 2017), text from Wikinews: {did}',
                 'licence': 'CC BY 2.5 (text, Wikinews); CC BY 4.0 (GUM annotations)',
                 'text': text, 'claims': claims,
                 'excluded_quotes': [{'text': ex, 'reason': why} for ex, why in A[did]['excluded_quotes']]})

if errors:
    print('\n'.join(errors)); sys.exit(1)
os.makedirs(OUT + '/articles', exist_ok=True)
with open(OUT + '/gold.jsonl', 'w', encoding='utf-8') as f:
    for r in recs: f.write(json.dumps(r, ensure_ascii=False) + '\n')
for r in recs:
    with open(f"{OUT}/articles/{r['doc_id']}.txt", 'w', encoding='utf-8') as f: f.write(r['text'] + '\n')
print('ok', len(recs), sum(len(r['claims']) for r in recs))
for r in recs: print(r['split'], r['doc_id'], len(r['claims']))
