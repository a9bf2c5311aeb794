"""Property: whatever the text and the term, the indexes find exactly what a brute-force
scan of the folded text finds (substring; whole word for 1-2 letter words)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ainews_tui.ingest.indexing import build_index
from ainews_tui.model import ExtractedItem, ParsedPost
from ainews_tui.search.text import contains, fold
from ainews_tui.store.library import Library
from ainews_tui.store.state import StateStore

# Few distinct characters, so terms and texts overlap often; every class of term occurs.
ALPHABET = "谷歌翻译模型芯片中国ai5gGPＡＩ  ,.-#*(:，“”é"
texts = st.text(alphabet=ALPHABET, max_size=30)
docs = st.lists(st.tuples(texts, texts), min_size=1, max_size=8)
terms = st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=5)


@contextmanager
def library_with(documents: list[tuple[str, str]]) -> Iterator[Library]:
    with tempfile.TemporaryDirectory() as tmp:
        state = StateStore.open(Path(tmp) / "state.db")
        library = Library.open(Path(tmp) / "library.db", state)
        try:
            with library.transaction():
                for n, (headline, summary) in enumerate(documents):
                    item = ExtractedItem(headline, None, summary, 0, 1)
                    post = ParsedPost(
                        title=f"post {n}", date=None, date_from="none", body=summary, items=(item,)
                    )
                    library.put_post(f"s:{n}", "s", f"{n}.md", post, [f"s:{n}#i"], [f"s:{n}#i"])
            build_index(library)  # as sync's second phase does
            yield library
        finally:
            library.close()
            state.close()


def matches(documents: list[tuple[str, str]], term: str) -> set[str]:
    return {
        f"s:{n}#i"
        for n, (headline, summary) in enumerate(documents)
        if contains(fold(headline), term) or contains(fold(summary), term)
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=docs, term=terms)
def test_one_term_equals_a_scan(documents: list[tuple[str, str]], term: str) -> None:
    with library_with(documents) as library:
        found = library.search(f'"{term}"', limit=1000)
        assume(found.terms)
        assert set(found.keys) == matches(documents, found.terms[0])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=docs, first=terms, second=terms, excluded=terms)
def test_and_and_not_equal_a_scan(
    documents: list[tuple[str, str]], first: str, second: str, excluded: str
) -> None:
    with library_with(documents) as library:
        found = library.search(f'"{first}" "{second}" -"{excluded}"', limit=1000)
        out = fold(excluded)
        assume(len(found.terms) == len({fold(first), fold(second)}) and out)
        expected = set.intersection(*(matches(documents, t) for t in found.terms))
        assert set(found.keys) == expected - matches(documents, out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents=docs,
    picks=st.lists(
        st.tuples(st.integers(0, 7), st.integers(0, 30), st.integers(1, 6)), min_size=1, max_size=5
    ),
)
def test_substrings_of_the_documents_are_found(
    documents: list[tuple[str, str]], picks: list[tuple[int, int, int]]
) -> None:
    with library_with(documents) as library:
        for doc, start, size in picks:
            text = documents[doc % len(documents)][1]
            term = text[start : start + size].replace('"', "")
            found = library.search(f'"{term}"', limit=1000)
            if found.terms:
                assert set(found.keys) == matches(documents, found.terms[0]), term
