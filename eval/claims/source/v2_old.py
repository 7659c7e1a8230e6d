"""Version-2 changes to the 16 version-1 gold articles (GUM Wikinews), made by hand by re-reading
each text (GUIDELINE.md, section "Version 2"). No extraction code or pipeline output was looked at.

ADD     doc_id -> claims the v1 gold lacks under v2.
REPLACE doc_id -> [(old_content_prefix, new_claim_or_None)]: the v1 claim whose content starts with
        old_content_prefix (unique within the article) is replaced; None would remove it (none do).

Counts (adds: B = belief, I = indirect; m = marginal. Replaces: what changes)
  afghan        add 2: B 1m (organisation's plan), I 1m (accusation 'blame ... for' + gerund)
  asylum        replace 2: Basya 'believes' indirect -> belief; 'Estimates suggest' marginal -> ordinary
  clock         add 3: B 3 (1m: narrated plan)
  defector      add 2: B 1 ('came to the conclusion that'), I 1m (agentless 'was charged with' + gerund)
                replace 1: 'Recent reports have revealed' marginal -> ordinary
  flag          add 2: B 1m (government 'intends to'), I 1m (position 'promoted the campaign for')
                replace 1: 'a recent poll found' marginal -> ordinary
  hackers       add 1: I 1 (nominal directive 'requests to')
                replace 1: 'History' section canonical -> its site, Insurgency Wiki
  homeopathic   no change
  ie9           add 2: B 1m ('Its goal is to'), I 1m ('campaign to persuade users to')
  iodine        add 1: I 1m (sourceless nominal 'calls for')
                replace 2: 'A new study ... revealed', 'The results ... revealed' marginal -> ordinary
  korea         no change
  nasa          no change
  questionnaire add 4: B 1 ('over fears'), I 3m (denial in relative clause, garbled 'media reports',
                position 'backed')
                replace 4: both Home Office letters canonical -> United Kingdom Home Office;
                'Figures ... show' marginal -> ordinary; quoted questionnaire question marginal -> ordinary
  sensitive     replace 1: Baird's 'asked how ...' partial quote marginal -> ordinary
  taxes         add 2: I 1 (document 'the request of ... asking'), I 1m (position 'proposing')
                replace 1: 'are concerned' marginal indirect -> belief
  warhol        add 3: B 3m (rhetorical question; relative-clause gap; narrator's 'Perhaps ... lesson')
  warming       replace 3: 'The scientists found', 'Results of NCLAN studies show' (canonical -> AS Heagle),
                'The researchers found' marginal -> ordinary
Totals: add 22 (B 11, of which 7 marginal; I 11, of which 9 marginal); replace 16 (none removed).

Not added (judged outside v2): negated attitudes ('Microsoft no longer wants to support it'); generic
restrictive relatives ('schools and universities that want to ...', 'the member who wishes to leave');
agentless knowledge ('it became known that'); 'For Kevin Allton, S'; noun-phrase objects and stance
adjectives with a noun phrase ('requested donations', 'his requests for payment', 'expressed interest in
further donations', 'announced the locations', 'were critical of the attacks', 'Not all were pleased with
the final choice'); describe/characterize/rate X as Y with nothing quoted (homeopathic, asylum, taxes);
decisions and requirements ('decided to treat', 'requires members to sign'); attitudes inside a v1 claim's
content (nested rule: 'there were concerns', 'wishes to use', 'wanted to meet', 'a WHO recommendation
that'); the sensitive 'Sources' lines (titles, not credited quotations).
Kept as marginal (v2 does not change them): agentless passives, 'admitted to being', unmarked pull
quotes (nasa), the questionnaire's null-speaker wording "must be completed in English", quoted labels
('highly critical'), relative-clause gaps (asylum AFP), warhol 'The program ... encourages', sensitive
'the government says'.

check() validates this file against gold.jsonl; run `python3 -c "import v2_old; v2_old.check()"`.
"""
from common import B, D, I, P

ADD = {
 'GUM_news_afghan': [
  B("the organization", "FIRST Global", "plans", "to hold the contest in a different country every year",
    marginal=True, note="v2 belief: plan (to) stated by the narrator as the body's intention -> marginal"),
  I("critics", "critics", "blame", "denying them entry in the first place", marginal=True,
    note="accusation 'blame X for' + gerund inside a relative clause with a gap (like 'are also accused of'); "
         "v1-rule item missing from the v1 gold"),
 ],
 'GUM_news_asylum': [],
 'GUM_news_clock': [
  B("he", "Ahmed Mohamed", "plans", "to meet international dignitaries at the United Nations headquarters in New York",
    marginal=True, note="v2 belief: plan (to) stated by the narrator -> marginal"),
  B("a teacher", "a teacher", "thought", "it resembled a bomb",
    note="v2 belief: narrated private thought with clausal complement (the guideline's own example)"),
  B("Amneh Jafari", "Amneh Jafari", "wanted", "to issue her support to Mohamed",
    note="v2 belief: want + infinitive with a named holder"),
 ],
 'GUM_news_defector': [
  B("Montalvo", "Daniel Montalvo", "conclusion", "the claims made about him in the Freedom article were lies",
    note="v2 belief noun: 'came to the conclusion that' + clause, holder the subject of the light verb"),
  I(None, None, "charged", "taking hard drives and a zip drive from the Scientology organization after leaving the Sea Org group",
    marginal=True, note="agentless passive accusation + gerund (as homeopathic 'are also accused of'); v1-rule item "
                        "missing from the v1 gold"),
 ],
 'GUM_news_flag': [
  B("The New Zealand government", "New Zealand government", "intends",
    "to hold two referendums to reach a verdict on the flag, at an estimated cost of NZ $ 26 million",
    marginal=True, note="v2 belief: intend (to) stated by the narrator as the body's intention -> marginal"),
  I("Key", "John Key", "promoted", "the campaign for a unique New Zealand flag", marginal=True,
    note="v2 position: 'promoted' (advocacy) + noun phrase -> marginal indirect"),
 ],
 'GUM_news_hackers': [
  I("the Church of Scientology", "Church of Scientology", "requests", "to take down the video",
    note="v2 nominal cue: directive noun 'requests' with possessive source and infinitival complement "
         "(the nominal of 'ask ... to')"),
 ],
 'GUM_news_homeopathic': [],
 'GUM_news_ie9': [
  B("Its", "Microsoft", "goal", "to decrease IE6 users to less than one percent", marginal=True,
    note="v2 belief noun: goal (intention) + infinitive, 'Its' = Microsoft's campaign; stated by the narrator -> marginal"),
  I("Microsoft", "Microsoft", "persuade", "to stop using IE6 and update to a newer IE", addressee="users",
    marginal=True, note="directive 'persuade users to' + infinitive as the purpose of Microsoft's campaign (website); "
                        "v1-rule item missing from the v1 gold; the narrator's description of the campaign -> marginal"),
 ],
 'GUM_news_iodine': [
  I(None, None, "calls for", "all edible salt to be iodised", marginal=True,
    note="v2 nominal cue / position with no identifiable source ('The report has prompted calls for'): "
         "speaker null, marginal"),
 ],
 'GUM_news_korea': [],
 'GUM_news_nasa': [],
 'GUM_news_questionnaire': [
  B("Boris Johnson", "Boris Johnson", "fears",
    ("it would amount to amnesty, which the Home Office", "the UK's welfare and housing systems"),
    note="v2 belief noun: 'rejected by Boris Johnson over fears' + clause; holder = agent of the rejection; "
         "content keeps the parenthetical relative clause (as warhol 'said Mauer')"),
  I("the Home Office", "United Kingdom Home Office", "rejects", "it would amount to amnesty", marginal=True,
    note="denial in a relative clause with a gap ('which the Home Office today rejects'); content is the "
         "rejected proposition; v1-rule item missing from the v1 gold"),
  I("media", "media", "reports", "range from ten to 32 pages with 40 to 50 questions", marginal=True,
    note="garbled relative clause with a gap ('The document, which media reports range from ...'); "
         "v1-rule item missing from the v1 gold"),
  I("the British Red Cross", "British Red Cross", "backed", "A similar fast-track system", marginal=True,
    note="v2 position: 'backed by' (support) + noun phrase -> marginal indirect"),
 ],
 'GUM_news_sensitive': [],
 'GUM_news_taxes': [
  I("the request of the Municipality of Livorno", "Municipality of Livorno", "asking", "to pay property taxes",
    addressee="religious schools",
    note="v2 documents and bodies as sources: the request (document) 'asking religious schools to pay ...'"),
  I("Roberto Maroni", "Roberto Maroni", "proposing", "some regional counter-measures to finance private schools",
    marginal=True, note="v2 position: 'proposing' + noun phrase -> marginal indirect"),
 ],
 'GUM_news_warhol': [
  B("she", "Kiara Perkins", "want", "to attend", after="Why did she so badly want", marginal=True,
    note="v2 belief: want + infinitive, presupposed in the writer's rhetorical question -> marginal"),
  B("they", "Exhibit goers", "wanted", "to attend", after="exhibit they had wanted", marginal=True,
    note="v2 belief: want + infinitive in a relative clause with a gap ('the very exhibit they had wanted to attend') -> marginal"),
  B("they", "many people Wikinews observed", "lesson", "cultural events like these were ripe for use and reuse",
    marginal=True, note="v2 belief noun: 'learned an important lesson ... that' + clause; narrator's hedged "
                        "speculation ('Perhaps') -> marginal"),
 ],
 'GUM_news_warming': [],
}

REPLACE = {
 'GUM_news_afghan': [],
 'GUM_news_asylum': [
  ("the asylum seekers found in the w",
   B("Basya", "Fuad Basya", "believes", ("the asylum seekers found in the water may", "away from Indonesia waters"),
     according_to="ABC News",
     note="v2 belief: 'believes' + clause is now belief; 'According to A, B believes X' keeps B as holder")),
  ("8000 migrants may be currently a",
   I("Estimates", "Estimates", "suggest", "8000 migrants may be currently at sea in the region",
     note="v2 documents as sources: evidential 'suggest' with estimates as subject is now ordinary (was marginal)")),
 ],
 'GUM_news_clock': [],
 'GUM_news_defector': [
  ("a defector from the elite group ",
   I("Recent reports", "Recent reports", "revealed",
     ("a defector from the elite group within Scientology called the Sea Org was first", "and then arrested"),
     note="v2 documents as sources: 'reports have revealed' is now ordinary (was marginal); author not named")),
 ],
 'GUM_news_flag': [
  ("only a quarter of citizens favou",
   I("a recent poll", "a recent poll", "found", "only a quarter of citizens favoured changing the flag",
     note="v2 documents as sources: 'a poll found' is now ordinary (was marginal); author not named")),
 ],
 'GUM_news_hackers': [
  ("the incident was prompted by the",
   I('The "History" section of the site', "Insurgency Wiki", "explains",
     ("the incident was prompted by the Church of Scientology's attempts", "Tom Cruise from YouTube"),
     note="v2 documents as sources: canonical is the document's author as named, the site 'Insurgency Wiki'")),
 ],
 'GUM_news_homeopathic': [],
 'GUM_news_ie9': [],
 'GUM_news_iodine': [
  ("many are not getting enough iodi",
   I("A new study documenting iodine nutritional status in Australian school children",
     "A new study documenting iodine nutritional status in Australian school children", "revealed",
     "many are not getting enough iodine - which can lead to mental and growth retardation",
     note="v2 documents as sources: 'a study has revealed' is now ordinary (was marginal); author not named")),
  ("children in mainland Australia a",
   I("The results of the Australian National Iodine Nutrition Study",
     "The results of the Australian National Iodine Nutrition Study", "revealed",
     "children in mainland Australia are borderline iodine deficient",
     note="v2 documents as sources: 'The results ... revealed' is now ordinary (was marginal); author not named")),
 ],
 'GUM_news_korea': [],
 'GUM_news_nasa': [],
 'GUM_news_questionnaire': [
  ("failure to return the questionna",
   D("A leaked internal letter", "United Kingdom Home Office", "says",
     ("failure to return the questionnaire", "the published policy"),
     note="v2 documents as sources: canonical is the letter's author, the Home Office (the same letter is "
          "'The Home Office letter' below)")),
  ("we may extend the use of the que",
   D("The Home Office letter", "United Kingdom Home Office", "reads",
     ("we may extend the use of the questionnaire", "in due course"),
     note="v2 documents as sources: canonical is the letter's author as named, the United Kingdom Home Office")),
  ("a record 45,756 migrants crossin",
   I("Figures to be published today", "Figures to be published today", "show",
     ("a record 45,756 migrants crossing the Channel", "over 150,000, also a record"),
     note="v2 documents as sources: 'Figures ... show' is now ordinary (was marginal); author not named")),
  ("Were you subject to human traffi",
   D("The Guardian", "The Guardian", "cited", ("Were you subject to human trafficking", "after you arrived in the UK?"),
     note="v2 questions: a quoted question is a direct_quote as any other, and document wording is no longer "
          "marginal (was marginal); the words are the questionnaire's, cited by the Guardian")),
 ],
 'GUM_news_sensitive': [
  ("approved security cabinets",
   P("John Baird", "John Baird", "asked", "approved security cabinets", addressee="government officials",
     note="v2 questions: 'asked officials how ...' is an ordinary claim (was marginal as a wh-complement); "
          "the v1 fragment rule keeps only the quoted fragment as partial_quote")),
 ],
 'GUM_news_taxes': [
  ("the Government will modify the l",
   B("Italian secularist associations", "Italian secularist associations", "are concerned",
     "the Government will modify the law in order to maintain an exception for religious schools",
     note="v2 belief: stance adjective 'are concerned' + clause is a belief, no longer marginal")),
 ],
 'GUM_news_warhol': [],
 'GUM_news_warming': [
  ("reduction of crop yields by 2050",
   I("The scientists", "The scientists", "found",
     ("reduction of crop yields by 2050 exceeded", "in all cases examined"),
     note="v2: evidential 'found' (the study's findings) is now ordinary (was marginal)")),
  ("dicot species, such as soybean",
   I("Results of NCLAN studies", "AS Heagle", "show",
     ("dicot species, such as soybean", "field corn, and winter wheat"),
     note="v2 documents as sources: 'Results ... show' is now ordinary (was marginal); canonical is the named "
          "author of the paper that published them ('a paper by AS Heagle')")),
  ("ozone pollution caused 46 percen",
   I("The researchers", "The researchers", "found",
     "ozone pollution caused 46 percent of previously heat-attributed damage to soybean crops",
     note="v2: evidential 'found' (research findings) is now ordinary (was marginal)")),
 ],
}


def check():
    """Validate against gold.jsonl (v1 build): prefixes unique, new content located, cues near."""
    import json, os
    here = os.path.dirname(os.path.abspath(__file__))
    gold = {}
    for line in open(os.path.join(here, '..', 'gold.jsonl'), encoding='utf-8'):
        r = json.loads(line)
        gold[r['doc_id']] = r
    ann = {}
    for m in ['ann1', 'ann2', 'ann3', 'ann4']:
        ann.update(__import__(m).A)
    errors = []

    def locate(did, text, c):
        content, after = c['content'], c['_after']
        base = 0
        if after is not None:
            if text.count(after) != 1:
                errors.append(f'{did}: anchor {after!r} occurs {text.count(after)}x')
            base = text.find(after)
        pre = content[0] if isinstance(content, tuple) else content
        n = text.count(pre, base)
        if n == 0 or (n != 1 and after is None):
            errors.append(f'{did}: {pre!r} occurs {n}x')
            return None
        s = text.find(pre, base)
        e = s + len(pre)
        if isinstance(content, tuple):
            e = text.find(content[1], s)
            if e < 0:
                errors.append(f'{did}: suffix {content[1]!r} not found')
                return None
            e += len(content[1])
        seg = text[s:e]
        if '\n' in seg or seg != seg.strip() or (c['kind'] in ('indirect', 'belief') and seg.endswith('.')):
            errors.append(f'{did}: bad span {seg!r}')
        if c['cue'] is not None and c['cue'].lower() not in text[max(0, s - 300):e + 120].lower():
            errors.append(f'{did}: cue {c["cue"]!r} not near {seg[:30]!r}')
        for k in ('addressee', 'according_to'):
            if c[k] is not None and c[k] not in text:
                errors.append(f'{did}: {k} {c[k]!r} not in text')
        if (c['speaker'] is None) != (c['speaker_canonical'] is None):
            errors.append(f'{did}: speaker/canonical nullness differs')
        return s, e

    for did in sorted(set(ADD) | set(REPLACE)):
        if did not in gold:
            errors.append(f'{did}: not in gold'); continue
        text, v1 = gold[did]['text'], gold[did]['claims']
        for c in ADD.get(did, []):
            loc = locate(did, text, c)
            if loc and any(o['content_start'] == loc[0] and o['content_end'] == loc[1] and o['kind'] == c['kind']
                           for o in v1):
                errors.append(f'{did}: added claim duplicates a v1 claim {text[loc[0]:loc[1]][:30]!r}')
        for pre, new in REPLACE.get(did, []):
            hits = [o for o in v1 if o['content'].startswith(pre)]
            src = [o for o in ann[did]['claims']
                   if (o['content'][0] if isinstance(o['content'], tuple) else o['content']).startswith(pre)]
            if len(hits) != 1 or len(src) != 1:
                errors.append(f'{did}: prefix {pre!r} matches {len(hits)} v1 claims, {len(src)} ann entries')
                continue
            if new is not None:
                loc = locate(did, text, new)
                if loc and (loc[0], loc[1]) != (hits[0]['content_start'], hits[0]['content_end']):
                    errors.append(f'{did}: replacement span differs from v1 for {pre!r}')
    print('\n'.join(errors) if errors else
          f'ok: add {sum(map(len, ADD.values()))}, replace {sum(map(len, REPLACE.values()))}')
    return not errors
