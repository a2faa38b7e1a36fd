"""Tables as DataFrames: multi-level headers spread over their spans, body values never duplicated."""
from __future__ import annotations


def test_applications_table_has_the_three_level_header(seed_docx_report):
    frame = seed_docx_report.raw_frames()[1]
    assert frame.shape == (25, 7)
    assert list(frame.columns) == [
        ("申请人情况", "自然人", "自然人"), ("申请人情况", "法人或其他组织", "商业企业"), ("申请人情况", "法人或其他组织", "科研机构"),
        ("申请人情况", "法人或其他组织", "社会公益组织"), ("申请人情况", "法人或其他组织", "法律服务机构"),
        ("申请人情况", "法人或其他组织", "其他"), ("申请人情况", "总计", "总计")]
    assert frame.index[4] == ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
    assert frame.loc[("三、本年度办理结果", "（七）总计", "（七）总计"), ("申请人情况", "总计", "总计")] == "2"


def test_a_merged_body_cell_appears_once(seed_docx_report):
    frame = seed_docx_report.raw_frames()[0]  # 主动公开: 行政许可's value spans three columns
    row = frame.loc[("行政许可",)]
    assert row.iloc[0] == "0" and row.iloc[1:].isna().all()


def test_normalized_frame_is_keys_by_keys(seed_report):
    frame = seed_report.frame("applications")
    assert frame.shape == (25, 7)
    assert frame.loc["results.total", "natural_person"] == 2 and frame.loc["carried_forward", "total"] == 0
