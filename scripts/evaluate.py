"""Measure segmentation and alignment against the hand-checked gold labels.

    python scripts/evaluate.py [--shared ../shared] [--fixtures] [--wording]
    python scripts/evaluate.py --gold tests/fixtures/heldout [--corpus DIR ...]

For every gold filing (gold/*.json except pair_*) the filing is loaded with
core.pipeline.load_filing and its headings are matched to the gold headings (normalised
texts equal or difflib ratio >= 0.9, one-to-one, in order): heading precision, recall, F1
and the share of matched factors with the gold category path. For every gold pair
(pair_*.json) the two files are compared with core.compare.compare_files; predicted factor
indexes are mapped to gold indexes through the heading match and the (old, new) links,
including (i, None) removed and (None, j) added, are scored against the gold links.
Every corpus file is loaded once more to count crashes: a filing whose section is "not
applicable" or only a reference counts as correct when its gold lists no factors.

--wording adds, per filing, the heading F1 of text cues alone (formatting ignored): how the
fallback for filings without markup fares on filings whose answer is known.

--fixtures reads the gzipped copies in tests/fixtures (corpus, gold) and the IIJ samples in
resources/samples instead of the shared folder.

--gold DIR scores the labels in any folder instead (e.g. the held-out labels in
tests/fixtures/heldout); filings are looked up in DIR itself and in each --corpus DIR, and a
pair whose side has no label or file there takes it from the default folders.

--older (on by default with the default labels) adds a table over the older 10-Ks labelled in
tests/fixtures/older (1995-2010, sections inside Item 1 or Item 7, or none). A label whose
"section" is null says the filing has no risk section: the "no risk factors section" error is
the right answer there, and anything found is wrong. The "sec" column says whether the section
was found where the label has one (1) and not found where it has none (1), else 0.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from core.compare import compare_files  # noqa: E402  (after the path insert above)
from core.errors import (  # noqa: E402
    FactorDiffError,
    SectionNotApplicableError,
    SectionNotFoundError,
)
from core.model import Comparison, Filing  # noqa: E402
from core.pipeline import load_filing, read_section  # noqa: E402
from core.segment.factors import segment  # noqa: E402

MATCH_RATIO = 0.9
OLDER = REPO / "tests" / "fixtures" / "older"
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

Link = tuple[int | None, int | None]


def normalise(text: str) -> str:
    """Whitespace, quotes and Unicode forms made uniform (for comparing only)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def similar(left: str, right: str) -> bool:
    if left == right:
        return True
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    return matcher.quick_ratio() >= MATCH_RATIO and matcher.ratio() >= MATCH_RATIO


def match_headings(predicted: Sequence[str], gold: Sequence[str]) -> dict[int, int]:
    """Predicted index -> gold index: the largest one-to-one, in-order matching of similar
    headings (a longest common subsequence under `similar`)."""
    left = [normalise(text) for text in predicted]
    right = [normalise(text) for text in gold]
    rows, cols = len(left), len(right)
    best = [[0] * (cols + 1) for _ in range(rows + 1)]
    same = [[False] * cols for _ in range(rows)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            same[i][j] = similar(left[i], right[j])
            take = best[i + 1][j + 1] + 1 if same[i][j] else 0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    matched: dict[int, int] = {}
    i = j = 0
    while i < rows and j < cols:
        if same[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            matched[i] = j
            i += 1
            j += 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return matched


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float

    @staticmethod
    def of(hits: int, predicted: int, gold: int) -> Score:
        precision = hits / predicted if predicted else (1.0 if not gold else 0.0)
        recall = hits / gold if gold else (1.0 if not predicted else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return Score(precision, recall, f1)


@dataclass(frozen=True, slots=True)
class FilingResult:
    name: str
    headings: Score
    category_accuracy: float
    body_accuracy: float | None
    predicted: int
    gold: int
    seconds: float
    note: str = ""
    section_right: bool = True


_BULLETS = re.compile(r"(?:^|\s)[\u2022\u00b7\u25aa\u25cf\u25e6o-](?=\s)")


def _words(text: str) -> str:
    return " ".join(_BULLETS.sub(" ", normalise(text)).split())


def body_matches(paragraphs: Sequence[str], gold_factor: dict[str, object]) -> bool | None:
    """Whether the body starts with the gold's first words and ends with its last words
    (None when the gold gives neither)."""
    first = _words(str(gold_factor.get("body_first_words") or ""))
    last = _words(str(gold_factor.get("body_last_words") or ""))
    if not first and not last:
        return None
    body = _words(" ".join(paragraphs))
    return body.startswith(first) and body.endswith(last)


def score_filing(
    filing: Filing | None, gold: dict[str, object]
) -> tuple[Score, float, float | None]:
    """Heading P/R/F1, category accuracy and body accuracy over matched factors."""
    gold_factors = _factors(gold)
    if filing is None:
        return Score.of(0, 0, len(gold_factors)), 1.0, None
    matched = match_headings(
        [factor.heading for factor in filing.factors], [str(f["heading"]) for f in gold_factors]
    )
    right = sum(
        tuple(normalise(name) for name in filing.factors[i].category)
        == tuple(normalise(str(name)) for name in _list(gold_factors[j].get("category")))
        for i, j in matched.items()
    )
    category = right / len(matched) if matched else 1.0
    bodies = [
        body_matches(filing.factors[i].paragraphs, gold_factors[j]) for i, j in matched.items()
    ]
    checked = [ok for ok in bodies if ok is not None]
    body = sum(checked) / len(checked) if checked else None
    headings = Score.of(len(matched), len(filing.factors), len(gold_factors))
    return headings, category, body


def links(pairs: Iterable[tuple[object, object]]) -> set[Link]:
    """(old, new) links of pairs whose sides are an index, a list of indexes or None."""
    found: set[Link] = set()
    for old, new in pairs:
        olds, news = _side(old), _side(new)
        if not olds:
            found.update((None, j) for j in news)
        elif not news:
            found.update((i, None) for i in olds)
        else:
            found.update((i, j) for i in olds for j in news)
    return found


def predicted_links(
    comparison: Comparison, old_map: dict[int, int], new_map: dict[int, int]
) -> set[Link]:
    """The comparison's links in gold indexes; a factor with no gold match gets an index no
    gold link uses (negative), so its links count as wrong."""

    def mapped(index: int, mapping: dict[int, int]) -> int:
        return mapping.get(index, -1 - index)

    raw = links((pair.old, pair.new) for pair in comparison.factor_pairs)
    return {
        (None if i is None else mapped(i, old_map), None if j is None else mapped(j, new_map))
        for i, j in raw
    }


def score_pair(
    comparison: Comparison,
    gold_pair: dict[str, object],
    old_gold: dict[str, object],
    new_gold: dict[str, object],
) -> Score:
    old_map = match_headings(
        [f.heading for f in comparison.old.factors], [str(f["heading"]) for f in _factors(old_gold)]
    )
    new_map = match_headings(
        [f.heading for f in comparison.new.factors], [str(f["heading"]) for f in _factors(new_gold)]
    )
    predicted = predicted_links(comparison, old_map, new_map)
    raw_pairs = _list(gold_pair.get("pairs"))
    gold = links((pair[0], pair[1]) for pair in raw_pairs if isinstance(pair, list))
    for entry in _list(gold_pair.get("split_merge")):
        if isinstance(entry, dict):
            gold |= links([(entry.get("old"), entry.get("new"))])
    hits = len(predicted & gold)
    return Score.of(hits, len(predicted), len(gold))


def _side(side: object) -> tuple[int, ...]:
    if side is None:
        return ()
    if isinstance(side, int):
        return (side,)
    if isinstance(side, list | tuple):
        return tuple(int(index) for index in side)
    raise ValueError(f"unexpected pair side {side!r}")


def _factors(gold: dict[str, object]) -> list[dict[str, object]]:
    return [factor for factor in _list(gold.get("factors")) if isinstance(factor, dict)]


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


@dataclass(frozen=True, slots=True)
class Sources:
    gold: Path
    folders: tuple[Path, ...]
    other_gold: tuple[Path, ...] = ()
    other_folders: tuple[Path, ...] = ()

    def find(self, name: str) -> Path:
        for folder in (*self.folders, *self.other_folders):
            for candidate in (folder / name, folder / f"{name}.gz"):
                if candidate.is_file():
                    return candidate
        raise FileNotFoundError(f"{name} not found in {', '.join(map(str, self.folders))}")

    def corpus_files(self) -> list[Path]:
        files: list[Path] = []
        for folder in self.folders:
            files.extend(
                path
                for path in sorted(folder.iterdir())
                if path.suffix in {".html", ".htm", ".txt", ".gz"} and path.is_file()
            )
        return files


def shared_sources(shared: Path) -> Sources:
    return Sources(shared / "gold", (shared / "corpus", shared / "filings"))


def fixture_sources() -> Sources:
    fixtures = REPO / "tests" / "fixtures"
    return Sources(fixtures / "gold", (fixtures / "corpus", REPO / "resources" / "samples"))


def labelled_sources(gold: Path, corpus: tuple[Path, ...], default: Sources) -> Sources:
    """Labels in `gold`, filings in `gold` itself or `corpus`; a pair side without a label or
    file there falls back to the default folders (which are not scored or crash-counted)."""
    return Sources(gold, (gold, *corpus), (default.gold,), default.folders)


def load_by_wording(path: Path) -> Filing:
    """The filing segmented from text cues alone, as if it had no formatting."""
    _, section = read_section(path)
    factors, passages = segment(section, has_markup=False)
    return Filing(str(path), "", "", None, section.title, factors, passages)


def evaluate_filing(
    sources: Sources, gold_path: Path, *, wording_only: bool = False
) -> FilingResult:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = sources.find(str(gold["file"]))
    started = time.perf_counter()
    note = ""
    has_section = gold.get("section", {}) is not None
    found = True
    try:
        filing: Filing | None = load_by_wording(path) if wording_only else load_filing(str(path))
    except SectionNotApplicableError:
        filing, note = None, "section not applicable / reference only"
    except SectionNotFoundError:
        filing, note, found = None, "no risk factors section", False
    seconds = time.perf_counter() - started
    headings, category, body = score_filing(filing, gold)
    if not has_section and filing is not None:
        # Labelled as having no section: whatever was found is wrong.
        headings = Score.of(0, max(1, len(filing.factors)), 0)
    return FilingResult(
        name=gold_path.stem,
        headings=headings,
        category_accuracy=category,
        body_accuracy=body,
        predicted=len(filing.factors) if filing else 0,
        gold=len(_factors(gold)),
        seconds=seconds,
        note=note,
        section_right=found == has_section,
    )


def evaluate_pair(sources: Sources, pair_path: Path) -> Score:
    gold_pair = json.loads(pair_path.read_text(encoding="utf-8"))
    old_name, new_name = str(gold_pair["old"]), str(gold_pair["new"])
    comparison = compare_files(str(sources.find(old_name)), str(sources.find(new_name)))
    return score_pair(
        comparison, gold_pair, _gold_for(sources, old_name), _gold_for(sources, new_name)
    )


def _gold_for(sources: Sources, file_name: str) -> dict[str, object]:
    stem = file_name.removesuffix(".gz").rsplit(".", 1)[0]
    for folder in (sources.gold, *sources.other_gold):
        path = folder / f"{stem}.json"
        if path.is_file():
            loaded: dict[str, object] = json.loads(path.read_text("utf-8"))
            return loaded
    raise FileNotFoundError(f"no label {stem}.json in {sources.gold}")


def count_crashes(sources: Sources) -> tuple[int, list[str]]:
    """Load every corpus file; anything but a precise FactorDiff error on a filing whose gold
    has factors is a crash."""
    crashes: list[str] = []
    for path in sources.corpus_files():
        try:
            load_filing(str(path))
        except SectionNotApplicableError:
            continue
        except SectionNotFoundError as error:
            if not _labelled_without_section(sources, path):
                crashes.append(f"{path.name}: {type(error).__name__}: {error}")
        except FactorDiffError as error:
            crashes.append(f"{path.name}: {type(error).__name__}: {error}")
        except Exception as error:
            crashes.append(f"{path.name}: CRASH {type(error).__name__}: {error}")
    return len(crashes), crashes


def _labelled_without_section(sources: Sources, path: Path) -> bool:
    stem = path.name.removesuffix(".gz").rsplit(".", 1)[0]
    label = sources.gold / f"{stem}.json"
    return label.is_file() and json.loads(label.read_text("utf-8")).get("section", {}) is None


def _optional(value: float | None) -> str:
    return f"{value:6.3f}" if value is not None else f"{'-':>6}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--fixtures", action="store_true", help="use tests/fixtures instead")
    parser.add_argument(
        "--wording",
        action="store_true",
        help="also score headings found from text cues alone (formatting ignored)",
    )
    parser.add_argument("--gold", type=Path, help="score the labels in this folder instead")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=[],
        help="with --gold: a folder holding the labelled filings (repeatable)",
    )
    parser.add_argument(
        "--older",
        action="store_true",
        help="also score the older 10-Ks labelled in tests/fixtures/older",
    )
    args = parser.parse_args(argv)
    sources = fixture_sources() if args.fixtures else shared_sources(args.shared)
    if args.gold is not None:
        sources = labelled_sources(args.gold, tuple(args.corpus), sources)

    _filing_table(sources, wording=args.wording)
    print(f"\n{'pair':42} {'P':>6} {'R':>6} {'F1':>6}")
    iij: list[float] = []
    corpus: list[float] = []
    for pair_path in sorted(sources.gold.glob("pair_*.json")):
        score = evaluate_pair(sources, pair_path)
        (iij if pair_path.stem.startswith("pair_iij") else corpus).append(score.f1)
        print(f"{pair_path.stem:42} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}")
    if iij:
        print(f"{'min over IIJ pairs':42} {'':6} {'':6} {min(iij):6.3f}")
    if corpus:
        print(f"{'mean over corpus pairs':42} {'':6} {'':6} {sum(corpus) / len(corpus):6.3f}")

    crashes, messages = count_crashes(sources)
    print(f"\ncrashes over {len(sources.corpus_files())} corpus files: {crashes}")
    for message in messages:
        print(f"  {message}")
    if args.older:
        older = labelled_sources(OLDER, (), sources)
        print("\nolder 10-Ks (tests/fixtures/older, labelled by reading)")
        _filing_table(older, wording=args.wording)
        for pair_path in sorted(OLDER.glob("pair_*.json")):
            score = evaluate_pair(older, pair_path)
            name = pair_path.stem[:42]
            print(f"{name:42} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}")
        crashes, messages = count_crashes(older)
        print(f"\ncrashes over {len(older.corpus_files())} older files: {crashes}")
        for message in messages:
            print(f"  {message}")
    return 0


def _filing_table(sources: Sources, *, wording: bool) -> list[FilingResult]:
    """Score and print every labelled filing of `sources`, then the means."""
    header = "".join(f"{name:>7}" for name in ("P", "R", "F1", "cat", "body", "s", "sec"))
    print(f"{'filing':42} {'gold':>4} {'pred':>4}{header}")
    results: list[FilingResult] = []
    for gold_path in sorted(sources.gold.glob("*.json")):
        if gold_path.name.startswith("pair_"):
            continue
        result = evaluate_filing(sources, gold_path)
        if wording:
            by_wording = evaluate_filing(sources, gold_path, wording_only=True).headings.f1
            notes = [note for note in (result.note, f"wording-only F1 {by_wording:.3f}") if note]
            result = replace(result, note="; ".join(notes))
        results.append(result)
        h = result.headings
        print(
            f"{result.name:42} {result.gold:4} {result.predicted:4} {h.precision:6.3f} "
            f"{h.recall:6.3f} {h.f1:6.3f} {result.category_accuracy:6.3f} "
            f"{_optional(result.body_accuracy)} {result.seconds:6.2f} {result.section_right:6d}"
            + (f"  ({result.note})" if result.note else "")
        )
    mean_f1 = sum(r.headings.f1 for r in results) / len(results)
    mean_cat = sum(r.category_accuracy for r in results) / len(results)
    right = sum(r.section_right for r in results)
    print(
        f"{'mean over filings':42} {'':4} {'':4} {'':6} {'':6} {mean_f1:6.3f} {mean_cat:6.3f}"
        f"{'':14} {right}/{len(results)}"
    )
    return results


if __name__ == "__main__":
    raise SystemExit(main())
