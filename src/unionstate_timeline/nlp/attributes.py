"""The model's attribute_ruler, memoized: the same POS, MORPH and LEMMA at a tenth of the cost.

spaCy's AttributeRuler runs a Matcher of ~180 patterns over every token. Almost all of them look
at one token only (its TAG, LOWER, DEP, IS_SPACE), so what they assign depends on those four
values alone and can be remembered per distinct token. The few patterns that span several
tokens still run through a Matcher of their own. Matches are applied in the ruler's order (a
later pattern wins), so the result equals the ruler's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..temporal.gated import GatedMatcher

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

NAME = "unionstate_attributes"

# The token attributes single-token patterns of the English models test (see `_key`).
KEY_ATTRS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
# Distinct tokens remembered at most; past that the memo starts again (flat memory).
MEMO_SIZE = 200_000


Key = tuple[int, ...]  # a token's (TAG, LOWER or 0, DEP, IS_SPACE), as Doc.to_array gives them


class MemoAttributes:
    """A drop-in for an `AttributeRuler` whose single-token patterns test only KEY_ATTRS."""

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self.attrs: list[dict[Any, Any]] = []
        self.indices: list[int] = []
        self.single = Matcher(vocab)  # patterns of one token: remembered per token key
        # patterns of several tokens: matched per Doc, only around the words they need
        self.multi: GatedMatcher | None = None
        self._memo: dict[Key, tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict[int, int]] = {}  # pattern ids -> values
        self.columns: list[int | str] = []  # the attributes any pattern sets
        # the words single patterns name (None: some pattern tests LOWER in another way, so
        # every word is kept in the key); any other word is one key, "no word a pattern names"
        self._words: frozenset[str] | None = frozenset()
        self._word_res: list[Any] = []
        self._kept: dict[int, int] = {}  # LOWER -> itself when a pattern may name it, else 0

    def learn(self, ruler: AttributeRuler) -> None:
        """Take over the patterns of `ruler`, keeping their order (a later one wins)."""
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self._memo.clear()
        self._merged.clear()
        self._kept.clear()
        self._words, self._word_res = _named_words(ruler, self.vocab)
        self.columns = sorted({name for values in self.attrs for name in values})
        multi = []
        for attr_id in range(len(self.attrs)):
            key = str(attr_id)
            patterns = ruler.matcher.get(self.vocab.strings[key])[1]
            if all(len(p) == 1 and set(p[0]) <= KEY_ATTRS for p in patterns):
                self.single.add(key, patterns)
            else:
                multi.append((key, patterns))
        self.multi = GatedMatcher(self.vocab, multi) if multi else None

    @classmethod
    def replacing(cls, nlp: Any, name: str = "attribute_ruler") -> None:
        """Put a memoized copy in place of the pipeline's attribute ruler, if it has one and
        it sets token attributes only (values written as arrays; no extension attributes)."""
        if name not in nlp.pipe_names:
            return
        ruler = nlp.get_pipe(name)
        if not all(
            isinstance(k, int) and isinstance(v, int) for a in ruler.attrs for k, v in a.items()
        ):
            return
        register()
        nlp.replace_pipe(name, NAME)
        nlp.get_pipe(name).learn(ruler)  # the component keeps its name

    def _single_ids(self, doc: Doc, i: int, key: Key) -> tuple[int, ...]:
        found = self._memo.get(key)
        if found is None:
            matches = self.single(doc[i : i + 1], allow_missing=True, as_spans=False)
            found = tuple(sorted(int(self.vocab.strings[m_id]) for m_id, _, _ in matches))
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found

    def _kept_word(self, lower: int) -> int:
        """The token's LOWER in its key: itself when a single pattern may test it, else 0."""
        found = self._kept.get(lower)
        if found is None:
            text = self.vocab.strings[lower]
            words = self._words
            found = (
                lower
                if words is None or text in words or any(r.search(text) for r in self._word_res)
                else 0
            )
            if len(self._kept) >= MEMO_SIZE:
                self._kept.clear()
            self._kept[lower] = found
        return found

    def _values(self, ids: tuple[int, ...]) -> dict[int, int]:
        """The attributes the patterns `ids` set, in order (a later pattern wins)."""
        found = self._merged.get(ids)
        if found is None:
            found = {}
            for attr_id in ids:
                found.update(self.attrs[attr_id])
            self._merged[ids] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Read every token's key in one array, look its patterns up, and write the values back
        in one array: per token, the patterns' attributes in order, a later pattern winning."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if not len(doc) or not self.columns:
            return doc
        kept = self._kept_word
        per_token = [
            self._single_ids(doc, i, (tag, kept(lower), dep, space))
            for i, (tag, lower, dep, space) in enumerate(
                doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
            )
        ]
        if self.multi is not None:
            for m_id, start, end in self.multi.near_keys(doc):
                attr_id = int(self.vocab.strings[m_id])
                target = range(start, end)[self.indices[attr_id]]
                per_token[target] = tuple(sorted((*per_token[target], attr_id)))
        columns = self.columns
        where = {name: j for j, name in enumerate(columns)}
        table: Any = doc.to_array(columns).reshape(len(doc), len(columns))
        for i, ids in enumerate(per_token):
            for name, value in self._values(ids).items():
                table[i, where[name]] = value
        doc.from_array(columns, table)
        return doc


def _named_words(ruler: AttributeRuler, vocab: Any) -> tuple[frozenset[str] | None, list[Any]]:
    """The words the ruler's single-token patterns test with LOWER (a word, a list, a regular
    expression); None when one tests it another way (NOT_IN...), so every word matters."""
    import re

    words: set[str] = set()
    res = []
    for attr_id in range(len(ruler.attrs)):
        for pattern in ruler.matcher.get(vocab.strings[str(attr_id)])[1]:
            if len(pattern) != 1 or "LOWER" not in pattern[0]:
                continue
            spec = pattern[0]["LOWER"]
            if isinstance(spec, str):
                words.add(spec)
            elif isinstance(spec, dict) and set(spec) == {"IN"}:
                words.update(spec["IN"])
            elif isinstance(spec, dict) and set(spec) == {"REGEX"}:
                res.append(re.compile(spec["REGEX"]))
            else:
                return None, []
    return frozenset(words), res


def register() -> None:
    """Register the component factory (idempotent); `MemoAttributes.replacing` fills it."""
    from spacy.language import Language

    if NAME in Language.factories:
        return

    @Language.factory(NAME, assigns=["token.pos", "token.morph", "token.lemma"])
    def make_memo_attributes(nlp: Language, name: str) -> MemoAttributes:
        return MemoAttributes(nlp.vocab)
