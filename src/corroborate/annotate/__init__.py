"""The annotate stage: marks up clean article text with what later stages compare.

Each module adds one kind of annotation, kept as character offsets into the
article's clean text: :mod:`corroborate.annotate.times` finds time expressions
and normalizes them to TIMEX3 values; :mod:`corroborate.annotate.nlp` holds the
shared spaCy pipeline used by the linguistic annotators.
"""
