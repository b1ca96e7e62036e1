"""The batch command: pairs found in a folder or read from a list, one row per pair, error rows
for bad filings, resuming a stopped run, and the same rows from a Dask cluster."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.paths import FIXTURES, SAMPLES

pytest.importorskip("pyarrow")
pytest.importorskip("rapidfuzz")

from cli import run_command
from core.batch.jobs import BatchInputError, ScannedFiling, consecutive_pairs
from core.batch.output import CsvSink, ParquetSink, open_sink
from core.batch.row import PairRow
from core.batch.run import json_name, run_batch
from core.errors import Cancelled

CORPUS = FIXTURES / "corpus"


def _folder(tmp_path: Path) -> Path:
    """Small filings of two companies (one filed a year late) and one without a section."""
    folder = tmp_path / "filings"
    (folder / "disney").mkdir(parents=True)
    for year in (2012, 2013, 2014):
        name = f"disney_10-K_{year}.txt.gz"
        shutil.copy(CORPUS / name, folder / "disney" / name)
    for name in ("iij-20f-fy2008.txt", "iij-20f-fy2009.txt", "iij-20f-fy2012.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(CORPUS / "commonwealth-income-growth-fund-v_10-K_2015.html.gz", folder)
    return folder


def _rows(out: Path) -> list[dict[str, object]]:
    if out.suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as stream:
            return list(csv.DictReader(stream))
    import pyarrow.parquet as pq

    return list(pq.read_table(out).to_pylist())


def _by_years(rows: list[dict[str, object]]) -> dict[tuple[object, ...], dict[str, object]]:
    return {(r["company"], r["old_fiscal_year"], r["new_fiscal_year"]): r for r in rows}


def test_a_folder_is_paired_by_company_and_consecutive_years(tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    json_dir = tmp_path / "json"
    summary = run_batch(_folder(tmp_path), out, workers=2, json_dir=json_dir)
    rows = _by_years(_rows(out))
    # Disney 2012->2013->2014, IIJ 2008->2009->2012; the fund's lone 10-K has nobody to pair.
    assert set(rows) == {
        ("Disney", 2012, 2013),
        ("Disney", 2013, 2014),
        ("IIJ", 2008, 2009),
        ("IIJ", 2009, 2012),
    }
    assert summary.written == 4 and summary.errors == 0 and summary.skipped == 0
    iij = rows[("IIJ", 2009, 2012)]
    assert iij["form"] == "20-F" and iij["error"] == ""
    assert (iij["old_factors"], iij["new_factors"]) == (18, 19)
    statuses = ("added", "removed", "modified", "moved", "split", "merged", "unchanged")
    assert sum(iij[status] for status in statuses) >= 18
    assert len(iij["added_headings"]) == iij["added"]
    assert any("mergers and acquisitions" in h for h in iij["added_headings"])
    for measure in ("cosine", "jaccard", "min_edit", "simple"):
        assert 0.0 < iij[measure] < 1.0
    # Each pair's full JSON comparison was written beside the rows.
    assert len(list(json_dir.glob("*.json"))) == 4


def test_a_pair_list_with_a_bad_file_gives_an_error_row_and_the_rest(tmp_path: Path) -> None:
    broken = tmp_path / "=broken.htm"
    broken.write_bytes(bytes(range(256)) * 40)
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "old_path,new_path\n"
        f"{SAMPLES / 'iij-20f-fy2005.txt'},{SAMPLES / 'iij-20f-fy2008.txt'}\n"
        f"{broken.name},{SAMPLES / 'iij-20f-fy2009.txt'}\n"
        f"{CORPUS / 'disney_10-K_2015.txt.gz'},{CORPUS / 'disney_10-K_2016.txt.gz'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.csv"
    summary = run_batch(pairs, out, workers=2)
    assert (summary.written, summary.errors) == (3, 1)
    rows = _rows(out)
    bad = next(row for row in rows if row["error"])
    assert "=broken.htm" in str(bad["error"]) and bad["old_factors"] == ""
    # A cell a spreadsheet would run as a formula is shown as text.
    assert bad["old_file"] == "'=broken.htm"
    good = [row for row in rows if not row["error"]]
    assert {row["new_file"] for row in good} == {"iij-20f-fy2008.txt", "disney_10-K_2016.txt.gz"}


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_an_interrupted_run_resumes_without_computing_a_pair_twice(
    tmp_path: Path, suffix: str
) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / f"results{suffix}"

    def stop_after_first(done: int, total: int) -> None:
        if done == 1:
            raise Cancelled("stopped by the test")

    first: list[PairRow] = []
    with pytest.raises(Cancelled):
        run_batch(folder, out, workers=1, progress=stop_after_first, on_row=first.append)
    assert len(first) == 1 and len(_rows(out)) == 1
    second: list[PairRow] = []
    summary = run_batch(folder, out, workers=2, on_row=second.append)
    assert summary.skipped == 1 and summary.written == 3
    assert first[0].key not in {row.key for row in second}
    keys = [(row["old_path"], row["new_path"]) for row in _rows(out)]
    assert len(keys) == len(set(keys)) == 4


def _row(number: int) -> PairRow:
    return PairRow("Co", "", "10-K", 2020, 2021, "a", "b", f"/a{number}", f"/b{number}")


def test_rows_of_a_killed_parquet_run_are_recovered_from_its_journal(tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    sink = ParquetSink(out)
    sink.write(_row(1))
    sink.write(_row(2))
    # The process dies here: no close(), the rows are only in the journal.
    reopened = open_sink(out)
    assert reopened.done_keys() == {("/a1", "/b1"), ("/a2", "/b2")}
    reopened.close()
    assert len(_rows(out)) == 2


def test_a_cut_off_csv_line_is_dropped_and_its_pair_runs_again(tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    sink = CsvSink(out)
    sink.write(_row(1))
    sink.close()
    with out.open("a", encoding="utf-8") as stream:
        stream.write("Co,,10-K,2020,2021,a,b,/a2,/b")  # killed mid-line
    assert open_sink(out).done_keys() == {("/a1", "/b1")}
    assert out.read_bytes().endswith(b"/a1,/b1" + b"," * 22 + b"0.0,\r\n")


def test_a_row_counts_the_text_outside_the_factors_and_the_passages_moved(
    tmp_path: Path,
) -> None:
    """IIJ FY2008 -> FY2009 rewords its introduction; Mastercard 2023 -> 2024 moves a sentence
    on central bank digital currencies from one factor to another. The rows say so, with the
    counts of the full comparison."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        f"{SAMPLES / 'iij-20f-fy2008.txt'},{SAMPLES / 'iij-20f-fy2009.txt'}\n"
        f"{CORPUS / 'mastercard_10-K_2023.html.gz'},{CORPUS / 'mastercard_10-K_2024.html.gz'}\n"
    )
    out = tmp_path / "results.csv"
    json_dir = tmp_path / "json"
    run_batch(pairs, out, workers=1, json_dir=json_dir)
    rows = {str(row["company"]).split()[0]: row for row in _rows(out)}
    iij, mastercard = rows["IIJ"], rows["Mastercard"]
    assert int(str(iij["changed_passages"])) >= 1
    assert (iij["moved_passages"], iij["moved_passage_words"]) == ("0", "0")
    assert mastercard["moved_passages"] == "1" and int(str(mastercard["moved_passage_words"])) >= 12
    for row in rows.values():
        names = [str(row[key]) for key in ("old_file", "new_file", "old_path", "new_path")]
        path = json_dir / json_name(PairRow("", "", "", None, None, *names))
        summary = json.loads(path.read_text(encoding="utf-8"))["summary"]
        changed = sum(n for status, n in summary["passages"].items() if status != "unchanged")
        assert int(str(row["changed_passages"])) == changed
        assert int(str(row["moved_passages"])) == summary["moved_passages"]
        assert int(str(row["moved_passage_words"])) == summary["words_moved"]


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_run_of_another_version_is_not_resumed_into_misaligned_rows(
    tmp_path: Path, suffix: str
) -> None:
    """An output whose columns are not this version's (an earlier FactorDiff started it) is
    refused with a message, and left as it was."""
    out = tmp_path / f"results{suffix}"
    sink = open_sink(out)
    sink.write(_row(1))
    sink.close()
    if suffix == ".csv":
        lines = out.read_text(encoding="utf-8").splitlines()
        header, row = lines[0].split(","), lines[1].split(",")
        drop = header.index("moved_passages")
        old_csv = [",".join(c for i, c in enumerate(line) if i != drop) for line in (header, row)]
        out.write_text("\r\n".join(old_csv) + "\r\n", encoding="utf-8")
    else:
        import pyarrow.parquet as pq

        [part] = list(out.glob("part-*.parquet"))
        pq.write_table(pq.read_table(part).drop_columns(["moved_passages"]), part)
    before = {p: p.read_bytes() for p in ([out] if out.is_file() else list(out.iterdir()))}
    with pytest.raises(BatchInputError, match=r"another version of FactorDiff.*moved_passages"):
        open_sink(out)
    assert {p: p.read_bytes() for p in before} == before


def test_the_output_is_never_an_input(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(f"{SAMPLES / 'iij-20f-fy2005.txt'},{SAMPLES / 'iij-20f-fy2008.txt'}\n")
    with pytest.raises(BatchInputError, match="input"):
        run_batch(pairs, pairs, workers=1)
    assert pairs.read_text().count("\n") == 1


@pytest.mark.parametrize(
    ("filings", "pairs", "errors"),
    [
        # Same company by CIK although its name changed; a filing without CIK joins by name.
        (
            [
                ("x1.htm", "Acme Inc", 2020, "1"),
                ("x2.htm", "ACME Corp", 2021, "1"),
                ("x3.htm", "The Acme Company", 2022, ""),
            ],
            [("x1.htm", "x2.htm"), ("x2.htm", "x3.htm")],
            [],
        ),
        # Two filings for one fiscal year: the second is reported, not paired.
        (
            [("a.htm", "Beta", 2020, ""), ("b.htm", "Beta", 2020, ""), ("c.htm", "Beta", 2021, "")],
            [("a.htm", "c.htm")],
            ["b.htm"],
        ),
        # A filing without a fiscal year cannot be placed.
        ([("d.htm", "Gamma", None, ""), ("e.htm", "Gamma", 2021, "")], [], ["d.htm"]),
    ],
)
def test_consecutive_pairs(
    filings: list[tuple[str, str, int | None, str]],
    pairs: list[tuple[str, str]],
    errors: list[str],
) -> None:
    scanned = [ScannedFiling(path, name, "10-K", year, cik) for path, name, year, cik in filings]
    jobs = consecutive_pairs(scanned)
    assert [job.key for job in jobs if not job.error] == pairs
    assert [job.old_path for job in jobs if job.error] == errors


def test_a_dask_cluster_gives_the_rows_of_the_local_run(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = _folder(tmp_path)
    local = _rows_without_time(run_batch_rows(folder, tmp_path / "local.parquet", workers=2))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        # The files' bytes go with each task, as to a cluster without the shared folder.
        on_dask = run_batch_rows(
            folder, tmp_path / "dask.parquet", dask=cluster.scheduler_address, ship_bytes=True
        )
    assert _rows_without_time(on_dask) == local and len(local) == 4


def run_batch_rows(folder: Path, out: Path, **options: object) -> list[PairRow]:
    rows: list[PairRow] = []
    run_batch(folder, out, on_row=rows.append, **options)
    return rows


def _rows_without_time(rows: list[PairRow]) -> list[PairRow]:
    return sorted((dataclasses.replace(row, seconds=0.0) for row in rows), key=lambda r: r.key)


def test_the_command_prints_progress_lines_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.csv"
    code = run_command(["batch", str(_folder(tmp_path)), "--out", str(out), "--workers", "2"])
    assert code == 0
    printed = capsys.readouterr().err
    assert "batch: comparing 4/4 pairs (100%), 0 errors" in printed
    assert "4 pairs compared (0 with an error)" in printed
    assert len(_rows(out)) == 4


def test_the_app_and_its_frozen_build_leave_the_batch_extra_out() -> None:
    root = Path(__file__).resolve().parent.parent
    # Loading the command line (as the app and `compare` do) imports none of the extra.
    check = (
        "import sys, main, cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('dask', 'distributed', 'pyarrow', 'rapidfuzz', 'tqdm')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", check], cwd=root, capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
    # Every package of the extra is excluded from the PyInstaller build by its module name.
    extra = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["batch"]
    names = {re.split(r"[\[<>=]", requirement)[0] for requirement in extra}
    spec = (root / "packaging" / "factordiff.spec").read_text(encoding="utf-8")
    listed = re.search(r"BATCH_EXTRA_MODULES = \[(.*?)\]", spec)
    assert listed is not None
    excluded = set(re.findall(r'"([\w.]+)"', listed.group(1)))
    assert names <= excluded and "distributed" in excluded


def test_a_rerun_through_a_symlinked_folder_finds_its_pairs(tmp_path: Path) -> None:
    folder = tmp_path / "filings"
    folder.mkdir()
    for name in ("iij-20f-fy2008.txt", "iij-20f-fy2009.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    (tmp_path / "link").symlink_to(folder, target_is_directory=True)
    out = tmp_path / "results.csv"
    assert run_batch(tmp_path / "link", out, workers=1).written == 1
    again = run_batch(folder, out, workers=1)
    assert (again.skipped, again.written) == (1, 0)


def test_a_rerun_reads_only_the_filings_changed_since_the_scan(tmp_path: Path) -> None:
    folder = tmp_path / "filings"
    folder.mkdir()
    for name in ("iij-20f-fy2008.txt", "iij-20f-fy2009.txt", "iij-20f-fy2012.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path / "results.parquet"
    scans: list[tuple[int, int]] = []
    run_batch(folder, out, workers=1, scan_progress=lambda done, total: scans.append((done, total)))
    assert scans[-1] == (3, 3)
    scans.clear()
    # Nothing changed: no filing is read again, and every pair is already there.
    again = run_batch(folder, out, workers=1, scan_progress=lambda d, t: scans.append((d, t)))
    assert scans == [(0, 0)] and again.skipped == 2
    scans.clear()
    newest = folder / "iij-20f-fy2012.txt"
    newest.write_text(newest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run_batch(folder, out, workers=1, scan_progress=lambda d, t: scans.append((d, t)))
    assert scans[-1] == (1, 1)


@pytest.mark.parametrize(
    ("name", "cik"),
    [
        ("ibm_10-K_2024.html.gz", "0000051143"),  # inline XBRL: dei:EntityCentralIndexKey
        ("disney_10-K_2016.txt.gz", ""),  # a bare extract names none
    ],
)
def test_the_cik_comes_from_the_filing(name: str, cik: str) -> None:
    from core.batch.filing_id import filing_cik

    assert filing_cik(CORPUS / name) == cik


def test_a_file_too_large_to_be_a_filing_is_never_shipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.batch import run  # the cap is patched where it is read

    small = SAMPLES / "iij-20f-fy2005.txt"
    monkeypatch.setattr(run, "MAX_BYTES", small.stat().st_size + 1)
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        f"old_path,new_path\n{small},{SAMPLES / 'iij-20f-fy2012.txt'}\n", encoding="utf-8"
    )
    out = tmp_path / "results.csv"
    summary = run_batch(pairs, out, workers=1, ship_bytes=True)
    assert (summary.written, summary.errors) == (1, 1)
    assert "more than a filing may have" in str(_rows(out)[0]["error"])
