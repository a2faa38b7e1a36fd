#!/usr/bin/env python3
"""Build tests/fixtures/docx/seed-2021.docx: the seed report as a real Word document.

The seed report (二七街道2021年政府信息公开工作年度报告, filled in on the 2021 template) is
only available as a plain-text export, which flattens its tables. This script rebuilds it as
a .docx so the docx reader can be tested on true merged cells. The three tables have exactly
the structure of the official blank template (template2021-blank.docx):

* one w:tc per horizontal span, carrying w:gridSpan (never the legacy w:hMerge);
* vertical spans as w:vMerge="restart" on the top cell and w:vMerge="continue" on an empty
  w:tc in every row below it;
* labels that the seed prints on two lines (商业/企业, 结果/纠正, ...) hold a w:br.

Text outside the tables is one paragraph per line of the export, blank lines included; the
export artefact "[bookmark: _GoBack]" is left out. The report is embedded below as literals; the
generic machinery (Cell/Table layout specs, merging, byte-for-byte reproducible saving with fixed
document properties and zip timestamps) is in scripts/reportgen.py, beside this script.

Usage, from the repository root:  python scripts/make_fixtures.py
"""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # reportgen, beside this script

from docx.document import Document as DocxDocument  # noqa: E402

from reportgen import Cell, Table, build_document, save_reproducibly  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "docx" / "seed-2021.docx"


def counts(values: str) -> list[str]:
    """The cells of a row of numbers, written as one space-separated string."""
    return values.split()


# --- 一、总体情况 and 二、主动公开政府信息情况 (the seed numbers it "2、") -----------------------

OVERVIEW = [
    "",
    "二七街道2021年政府信息公开工作",
    "年度报告",
    "",
    "一、总体情况",
    (
        "2021年，二七街道认真贯彻落实《中华人民共和国政府信息公开条例》和省、"
        "市、区政务公开相关部署要求，坚持公平、公正、公开原则，以服务中心、便利群众为出发点和落脚点，"
        "整合平台统筹建设、法定事项主动公开、政府信息专人负责，顺利完成政府信息公开工作。"
        "本报告由二七街道党政综合办公室编制，所列数据的统计时限为2021年1月1日至2021年12月31日。"
    ),
    "(一)强化政府网站公开能力建设",
    (
        "对于政府网站建设，二七街道按照“谁主办谁负责谁发布谁负责、谁运行谁负责”原则，"
        "落实网站栏目责任编辑制度和信息保密制度。加强政府内外网网站内容建设和信息发布审核，"
        "对政府网站公开信息及时审核、更新、维护。对二七街道机构名称、机构职能、"
        "办公地址、办公电话、办公时间、领导成员及分工、内设机构等信息进行更新。"
    ),
    "1、办事处机构名称：江岸区人民政府二七街道办事处",
    (
        "2、办事处机构职能。包括党建、安全生产、综合治理、信访、文明创建、城管、"
        "团青、卫健、区域经济发展、绩效等各项工作。"
    ),
    "3、领导成员及分工",
    "陈  欣：工委书记，负责工委全面工作。",
    "廖志涛：工委副书记、办事处主任，政协联络委主任，负责办事处和政协联络委全面工作。",
    (
        "甘迎九：工委委员、人大工委主任，负责人大工委全面工作和综合治理、“民呼我应”工作；"
        "分管平安建设办公室（含社区网格管理综合服务中心）、司法所。"
    ),
    (
        "匡  彬：工委副书记，协助工委书记抓党的建设工作，负责组织人事、宣传工作、"
        "统一战线、民族宗教和工会、妇联、共青团工作；参与相关经济工作；分管党建办公室。"
    ),
    "鄢胜华：工委委员、纪工委书记、区监委派出二七街道监察室主任（兼），分管纪工委工作。",
    "林  涛：工委委员、办事处副主任，分管公共服务办公室（含党员群众服务中心）。",
    "王化堂：工委委员、办事处副主任，分管区域发展办公室。",
    "谢  琨：工委委员、办事处副主任，负责街道拆迁工作，参与区外贸联专班工作。",
    "张胜勤：工委委员、办事处副主任，分管安全生产工作、应急管理办公室。",
    (
        "项  翀：工委委员、人武部部长，分管人民武装工作，分管公共管理办公室（含综合执法中心、"
        "市场监督管理所），协管社区网格管理综合服务中心。"
    ),
    "汪建龙：三级调研员，驻点对口扶贫村（木兰乡柳畈村）。",
    "郭汉玲：三级调研员，协管公共服务办公室，主要负责党员群众服务中心。",
    "曾  涛：四级调研员，分管党政综合办公室。",
    (
        "4、机构设置。街道内设党政综合办公室、党建办公室、区域发展办公室、公共服务办公室、"
        "平安建设办公室、公共管理办公室。下设3个事业单位：党员群众服务中心、"
        "社区网格管理综合服务中心、综合执法中心"
    ),
    "5、办事处地址及电话：江岸区二七路99号；82903356",
    (
        "6、二七街道编制人员构成：按照江岸区深化街道管理体制改革实施方案相关规定，"
        "核定二七街道办事处机关行政编制29名。二七街道办事处下设3个事业单位："
        "党员群众服务中心(核定事业编制10名，设主任1名，副主任1名，另核定专项用于社区党组织书记事业编制3名)"
        "、社区网格管理综合服务中心(核定事业编制5名，设主任1名，副主任1名)"
        "、综合执法中心(核定事业编制16名，设主任1名，副主任3名，科室科级领导职数3人) 。"
    ),
    "(二)深化政务服务信息公开",
    (
        "认真梳理行政服务事项，明确办理流程和材料，并统在湖北政务服务网上公开，"
        "大力宣传和引导办事群众“网上办”。强化政务信息公开，畅通咨询服务渠道，"
        "充分利用微邻里、大厅政务公示栏、滚动大屏幕等信息公开平台，多渠道公开政务服务信息，"
        "公布事项清单、受理条件、办事流程，确保群众及时准确获取信息，提高知晓率。"
        "充分利用导办台、服务热线，畅通咨询渠道抓好就业创业信息公开，"
        "街道依托 “江岸微邻里”平台及社区宣传栏、社区微信群，"
        "实时向各社区及辖区群众推送就业创业政策措施、以及活动信息，"
        "并在社区开展各类有针对性的就业培训及帮扶活动。做好社会救助托底、住房保障的实时信息公开，"
        "在社区宣传栏以及公示栏定期公开救助最新政策，公示辖区低保、低收入以及公租房等群体的异动情况，"
        "主动公开公示，确保各类惠民救助政策及时公开。二七街道政务中心认领街道级服务事项155项，"
        "社区级服务事项88项。2021年，街道政务服务中心线上“一张网”录入2983件；"
        "线下，前台窗口共受理行政事务2.13万件。"
    ),
    "(三)推进政务新媒体平台发展",
    (
        "为着力提升街道各项工作传播力、影响力，聚焦年度工作重点，集中整合资源，"
        "利用红色讲堂、科普防疫等特设栏目做好信息发布、精神传达和防疫知识宣传。"
        "2021年度全年发布在省市各级媒体上宣传60余次，充分发挥新媒体平台优势，"
        "迅速、及时地宣传好街道各项重点工作。进一步落实意识形态工作责任制，加强对外宣传信息的审核机制，"
        "安排专人撰写编辑，街工委副书记和分管领导进行分级分类审核，严格按照先审后发工作要求进行，"
        "确保意识形态正确导向。"
    ),
    "（四）强化组织领导",
    (
        "街道各部室分工协作，分管领导定期召开会议，听取政务公开工作汇报，加强政务公开机构建设、"
        "专职人员配备和经费保障。"
    ),
    "（五）行政机关收到和处理政府信息公开申请情况",
    "二七街道今年没有因政府信息公开申请行政复议、提起行政诉讼情况发生。",
    "2、 主动公开政府信息情况",
    (
        "2021年，街道根据实际工作需要，共制发了有正式文号的文件54件，其中工委红头文件41件，"
        "办事处红头文件13件，无对外公开的文件。"
    ),
]

# --- Table 1: 主动公开政府信息情况 (4 grid columns) ------------------------------------------

PROACTIVE_DISCLOSURE = Table(
    grid=(2435, 2435, 2435, 2435),
    rows=[
        [Cell("第二十条第（一）项", cols=4)],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *counts("0 0 0")],
        ["行政规范性文件", *counts("0 0 0")],
        [Cell("第二十条第（五）项", cols=4)],
        ["信息内容", Cell("本年处理决定数量", cols=3)],
        ["行政许可", Cell("0", cols=3)],
        [Cell("第二十条第（六）项", cols=4)],
        ["信息内容", Cell("本年处理决定数量", cols=3)],
        ["行政处罚", Cell("0", cols=3)],
        ["行政强制", Cell("0", cols=3)],
        [Cell("第二十条第（八）项", cols=4)],
        ["信息内容", Cell("本年收费金额（单位：万元）", cols=3)],
        ["行政事业性收费", Cell("0", cols=3)],
    ],
)

# --- Table 2: 收到和处理政府信息公开申请情况 (10 grid columns) -------------------------------
# Value columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.

NONE_RECEIVED = counts("0 0 0 0 0 0 0")

APPLICATIONS = Table(
    grid=(754, 921, 3271, 685, 685, 685, 685, 685, 685, 685),
    rows=[
        [
            Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", cols=3, rows=3),
            Cell("申请人情况", cols=7),
        ],
        [Cell("自然人", rows=2), Cell("法人或其他组织", cols=5), Cell("总计", rows=2)],
        ["商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"],
        [Cell("一、本年新收政府信息公开申请数量", cols=3), *counts("1 0 0 0 0 0 1")],
        [Cell("二、上年结转政府信息公开申请数量", cols=3), *counts("1 0 0 0 0 0 1")],
        [Cell("三、本年度办理结果", rows=22), Cell("（一）予以公开", cols=2), *NONE_RECEIVED],
        [Cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", cols=2), *NONE_RECEIVED],
        [Cell("（三）不予公开", rows=8), "1.属于国家秘密", *NONE_RECEIVED],
        ["2.其他法律行政法规禁止公开", *NONE_RECEIVED],
        ["3.危及“三安全一稳定”", *NONE_RECEIVED],
        ["4.保护第三方合法权益", *NONE_RECEIVED],
        ["5.属于三类内部事务信息", *NONE_RECEIVED],
        ["6.属于四类过程性信息", *NONE_RECEIVED],
        ["7.属于行政执法案卷", *NONE_RECEIVED],
        ["8.属于行政查询事项", *NONE_RECEIVED],
        [Cell("（四）无法提供", rows=3), "1.本机关不掌握相关政府信息", *counts("1 0 0 0 0 0 1")],
        ["2.没有现成信息需要另行制作", *NONE_RECEIVED],
        ["3.补正后申请内容仍不明确", *NONE_RECEIVED],
        [Cell("（五）不予处理", rows=5), "1.信访举报投诉类申请", *NONE_RECEIVED],
        ["2.重复申请", *NONE_RECEIVED],
        ["3.要求提供公开出版物", *NONE_RECEIVED],
        ["4.无正当理由大量反复申请", *NONE_RECEIVED],
        ["5.要求行政机关确认或重新出具已获取信息", *NONE_RECEIVED],
        [
            Cell("（六）其他处理", rows=3),
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            *NONE_RECEIVED,
        ],
        [
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            *NONE_RECEIVED,
        ],
        ["3.其他", *counts("1 0 0 0 0 0 1")],
        [Cell("（七）总计", cols=2), *counts("2 0 0 0 0 0 2")],
        [Cell("四、结转下年度继续办理", cols=3), *NONE_RECEIVED],
    ],
)

# --- Table 3: 政府信息公开行政复议、行政诉讼情况 (15 grid columns) ---------------------------

# The seed breaks these labels differently in the 行政复议 and the 行政诉讼 columns.
REVIEW_OUTCOMES = ["结果维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
LAWSUIT_OUTCOMES = ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]

REVIEWS_AND_LAWSUITS = Table(
    grid=(649, 649, 649, 649, 649, 649, 649, 650, 650, 650, 650, 650, 650, 650, 650),
    rows=[
        [Cell("行政复议", cols=5), Cell("行政诉讼", cols=10)],
        [
            *(Cell(label, rows=2) for label in REVIEW_OUTCOMES),
            Cell("未经复议直接起诉", cols=5),
            Cell("复议后起诉", cols=5),
        ],
        [*LAWSUIT_OUTCOMES, *LAWSUIT_OUTCOMES],
        counts("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
    ],
)

# --- The whole report, in document order ----------------------------------------------------

BODY: list[str | Table] = [
    *OVERVIEW,
    PROACTIVE_DISCLOSURE,
    "",
    "",
    "",
    "3、 收到和处理政府信息公开申请情况",
    "2021年收到自然人申请公开相关政府信息的申请1条。",
    APPLICATIONS,
    "",
    "",
    "4、 政府信息公开行政复议、行政诉讼情况",
    "街道全年未收到政府信息公开行政复议和行政诉讼。",
    REVIEWS_AND_LAWSUITS,
    "",
    "",
    "五、存在的主要问题及改进情况",
    (
        "一是信息公开人员专业能力有待进一步提升；二是信息公开的及时性有待进一步改进。"
        "下一步，街道增强工作人员信息公开意识和综合业务素养，提升工作质量；各科室将加强协作，"
        "加大对政府信息公开工作的宣传力度，增强信息公开的时效性。提高全街政府信息公开工作水平。"
    ),
    "六、其他需要报告的事项",
    "无",
    "",
    "",
    "江岸区人民政府二七街道办事处",
    "                      2022年1月20日",
    " ",
]


# --- Building the document (the generic parts live in reportgen.py) --------------------------


def build() -> DocxDocument:
    return build_document(
        BODY,
        title="二七街道2021年政府信息公开工作年度报告",
        author="江岸区人民政府二七街道办事处",
        comments="Test fixture generated by scripts/make_fixtures.py",
        created=datetime(2022, 1, 20),
    )


def main() -> None:
    save_reproducibly(build(), OUTPUT)
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
