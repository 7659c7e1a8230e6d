import json, os, re
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'gum_news_sbd.jsonl')
DOCS = {json.loads(l)['doc_id']: json.loads(l) for l in open(SRC)}
QCH = '"\u201c\u201d'

def C(kind, speaker, canon, cue, content, addressee=None, according_to=None, after=None, marginal=False, note=None):
    return dict(kind=kind, speaker=speaker, speaker_canonical=canon, cue=cue, content=content,
                addressee=addressee, according_to=according_to, _after=after, marginal=marginal, note=note)

def D(*a, **k): return C('direct_quote', *a, **k)
def P(*a, **k): return C('partial_quote', *a, **k)
def I(*a, **k): return C('indirect', *a, **k)
def B(*a, **k): return C('belief', *a, **k)
