"""Word lists for attribution: reporting verbs, source nouns, titles and pronouns.

The shared spaCy pipeline runs without its lemmatizer (see ``annotate.nlp``), so
reporting verbs are listed with their inflected forms here: ``CUE_FORMS`` maps
each form (lower case) to its lemma. The lists are deliberately general news
vocabulary, not words picked from any benchmark file.
"""

from __future__ import annotations

#: Verbs of saying that introduce what someone said, reported or wrote.
#: Mental-state verbs (think, believe, want) are left out on purpose: the
#: brief reports who *said* what, not what a writer says someone thinks.
REGULAR_CUE_VERBS: tuple[str, ...] = (
    "acknowledge", "add", "admit", "allege", "announce", "answer", "argue", "assert",
    "caution", "charge", "claim", "comment", "complain", "concede", "confirm",
    "contend", "declare", "deny", "describe", "disclose", "emphasize", "emphasise",
    "estimate", "explain", "indicate", "insist", "maintain", "mention", "note",
    "observe", "predict", "promise", "recall", "reiterate", "remark", "reply",
    "report", "respond", "reveal", "state", "stress", "suggest", "testify",
    "tweet", "post", "underscore", "urge", "vow", "warn", "ask", "concur",
    "acknowledge", "assure", "boast", "counter", "retort", "quip", "joke",
    "pledge", "signal", "point", "threaten",
)

#: Irregular verbs of saying with all their forms.
IRREGULAR_CUE_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "forecast": ("forecast", "forecasts", "forecasted", "forecasting"),
    # Polls, studies and documents "show" and "find" things; these count only
    # with a reported clause ("a poll found that …"), never with an object.
    "show": ("show", "shows", "showed", "shown", "showing"),
    "find": ("find", "finds", "found", "finding"),
}

#: Cues that need a reported clause: an object alone ("found the keys") is no attribution.
CLAUSE_ONLY_CUES: frozenset[str] = frozenset({"show", "find"})

#: Nouns that report speech when followed by a that-clause ("Trump's claim that …").
NOMINAL_CUES: frozenset[str] = frozenset(
    """claim claims assertion assertions allegation allegations argument statement remark remarks
    comment comments warning promise pledge insistence admission contention suggestion
    announcement acknowledgment acknowledgement denial prediction""".split()
)

#: Cue verbs whose subject is often a thing rather than a source ("the show underscored
#: how …", "the plan promises to …", "the names mentioned are …"): with a plain common
#: noun as subject they are no attribution. Other cues keep such subjects ("the pastor
#: said", "polls show"): on the PolNeAR train split those were mostly real attributions.
THING_SUBJECT_CUES: frozenset[str] = frozenset(
    {"underscore", "mention", "promise", "threaten", "boast", "describe", "disclose", "signal", "point"}
)

#: Cue verbs that need a particle to be a cue ("pointed out").
PARTICLE_CUES: dict[str, str] = {"point": "out"}


def _regular_forms(lemma: str) -> tuple[str, ...]:
    """The -s, -ed and -ing forms of a regular English verb."""
    if lemma.endswith("e"):
        stem = lemma[:-1]
        return (lemma, lemma + "s", lemma + "d", stem + "ing")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        stem = lemma[:-1]
        return (lemma, stem + "ies", stem + "ied", lemma + "ing")
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


def _cue_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma in REGULAR_CUE_VERBS:
        for form in _regular_forms(lemma):
            forms[form] = lemma
    for lemma, irregular in IRREGULAR_CUE_FORMS.items():
        for form in irregular:
            forms[form] = lemma
    return forms


#: Inflected form (lower case) -> lemma, for every cue verb.
CUE_FORMS: dict[str, str] = _cue_forms()

#: Head nouns of sources that are people or groups described but not named.
ANONYMOUS_NOUNS: frozenset[str] = frozenset(
    """official officials source sources spokesman spokeswoman spokesperson spokespeople
    aide aides diplomat diplomats officer officers person people insider insiders
    adviser advisers advisor advisors staffer staffers analyst analysts expert experts
    lawmaker lawmakers member members representative representatives witness witnesses
    resident residents commander commanders negotiator negotiators minister ministers
    investigator investigators observer observers critic critics supporter supporters
    leader leaders executive executives employee employees voter voters protester protesters
    demonstrator demonstrators activist activists student students parent parents worker workers
    lawyer lawyers attorney attorneys prosecutor prosecutors doctor doctors scientist scientists
    researcher researchers economist economists historian historians president chairman
    chairwoman chair senator senators governor mayor candidate candidates nominee secretary
    director ceo founder host anchor reporter reporters journalist journalists questioner mogul
    billionaire businessman businesswoman author professor chief judge justice ambassador general
    percent majority minority plurality half respondents""".split()
)

#: Head nouns of sources that are documents rather than people.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """statement statements report reports release communique communiqué readout
    document documents letter letters memo memorandum filing filings complaint
    indictment ruling order assessment study survey poll analysis review transcript
    announcement declaration affidavit lawsuit email emails post tweet notice
    resolution agreement proposal plan article story ad ads advertisement commercial clip video
    website site index polls surveys studies reports data""".split()
)

#: Words that mark a source as speaking on condition of anonymity.
ANONYMITY_MARKERS: tuple[str, ...] = (
    "anonymity",
    "anonymously",
    "not authorized",
    "not authorised",
    "declined to be named",
    "not be named",
    "not to be named",
    "without being named",
    "unnamed",
    "anonymous",
)

#: Titles and role nouns that say a person is a woman or a man.
FEMALE_MARKERS: frozenset[str] = frozenset(
    """ms. ms mrs. mrs miss madam spokeswoman congresswoman chairwoman businesswoman
    woman queen princess duchess sister mother wife daughter""".split()
)
MALE_MARKERS: frozenset[str] = frozenset(
    """mr. mr sir spokesman congressman chairman businessman man king prince duke
    brother father husband son""".split()
)

#: Honorifics that come before a surname ("Ms. Singh").
HONORIFICS: frozenset[str] = frozenset(
    """mr. mr ms. ms mrs. mrs miss dr. dr prof. prof gen. gen col. col lt. sgt.
    adm. rep. sen. gov. sir""".split()
)

#: Pronouns that can refer to a speaker, with the kind of antecedent they take.
PERSON_PRONOUNS: dict[str, str] = {"he": "male", "she": "female", "him": "male", "her": "female"}
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them"})
THING_PRONOUNS: frozenset[str] = frozenset({"it"})
FIRST_PERSON_PRONOUNS: frozenset[str] = frozenset({"i", "we", "me", "us"})

#: Head nouns of sources that are institutions ("the administration said").
ORGANIZATION_NOUNS: frozenset[str] = frozenset(
    """administration government ministry department agency military army navy
    campaign company firm party committee commission council court police
    embassy office bureau group groups coalition alliance union organization organisation
    bank network team panel newspaper paper outlet magazine station channel network
    pentagon kremlin""".split()
)

#: Cue verbs whose infinitive complement is a stated intention ("vowed to punish").
INTENT_CUES: frozenset[str] = frozenset({"vow", "promise", "pledge", "threaten"})

#: Cue verbs whose object and infinitive are what someone was told to do ("urged Congress to act").
DIRECTIVE_CUES: frozenset[str] = frozenset({"urge", "ask", "tell", "warn"})

#: Verbs that introduce speech only right next to a quotation ("she continued, “…”",
#: "the letter reads: “…”"); elsewhere they mean something else.
DIRECT_CUE_FORMS: dict[str, str] = {
    form: lemma
    for lemma, forms in {
        "continue": ("continue", "continues", "continued", "continuing"),
        "shout": ("shout", "shouts", "shouted", "shouting"),
        "yell": ("yell", "yells", "yelled", "yelling"),
        "scream": ("scream", "screams", "screamed", "screaming"),
        "chant": ("chant", "chants", "chanted", "chanting"),
        "exclaim": ("exclaim", "exclaims", "exclaimed", "exclaiming"),
        "demand": ("demand", "demands", "demanded", "demanding"),
        "read": ("read", "reads", "reading"),
        "put": ("put", "puts", "putting"),
        "begin": ("begin", "begins", "began", "beginning"),
        "conclude": ("conclude", "concludes", "concluded", "concluding"),
    }.items()
    for form in forms
}

#: Source nouns that count people ("a majority said") and so never take "he" or "she".
QUANTITY_NOUNS: frozenset[str] = frozenset({"percent", "majority", "minority", "plurality", "half", "respondents"})
