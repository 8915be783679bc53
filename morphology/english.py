"""English lemmas from spaCy's lookup table (spacy-lookups-data): "attachés" → "attaché".

The table is read from the installed package when the pipeline is built and
saved with it (`to_bytes`), so loading the pipeline needs nothing else.
"""

from typing import List, Optional, Sequence

from spacy.lookups import Table


class EnglishLemmatizer:
    def __init__(self, table: Optional[Table] = None) -> None:
        if table is None:
            from spacy.lookups import load_lookups

            table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        self.table = table

    def lemmas(self, words: Sequence[str]) -> List[str]:
        return [self.table.get(word.lower(), word) for word in words]

    def to_bytes(self) -> bytes:
        return self.table.to_bytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> "EnglishLemmatizer":
        return cls(Table(name="lemma_lookup").from_bytes(data))
