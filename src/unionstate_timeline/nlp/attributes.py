"""The model's attribute_ruler, memoized: the same POS, MORPH and LEMMA at a tenth of the cost.

spaCy's AttributeRuler runs a Matcher of ~180 patterns over every token. Almost all of them look
at one token only (its TAG, LOWER, DEP, IS_SPACE), so what they assign depends on those four
values alone and can be remembered per distinct token. The few patterns that span several
tokens still run through a Matcher of their own. Matches are applied in the ruler's order (a
later pattern wins), so the result equals the ruler's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc, Token

NAME = "unionstate_attributes"

# The token attributes single-token patterns of the English models test (see `_key`).
KEY_ATTRS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
# Distinct tokens remembered at most; past that the memo starts again (flat memory).
MEMO_SIZE = 200_000


def _key(token: Token) -> tuple[int, int, int, bool]:
    return (token.tag, token.lower, token.dep, token.is_space)


class MemoAttributes:
    """A drop-in for an `AttributeRuler` whose single-token patterns test only KEY_ATTRS."""

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self.attrs: list[dict[Any, Any]] = []
        self.indices: list[int] = []
        self.single = Matcher(vocab)  # patterns of one token: remembered per token key
        self.multi = Matcher(vocab)  # patterns of several tokens: matched per Doc
        self._memo: dict[tuple[int, int, int, bool], tuple[int, ...]] = {}

    def learn(self, ruler: AttributeRuler) -> None:
        """Take over the patterns of `ruler`, keeping their order (a later one wins)."""
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self._memo.clear()
        for attr_id in range(len(self.attrs)):
            key = str(attr_id)
            patterns = ruler.matcher.get(self.vocab.strings[key])[1]
            one_token = all(len(p) == 1 and set(p[0]) <= KEY_ATTRS for p in patterns)
            (self.single if one_token else self.multi).add(key, patterns)

    @classmethod
    def replacing(cls, nlp: Any, name: str = "attribute_ruler") -> None:
        """Put a memoized copy in place of the pipeline's attribute ruler, if it has one."""
        if name not in nlp.pipe_names:
            return
        ruler = nlp.get_pipe(name)
        register()
        nlp.replace_pipe(name, NAME)
        nlp.get_pipe(name).learn(ruler)  # the component keeps its name

    def _single_ids(self, doc: Doc, i: int) -> tuple[int, ...]:
        token = doc[i]
        key = _key(token)
        found = self._memo.get(key)
        if found is None:
            matches = self.single(doc[i : i + 1], allow_missing=True, as_spans=False)
            found = tuple(sorted(int(self.vocab.strings[m_id]) for m_id, _, _ in matches))
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        attrs = self.attrs
        per_token: list[list[int]] = [list(self._single_ids(doc, i)) for i in range(len(doc))]
        if len(self.multi):
            for m_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
                attr_id = int(self.vocab.strings[m_id])
                target = range(start, end)[self.indices[attr_id]]
                per_token[target].append(attr_id)
        for token, ids in zip(doc, per_token, strict=True):
            for attr_id in sorted(ids) if len(ids) > 1 else ids:
                set_token_attrs(token, attrs[attr_id])
        return doc


def register() -> None:
    """Register the component factory (idempotent); `MemoAttributes.replacing` fills it."""
    from spacy.language import Language

    if NAME in Language.factories:
        return

    @Language.factory(NAME, assigns=["token.pos", "token.morph", "token.lemma"])
    def make_memo_attributes(nlp: Language, name: str) -> MemoAttributes:
        return MemoAttributes(nlp.vocab)
