"""extractor.dask on a real distributed cluster (2 local workers): the same cells as `extractor batch`."""
from __future__ import annotations

import random

import pytest

import reportgen
from extractor.batch import run_batch

pytest.importorskip("distributed")


def test_dask_on_a_local_cluster_gives_the_batch_cells_and_a_row_for_an_unreadable_file(tmp_path):
    from distributed import Client, LocalCluster

    import extractor
    import extractor.dask

    root = tmp_path / "in"
    root.mkdir()
    rng = random.Random(31)
    for i in range(24):
        report = reportgen.random_report(rng)
        (report.write_docx if i % 3 == 0 else report.write_text)(root / f"{i:02d}.{'docx' if i % 3 == 0 else 'txt'}")
    (root / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    run_batch(root, tmp_path / "out", jobs=1)
    local = extractor.panel(tmp_path / "out")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        reports, cells = extractor.dask.read(str(root / "*"), partitions=4)
        reports, cells = reports.compute(), cells.compute()
    key = ["source_file", "table_key", "row_key", "column_key"]
    ours = cells.sort_values(key).reset_index(drop=True)
    theirs = local[list(cells.columns)].sort_values(key).reset_index(drop=True)
    assert len(ours) > 24 * 150 and ours.equals(theirs)
    assert ours.dtypes.to_dict() == theirs.dtypes.to_dict()
    broken = reports[reports["path"].str.endswith("broken.docx")]
    assert broken[["status", "error_code"]].values.tolist() == [["failed", "corrupt_zip"]]
    assert len(reports) == 25 and set(reports["status"]) == {"ok", "failed"}
