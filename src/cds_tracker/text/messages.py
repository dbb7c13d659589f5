"""Every text a user reads, in Vietnamese (default) and English (CDS_LANG=en).

Keeping them here, keyed by name, makes a third language or a wording fix a one-file change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import PurePath

LANG = "en" if os.environ.get("CDS_LANG", "").lower().startswith("en") else "vi"
_current: ContextVar[str] = ContextVar("cds_lang", default=LANG)


def lang() -> str:
    """The language of what is being written now: CDS_LANG, or 'vi' inside an official report."""
    return _current.get()


@contextmanager
def language(code: str) -> Iterator[None]:
    """Write in `code` inside the block (a report to the People's Committee is Vietnamese)."""
    token = _current.set(code)
    try:
        yield
    finally:
        _current.reset(token)


# key: (Vietnamese, English)
_TEXTS: dict[str, tuple[str, str]] = {
    # --- help -------------------------------------------------------------------------------
    "app.help": (
        "Theo dõi kế hoạch chuyển đổi số của nhà trường: ghi kết quả, xem tiến độ, lập báo cáo.",
        "Track a school's digital-transformation plan: record results, see progress, write reports.",
    ),
    "opt.plan": (
        "Tệp kế hoạch (YAML). Mặc định: biến CDS_PLAN, hoặc kế hoạch năm nay trong thư mục plans/.",
        "The plan file (YAML). Default: $CDS_PLAN, or this year's plan in plans/.",
    ),
    "opt.plans": (
        'Tệp kế hoạch, thư mục chứa nhiều kế hoạch, mẫu như "truong-*/plans", hoặc @TỆP liệt kê các đường dẫn (mỗi dòng một); có thể ghi nhiều lần --plan.',
        'A plan file, a folder of plans, a pattern such as "school-*/plans", or @FILE listing paths one a line; --plan may be given several times.',
    ),
    # One-line summaries, as `cds --help` lists the commands (kept short enough for 80 columns).
    "sum.init": (
        "Tạo thư mục và kế hoạch của trường: từ kế hoạch mẫu, hoặc đọc từ văn bản Word của trường (--from).",
        "Make a school's folder and plan: from the example, or read from the school's Word document (--from).",
    ),
    "sum.people": (
        "Xem, thêm người vào danh sách cán bộ, giáo viên.",
        "List or add the school's staff.",
    ),
    "sum.record": (
        "Ghi một kết quả sau mỗi sự kiện (buổi tập huấn…).",
        "Record a result after each event.",
    ),
    "sum.undo": (
        "Xóa kết quả ghi sau cùng (khi ghi nhầm).",
        "Remove the newest record (a mistake).",
    ),
    "sum.demo": (
        "Xem thử cds với một trường mẫu (không cần make).",
        "Try cds on a sample school (no make needed).",
    ),
    "sum.status": (
        "Xem tình hình mọi chỉ tiêu; lọc theo nhóm, tình trạng.",
        "Where every target stands; filters.",
    ),
    "sum.history": ("Xem các lần ghi của một chỉ tiêu.", "An indicator's records, oldest first."),
    "sum.report": (
        "Lập báo cáo quý, năm (Word, PDF) gửi UBND xã.",
        "Write the quarterly or annual report.",
    ),
    "sum.validate": (
        "Kiểm tra kế hoạch, danh sách người và kết quả.",
        "Check the plan, roster and records.",
    ),
    "sum.rollup": (
        "Tổng hợp nhiều trường (cấp xã, tỉnh).",
        "Roll many schools up (commune, province).",
    ),
    "help.examples": ("Ví dụ:", "Examples:"),
    "ex.init": (
        'cds init --folder "Kế hoạch CĐS 2026" --name "Trường Tiểu học Xuân Hòa" --code THXH --place "Xuân Hòa" --year 2026\n'
        'cds init --year 2027 --name "Trường Tiểu học Xuân Hòa" --code THXH --place "Xuân Hòa"   # năm sau, cùng thư mục\n'
        'cds init --folder "Kế hoạch CĐS 2026" --from "Kế hoạch CĐS 2026.docx"   # đọc từ văn bản kế hoạch của trường',
        'cds init --folder "Digital plan 2026" --name "Xuan Hoa Primary" --code THXH --place "Xuan Hoa" --year 2026\n'
        'cds init --year 2027 --name "Xuan Hoa Primary" --code THXH --place "Xuan Hoa"   # next year, same folder\n'
        'cds init --folder "Digital plan 2026" --from "Plan 2026.docx"   # read from the school\'s own document',
    ),
    "ex.people": (
        'cds people\ncds people add gv01 "Nguyễn Thị Hoa" gv',
        'cds people\ncds people add gv01 "Nguyen Thi Hoa" gv',
    ),
    "ex.people_add": (
        'cds people add gv01 "Nguyễn Thị Hoa" gv\ncds people add cbql01 "Trần Văn An" cbql',
        'cds people add gv01 "Nguyen Thi Hoa" gv\ncds people add cbql01 "Tran Van An" cbql',
    ),
    "ex.undo": (
        "cds undo          # hỏi trước khi xóa\ncds undo --yes    # xóa luôn, không hỏi (trong tệp lệnh)",
        "cds undo          # asks first\ncds undo --yes    # no question (in a script)",
    ),
    "ex.demo": (
        'cds demo\ncds demo --folder "Thử cds"',
        'cds demo\ncds demo --folder "Try cds"',
    ),
    "ex.record": (
        'cds record ky-nang-so-co-ban 27 --date 20/5/2026 --note "Tập huấn đợt 2"\n'
        "cds record thanh-toan-truc-tuyen 78,5\n"
        "cds record csdl-nganh done --date 02/06/2026\n"
        "cds record gv-tap-huan-nen-tang-so --attendees gv01,gv02,gv07",
        'cds record ky-nang-so-co-ban 27 --date 20/5/2026 --note "Training, round 2"\n'
        "cds record thanh-toan-truc-tuyen 78.5\n"
        "cds record csdl-nganh done --date 02/06/2026\n"
        "cds record gv-tap-huan-nen-tang-so --attendees gv01,gv02,gv07",
    ),
    "ex.status": (
        "cds status\ncds status --quarter II --only behind\ncds status ky-nang-so-co-ban --json\ncds status --csv > tien-do.csv      # mở bằng Excel",
        "cds status\ncds status --quarter 2 --only behind\ncds status ky-nang-so-co-ban --json\ncds status --csv > progress.csv     # opens in Excel",
    ),
    "ex.history": (
        "cds history ky-nang-so-co-ban\ncds history tin-bai-cds\ncds history hoc-ba-so --json",
        "cds history ky-nang-so-co-ban\ncds history tin-bai-cds\ncds history hoc-ba-so --json",
    ),
    "ex.report": (
        "cds report --quarter 2 --init-notes      # tạo tệp thuyết minh để viết\n"
        "cds report --quarter II\n"
        "cds report --year --number 12 --pdf\n"
        "cds report --quarter 2 --pdf-only        # PDF của tệp .docx đã sửa trong Word",
        "cds report --quarter 2 --init-notes      # the narrative file to fill in\n"
        "cds report --quarter 2\n"
        "cds report --year --number 12 --pdf\n"
        "cds report --quarter 2 --pdf-only        # a PDF of the .docx edited in Word",
    ),
    "ex.validate": (
        "cds validate                  # kế hoạch năm nay và mọi kế hoạch khác trong plans/\n"
        "cds validate --plan plans/2027-thxt.yaml",
        "cds validate                  # this year's plan and every other plan in plans/\n"
        "cds validate --plan plans/2027-thxt.yaml",
    ),
    "ex.rollup": (
        "cds rollup --plan truong-a/plans --plan truong-b/plans --quarter 2\ncds rollup --plan ca-xa/ --json",
        "cds rollup --plan school-a/plans --plan school-b/plans --quarter 2\ncds rollup --plan commune/ --json",
    ),
    "app.more": (
        "Các lệnh chạy trong thư mục của trường (có thư mục plans/). Kế hoạch được dùng: --plan, hoặc biến CDS_PLAN, hoặc kế hoạch trong plans/ có kỳ số liệu chứa ngày hôm nay. Đặt CDS_LANG=en để dùng tiếng Anh. Xem hướng dẫn từng lệnh: cds LỆNH --help.",
        "Run commands in the school's folder (the one holding plans/). The plan used: --plan, else $CDS_PLAN, else the plan in plans/ whose year window holds today. CDS_LANG=en for English (CDS_LANG=vi: Vietnamese). Each command's help: cds COMMAND --help.",
    ),
    "opt.group": (
        "Chỉ xem một nhóm chỉ tiêu, ví dụ 2.3; có thể ghi nhiều lần.",
        "Only one group of indicators, e.g. 2.3; may be repeated.",
    ),
    "opt.only": (
        "Chỉ xem các chỉ tiêu có tình trạng: đạt, đang thực hiện, chậm (tiến độ), chưa đạt, chưa có (số liệu), hoặc met, on_track, behind, not_met, no_data; có thể ghi nhiều lần.",
        "Only indicators in this state: met, on_track, behind, not_met, no_data; may be repeated.",
    ),
    "metavar.group": ("NHÓM", "GROUP"),
    "metavar.status": ("TÌNH_TRẠNG", "STATUS"),
    "arg.group_unknown": (
        "Không có nhóm '{group}' trong kế hoạch; các nhóm: {known}.",
        "The plan has no group '{group}'; its groups: {known}.",
    ),
    "opt.owner": (
        "Chỉ xem các chỉ tiêu do người hoặc bộ phận này phụ trách (mục owner trong kế hoạch), ví dụ 'Phó Hiệu trưởng'.",
        "Show only the indicators this person or group answers for (owner in the plan), e.g. 'Phó Hiệu trưởng'.",
    ),
    "metavar.owner": ("PHỤ_TRÁCH", "OWNER"),
    "arg.status_unknown": (
        "Tình trạng '{status}' không có; chọn một trong: {choices}.",
        "No state '{status}'; choose from: {choices}.",
    ),
    "opt.report.annex": (
        "Thêm Phụ lục: mọi kết quả đã ghi trong kỳ của từng chỉ tiêu (báo cáo năm luôn có).",
        "Add the annex: every record of the period per indicator (the annual report always has it).",
    ),
    "opt.report.charts": (
        "Thêm biểu đồ tiến độ mọi chỉ tiêu vào trang Phụ lục.",
        "Add the overview chart to the annex page.",
    ),
    "opt.report.pdf_only": (
        "Chỉ làm bản PDF từ tệp .docx đã có (kể cả đã sửa trong Word); không ghi lại tệp .docx.",
        "Only make the PDF of the existing .docx (edits and all); the .docx is not rewritten.",
    ),
    "rp.font_missing": (
        "Lưu ý: máy này chưa có phông Times New Roman, nên bản PDF dùng phông thay thế (Liberation Serif, cùng khổ chữ); nét chữ có thể khác đôi chút. Cài phông Times New Roman (Debian/Ubuntu: gói ttf-mscorefonts-installer), hoặc mở tệp .docx bằng Word và chọn Lưu thành > PDF.",
        "Note: Times New Roman is not installed here, so the PDF uses a stand-in (Liberation Serif, same metrics); letters may look slightly different. Install Times New Roman (Debian/Ubuntu: ttf-mscorefonts-installer), or open the .docx in Word and Save As PDF.",
    ),
    "rp.font_wider": (
        "Lưu ý: máy này chưa có phông Times New Roman, cũng chưa có phông cùng khổ chữ với nó (Liberation Serif), nên bản PDF dùng một phông rộng hơn: chữ xuống dòng và sang trang khác với bản Word, không dùng bản PDF này để ký. Cài phông Liberation Serif (Debian/Ubuntu: gói fonts-liberation) hoặc Times New Roman (gói ttf-mscorefonts-installer) rồi chạy lại lệnh, hoặc mở tệp .docx bằng Word và chọn Lưu thành > PDF.",
        "Note: neither Times New Roman nor a font of its widths (Liberation Serif) is installed here, so the PDF uses a wider font: its lines and pages break elsewhere than in Word; do not sign this PDF. Install Liberation Serif (Debian/Ubuntu: fonts-liberation) or Times New Roman (ttf-mscorefonts-installer) and run the command again, or open the .docx in Word and Save As PDF.",
    ),
    "rp.pdf_busy": (
        "Đang chuyển sang PDF bằng LibreOffice…",
        "Converting to PDF with LibreOffice…",
    ),
    "rp.pdf_no_docx": ("Chưa có tệp báo cáo {path}.", "There is no report {path} yet."),
    "rp.pdf_no_docx.hint": (
        "Lập báo cáo trước (bỏ --pdf-only), hoặc chỉ đường dẫn bằng --output.",
        "Write the report first (without --pdf-only), or give its path with --output.",
    ),
    "busy.reading": ("Đang đọc tệp kết quả…", "Reading the records…"),
    "rollup.busy": ("Đang đọc các kế hoạch", "Reading the plans"),
    "sum.publish": (
        "Đăng tiến độ lên trang web của trường (trang và ảnh).",
        "Publish progress as a web page and a picture.",
    ),
    "cmd.publish": (
        "Ghi tiến độ thực hiện kế hoạch thành một trang web (index.html) và một ảnh (tien-do.png) để đăng lên trang thông tin điện tử của trường hoặc gửi nhóm Zalo. Trang không tải gì từ Internet và không có họ tên ai.",
        "Write the plan's progress as a web page (index.html) and a picture (tien-do.png) for the school's website or a messaging group. The page fetches nothing and names nobody.",
    ),
    "ex.publish": (
        "cds publish\ncds publish --quarter 2 --output trang-web",
        "cds publish\ncds publish --quarter 2 --output site-q2",
    ),
    "opt.publish.output": (
        "Thư mục ghi trang (mặc định: site/ cạnh thư mục plans/); các tệp khác trong đó giữ nguyên.",
        "The folder to write to (default: site/ beside plans/); other files in it are left alone.",
    ),
    "pub.written": ("Đã ghi {page} và {picture}.", "Wrote {page} and {picture}."),
    "pub.next": (
        "Đăng lên trang thông tin điện tử của trường: trong trang quản trị, mở chuyên mục Chuyển đổi số, tạo bài mới, chuyển khung soạn thảo sang chế độ mã nguồn (HTML) rồi dán nội dung tệp index.html (mở bằng Notepad), và tải ảnh tien-do.png lên cùng bài. Ảnh tien-do.png cũng gửi được qua Zalo.",
        "To publish on the school's website: in its admin pages open the digital-transformation section, make a new post, switch the editor to source (HTML) and paste index.html (open it in Notepad), and upload tien-do.png with the post. tien-do.png can also be sent over Zalo.",
    ),
    "pub.busy": ("Đang vẽ biểu đồ…", "Drawing the charts…"),
    "pub.title": ("Tiến độ chuyển đổi số — {school}", "Digital transformation progress — {school}"),
    "pub.plan": (
        "{title} (Kế hoạch số {number} ngày {date})",
        "{title} (plan No. {number} of {date})",
    ),
    "pub.as_of": ("Số liệu tính đến ngày {date}", "Figures as of {date}"),
    "pub.picture_title": (
        "{school} — {plan}, tính đến {date}",
        "{school} — {plan}, as of {date}",
    ),
    "pub.picture_alt": (
        "Biểu đồ tiến độ từng chỉ tiêu. {figures}.",
        "Progress of each target. {figures}.",
    ),
    "pub.spoken": (
        "{name}: {figure}, kế hoạch {target}, {word}",
        "{name}: {figure}, target {target}, {word}",
    ),
    "pub.chart_target": ("Kế hoạch: {target}", "Target: {target}"),
    "pub.chart_caption": (
        "Kết quả theo thời gian: {points}. Kế hoạch: {target}.",
        "Over time: {points}. Target: {target}.",
    ),
    "pub.made": (
        "Trang do cds-tracker lập từ số liệu tính đến ngày {date}.",
        "Made by cds-tracker from the figures as of {date}.",
    ),
    "pub.label.summary": ("Tổng quan", "Overview"),
    "pub.label.figure": ("Kết quả", "Result"),
    "pub.label.target": ("Kế hoạch", "Target"),
    "pub.label.state": ("Đánh giá", "Status"),
    "pub.label.progress": ("Tiến độ", "Progress"),
    "sum.export": (
        "Xuất tình hình và kết quả ra tệp Excel (.xlsx).",
        "Export standing and records to Excel.",
    ),
    "cmd.export": (
        "Ghi tình hình mọi chỉ tiêu (trang 'Tình hình') và mọi kết quả đã ghi (trang 'Kết quả') vào một tệp Excel .xlsx, để nộp theo mẫu hoặc xử lý tiếp trong Excel. Không ghi họ tên: người tham dự chỉ có mã và số lượng.",
        "Write every indicator's standing ('Tình hình') and every record ('Kết quả') to an Excel .xlsx. No names: attendees as ids and counts.",
    ),
    "ex.export": (
        "cds export --xlsx tinh-hinh.xlsx\ncds export --xlsx quy-2.xlsx --quarter 2 --force",
        "cds export --xlsx standing.xlsx\ncds export --xlsx q2.xlsx --quarter 2 --force",
    ),
    "opt.xlsx": ("Tệp Excel (.xlsx) sẽ ghi.", "The Excel (.xlsx) file to write."),
    "opt.xlsx_force": (
        "Ghi đè tệp đã có (có thể đã được sửa trong Excel).",
        "Overwrite an existing file (it may have been edited in Excel).",
    ),
    "xl.written": ("Đã ghi tệp Excel {path}.", "Wrote the workbook {path}."),
    "xl.sheet.status": ("Tình hình", "Tình hình"),
    "xl.sheet.records": ("Kết quả", "Kết quả"),
    "xl.sheet.rollup": ("Tổng hợp", "Tổng hợp"),
    "xl.sheet.schools": ("Theo trường", "Theo trường"),
    "opt.rollup.pdf": (
        "Với --report: làm thêm bản PDF của báo cáo (cần LibreOffice).",
        "With --report: also make the report's PDF (needs LibreOffice).",
    ),
    "opt.rollup.plan_year": (
        "Năm kế hoạch cần tổng hợp (mặc định: năm có kỳ số liệu chứa ngày hôm nay). Kế hoạch năm khác nằm cạnh được bỏ qua.",
        "The plan year to roll up (default: the one whose window holds today). Plans of other years beside them are passed over.",
    ),
    "rollup.at_level": ("{level}: {n} trường", "{level}: {n} schools"),
    "rollup.other_year": (
        "Kế hoạch năm {year}, không phải năm {wanted} đang tổng hợp; không tính vào (chọn năm bằng --plan-year).",
        "A {year} plan, not of the {wanted} being rolled up; not counted (choose the year with --plan-year).",
    ),
    "rollup.no_plan_of_year": (
        "Không có kế hoạch năm {year} nào trong những gì --plan chỉ ra.",
        "No {year} plan among what --plan names.",
    ),
    "rollup.no_plan_of_year.hint": (
        "Chọn năm khác bằng --plan-year NĂM, hoặc kiểm tra lại --plan.",
        "Choose another year with --plan-year YEAR, or check --plan.",
    ),
    "rollup.unreadable": ("Không đọc được kế hoạch.", "The plan cannot be read."),
    "rollup.same_code": (
        "Trùng ký hiệu trường '{code}' với {others}: không tính kế hoạch nào trong số đó, kẻo một trường bị tính hai lần.",
        "School code '{code}' is also in {others}: neither is counted, or one school would count twice.",
    ),
    "rollup.same_code.hint": (
        "Mỗi trường một ký hiệu (school.code); bỏ bản sao, hoặc sửa ký hiệu của trường khác.",
        "One code a school (school.code); remove the copy, or fix the other school's code.",
    ),
    "xl.sheet.left_out": ("Chưa tổng hợp", "Chưa tổng hợp"),
    "xl.sheet.info": ("Thông tin", "Thông tin"),
    "xl.col.item": ("Mục", "Item"),
    "xl.col.content": ("Nội dung", "Content"),
    "xl.col.file": ("Tệp", "File"),
    "xl.col.reason": ("Lý do", "Reason"),
    "xl.info.school": ("Trường", "School"),
    "xl.info.plan": ("Kế hoạch", "Plan"),
    "xl.info.period": ("Kỳ", "Period"),
    "xl.info.to_date": ("Đến ngày tính số liệu", "Up to the as-of date"),
    "xl.info.as_of": ("Số liệu tính đến ngày", "Figures as of"),
    "xl.info.plan_year": ("Năm kế hoạch", "Plan year"),
    "xl.info.given": ("Số kế hoạch được giao tổng hợp", "Plans given"),
    "xl.info.counted": ("Số trường được tổng hợp", "Schools counted"),
    "xl.info.left_out": ("Số kế hoạch chưa tổng hợp được", "Plans left out"),
    "xl.info.problems": (
        "Số dòng lỗi (xem thông báo của lệnh)",
        "Problem rows (see the command's messages)",
    ),
    "xl.info.made_by": ("Lập bằng", "Made with"),
    "xl.exists": (
        "Tệp Excel {path} đã có; không ghi đè (có thể đã được sửa trong Excel).",
        "{path} exists; not overwritten (it may have been edited in Excel).",
    ),
    "xl.exists.hint": (
        "Đóng tệp trong Excel rồi thêm --force để ghi đè, hoặc đặt tên khác: --xlsx TÊN_KHÁC.xlsx.",
        "Close it in Excel and add --force to replace it, or give another name: --xlsx OTHER.xlsx.",
    ),
    "xl.not_xlsx": (
        "Tên tệp Excel phải kết thúc bằng .xlsx (không phải '{suffix}'): Excel chỉ mở đúng tệp mang đuôi này.",
        "A workbook's name must end in .xlsx (not '{suffix}'): Excel opens it by that ending.",
    ),
    "xl.col.id": ("Mã chỉ tiêu", "Id"),
    "xl.col.group": ("Nhóm", "Group"),
    "xl.col.name": ("Chỉ tiêu", "Indicator"),
    "xl.col.target": ("Kế hoạch", "Target"),
    "xl.col.value": ("Kết quả", "Value"),
    "xl.col.count": ("Số lượng", "Count"),
    "xl.col.of": ("Mẫu số", "Of"),
    "xl.col.state": ("Đánh giá", "Status"),
    "xl.col.last": ("Cập nhật", "Last record"),
    "xl.col.date": ("Ngày", "Date"),
    "xl.col.record": ("Giá trị", "Value"),
    "xl.col.note": ("Ghi chú", "Note"),
    "xl.col.evidence": ("Minh chứng", "Evidence"),
    "xl.col.attendees_n": ("Số người tham dự", "Attendees"),
    "xl.col.attendees": ("Mã người tham dự", "Attendee ids"),
    "xl.col.scope": ("Lớp", "Scope"),
    "xl.col.line": ("Dòng", "Line"),
    "xl.col.combined": ("Kết quả chung", "Combined"),
    "xl.col.schools": ("Số trường", "Schools"),
    "xl.col.with_data": ("Có số liệu", "With data"),
    "xl.col.met": ("Đạt", "Met"),
    "xl.col.code": ("Ký hiệu", "Code"),
    "xl.col.school": ("Trường", "School"),
    "cm.subject": (
        "Tổng hợp kết quả thực hiện kế hoạch chuyển đổi số của các trường học {period}",
        "Schools' digital-transformation results, {period}",
    ),
    "cm.opening": (
        "Thực hiện chế độ báo cáo định kỳ, {issuer} tổng hợp kết quả thực hiện kế hoạch chuyển đổi số {period} của {total} trường học trên địa bàn như sau:",
        "{issuer} reports the digital-transformation results for {period} of the {total} schools in its area:",
    ),
    "cm.opening_basis": (
        "Thực hiện {basis}, {issuer} tổng hợp kết quả thực hiện kế hoạch chuyển đổi số {period} của {total} trường học trên địa bàn như sau:",
        "Pursuant to {basis}, {issuer} reports the digital-transformation results for {period} of the {total} schools in its area:",
    ),
    "cm.next_quarter": ("quý {roman} năm {year}", "quarter {roman} of {year}"),
    "cm.closing": (
        "Trên đây là báo cáo tổng hợp kết quả thực hiện kế hoạch chuyển đổi số {period} của các trường học trên địa bàn {area}./.",
        "This concludes the report on the schools' plans in {area} for {period}./.",
    ),
    "cm.summary": (
        'Tổng hợp được số liệu của {counted}/{given} trường; kế hoạch của các trường có {indicators} chỉ tiêu. Cột "Số trường tổng hợp" là số trường có chỉ tiêu đó trong số các trường được tổng hợp.',
        "{counted} of {given} schools gathered; their plans have {indicators} targets. The column of schools counts those gathered that have the target.",
    ),
    "cm.summary_left_out": (
        "{n} kế hoạch chưa tổng hợp được, nêu tại mục 2.",
        "{n} [plan is|plans are] left out, listed in part 2.",
    ),
    "cm.not_reported": ("Chưa tổng hợp được: {reason}", "Left out: {reason}"),
    "cm.behind_on": ("{n} chỉ tiêu chậm tiến độ (STT {which})", "{n} behind (no. {which})"),
    "cm.not_met_on": ("{n} chỉ tiêu chưa đạt (STT {which})", "{n} not met (no. {which})"),
    "cm.drafted": (
        "Không có --notes: các mục I, III, IV, V được viết từ số liệu của các trường; đọc lại trước khi ký. Muốn tự viết, ghi tệp thuyết minh và thêm --notes TỆP.",
        "No --notes: sections I, III, IV, V are drafted from the schools' figures; read them before signing. To write your own, give --notes FILE.",
    ),
    "cm.no_basis": (
        'Lưu ý: tệp {file} chưa có mục basis, nên câu mở đầu báo cáo không dẫn văn bản nào; thêm, ví dụ: basis: ["Kế hoạch số 92/KH-UBND ngày 26/3/2026 của UBND tỉnh …"] (xem docs/issuer.md).',
        'Note: {file} has no basis, so the report\'s opening cites no document; add e.g. basis: ["Kế hoạch số 92/KH-UBND …"] (see docs/issuer.md).',
    ),
    "cm.bad_rows": (
        "{n} dòng số liệu có lỗi chưa được tính (trường cần sửa)",
        "{n} rows with errors not counted (the school must fix them)",
    ),
    "cm.notes_missing": (
        "Không có tệp thuyết minh {path}.",
        "There is no notes file {path}.",
    ),
    "cm.notes_missing.hint": (
        "Kiểm tra tên tệp ở --notes, hoặc bỏ --notes: báo cáo tự viết phần thuyết minh từ số liệu của các trường.",
        "Check the name given to --notes, or drop --notes: the report drafts its text from the schools' figures.",
    ),
    "cm.no_data": ("Chưa có số liệu", "No data yet"),
    "opt.rollup.report": (
        "Lập báo cáo tổng hợp của xã (tệp Word), cần --quarter N hoặc --year và --issuer.",
        "Write the commune's consolidated report (Word); needs --quarter N or --year, and --issuer.",
    ),
    "opt.rollup.issuer": (
        "Tệp YAML thông tin đơn vị ban hành báo cáo (tên, ký hiệu, địa danh, người ký…; xem docs/issuer.md).",
        "The issuer's YAML file (name, code, place, signer…; see docs/issuer.md).",
    ),
    "opt.rollup.notes": (
        "Tệp nội dung thuyết minh (Markdown, cùng dạng với báo cáo của trường).",
        "The narrative file (Markdown, as for a school's report).",
    ),
    "rollup.needs_issuer": (
        "Báo cáo tổng hợp cần --issuer TỆP: thông tin đơn vị ban hành (xem docs/issuer.md).",
        "The consolidated report needs --issuer FILE (see docs/issuer.md).",
    ),
    "rollup.report_written": (
        "Đã ghi báo cáo tổng hợp {path}.",
        "Wrote the consolidated report {path}.",
    ),
    "iss.not_mapping": (
        "Tệp thông tin đơn vị báo cáo phải gồm các mục name:, code:, place:, signer:.",
        "The issuer file must hold name:, code:, place:, signer:.",
    ),
    "iss.unknown": ("Mục '{key}' không được biết đến.", "Unknown entry '{key}'."),
    "iss.missing": ("Thiếu mục '{key}'.", "'{key}' is missing."),
    "iss.signer": (
        "Thiếu người ký: signer: {{title: Chủ tịch, name: …}}.",
        "The signer is missing: signer: {{title: Chủ tịch, name: …}}.",
    ),
    "iss.not_list": (
        "Mục {key} phải là một danh sách các dòng chữ, ví dụ [Như trên, Lưu: VT].",
        "{key} must be a list of lines of text, e.g. [Như trên, Lưu: VT].",
    ),
    "iss.not_text": (
        "Mục {key} phải là một dòng chữ (không phải danh sách hay nhóm mục).",
        "{key} must be one line of text (not a list or a group of entries).",
    ),
    "iss.hint": ("Xem mẫu trong docs/issuer.md.", "See the example in docs/issuer.md."),
    "iss.default_title": ("Chủ tịch", "Chủ tịch"),
    "opt.version": ("In phiên bản của cds rồi thoát.", "Print cds's version and exit."),
    "version": ("cds {version}", "cds {version}"),
    "cmd.rollup": (
        "Tổng hợp nhiều kế hoạch (cấp xã, tỉnh): mỗi chỉ tiêu có bao nhiêu trường đạt, kết quả chung.",
        "Roll several plans up (a commune, a province): per indicator, schools that met it and the combined figure.",
    ),
    "rollup.title": (
        "Tổng hợp {counted}/{given} trường, tính đến {date}",
        "Roll-up of {counted}/{given} schools, as of {date}",
    ),
    "rollup.schools": ("Số trường", "Schools"),
    "rollup.met": ("Đạt", "Met"),
    "rollup.combined": ("Kết quả chung", "Combined"),
    "rollup.mean": ("trung bình {value}", "mean {value}"),
    "rollup.done": ("{done}/{schools} trường hoàn thành", "{done}/{schools} schools done"),
    "rollup.no_data": ("{count} trường chưa có số liệu", "{count} without data"),
    "rollup.skipped": (
        "Tổng hợp {counted}/{given} trường: {left_out} kế hoạch chưa tổng hợp được, {rows} dòng lỗi (liệt kê ở trên); sửa rồi chạy lại.",
        "Rolled up {counted}/{given} schools; left out: {left_out}, problem rows: {rows} (above); fix them and run again.",
    ),
    "cmd.validate": (
        "Kiểm tra tệp kế hoạch và tệp kết quả; báo mọi lỗi kèm số dòng.",
        "Check the plan and its records; list every problem with its line.",
    ),
    "cmd.undo": (
        "Xóa kết quả ghi sau cùng (dòng cuối của tệp kết quả), khi vừa ghi nhầm. Trên màn hình lệnh "
        "hỏi lại trước khi xóa; trong tệp lệnh cần --yes.",
        "Remove the newest record (the records file's last line), after a mistake. At a terminal it "
        "asks first; in a script it needs --yes.",
    ),
    "cmd.demo": (
        "Tạo một thư mục trường mẫu, ghi vài kết quả, xem tình hình và lập báo cáo quý II: thấy cds "
        "làm việc thế nào, chỉ với cds (trên Windows cũng vậy).",
        "Make a sample school's folder, record a few results, show the status and write the "
        "quarter II report: cds at work, with nothing but cds (on Windows too).",
    ),
    "opt.undo.yes": ("Xóa không hỏi lại.", "Remove without asking."),
    "opt.demo.folder": (
        "Thư mục sẽ tạo cho trường mẫu (mặc định: cds-demo trong thư mục đang đứng).",
        "The folder to make for the sample school (default: cds-demo here).",
    ),
    "demo.done": (
        "\nThư mục trường mẫu: {folder}\nBáo cáo quý II: {report}\nMở báo cáo bằng Word; thử các lệnh trên trong thư mục đó (cd {folder}).",
        "\nSample school folder: {folder}\nQuarter II report: {report}\nOpen the report in Word; try the commands above in that folder (cd {folder}).",
    ),
    "demo.not_empty": (
        "Thư mục {folder} đã có tệp (không phải của một lần chạy demo trước); không ghi đè.",
        "{folder} holds files (not from an earlier demo); not overwritten.",
    ),
    "demo.not_empty.hint": (
        'Chọn thư mục khác: cds demo --folder "Thử cds".',
        'Choose another folder: cds demo --folder "Try cds".',
    ),
    "demo.step_failed": (
        "Bước demo `{command}` không thành công (mã {code}); xem thông báo ở trên.",
        "Demo step `{command}` failed (code {code}); see the message above.",
    ),
    "undo.ask": (
        "Kết quả ghi sau cùng ({file}, dòng {line}): {row}",
        "The newest record ({file}, line {line}): {row}",
    ),
    "undo.prompt": (
        "Xóa kết quả này? Gõ c rồi Enter để xóa, Enter để giữ: ",
        "Remove it? Type y and Enter to remove, Enter to keep: ",
    ),
    "undo.kept": ("Đã giữ nguyên, không xóa gì.", "Kept; nothing removed."),
    "undo.done": (
        "Đã xóa dòng {line} của {file}: {row}",
        "Removed line {line} of {file}: {row}",
    ),
    "undo.attendees": ("{count} người tham dự", "{count} [attendee|attendees]"),
    "undo.needs_yes": (
        "cds undo xóa một kết quả: khi không chạy trên màn hình lệnh (trong tệp lệnh, qua ống dẫn), hãy thêm --yes.",
        "cds undo removes a record: when not at a terminal (a script, a pipe), add --yes.",
    ),
    "undo.needs_yes.hint": (
        "Xem trước dòng sẽ xóa bằng `cds history MÃ`.",
        "See the line first with `cds history ID`.",
    ),
    "undo.empty": (
        "Tệp {file} chưa có kết quả nào để xóa.",
        "{file} holds no record to remove.",
    ),
    "undo.changed": (
        "Tệp {file} vừa có kết quả mới ghi thêm (từ lệnh khác) nên chưa xóa gì; chạy lại `cds undo` để xem dòng cuối.",
        "{file} has just had a record added (by another command), so nothing was removed; run `cds undo` again to see the last line.",
    ),
    "rec.sample": (
        "{path} là kế hoạch mẫu đi kèm cds, không phải kế hoạch của trường; không ghi gì vào đó.",
        "{path} is the sample plan shipped with cds, not a school's; nothing is written beside it.",
    ),
    "rec.sample.hint": (
        'Tạo kế hoạch của trường: cds init --folder "Kế hoạch CĐS 2026" --name "…" --code … --place "…", hoặc xem thử bằng `cds demo`.',
        'Make the school\'s plan: cds init --folder "Digital plan 2026" --name "…" --code … --place "…", or try `cds demo`.',
    ),
    "git.record": ("Ghi kết quả {id}: {value} ({date})", "Record {id}: {value} ({date})"),
    "git.undo": (
        "Xóa kết quả ghi nhầm {id}: {value} ({date})",
        "Undo record {id}: {value} ({date})",
    ),
    "git.done": ("hoàn thành", "done"),
    "git.people_add": (
        "Thêm người {id} ({role}) vào danh sách",
        "Add person {id} ({role}) to the roster",
    ),
    "git.init": (
        "Tạo kế hoạch chuyển đổi số năm {year} của {school}",
        "Create the {year} digital-transformation plan of {school}",
    ),
    "git.failed": (
        "Cảnh báo: đã ghi tệp, nhưng chưa lưu được vào lịch sử git ({reason}). Tệp vẫn đúng; lần ghi sau cds sẽ lưu cả thay đổi này.",
        "Warning: the file is written, but git could not keep it ({reason}). The file is right; the next write commits this change too.",
    ),
    "cmd.record": (
        "Ghi thêm một kết quả cho một chỉ tiêu (ví dụ sau một buổi tập huấn).",
        "Append one measurement for an indicator (e.g. after a training session).",
    ),
    "cmd.status": (
        "Xem tình hình thực hiện mọi chỉ tiêu.",
        "Show where every indicator stands.",
    ),
    "cmd.history": (
        "Xem các kết quả đã ghi của một chỉ tiêu, cũ trước mới sau.",
        "List an indicator's records, oldest first.",
    ),
    "cmd.init": (
        'Tạo kế hoạch mới cho một trường: chép kế hoạch mẫu (cần --name, --code, --place), hoặc đọc từ văn bản kế hoạch của trường bằng --from TỆP (.docx, .txt, .md), mỗi chỗ phải đoán có dòng "# kiểm tra:".',
        'Write a new plan for a school: copy the shipped example (needs --name, --code, --place), or read the school\'s own plan document with --from FILE (.docx, .txt, .md), every guess marked "# kiểm tra:".',
    ),
    "metavar.id": ("MÃ_CHỈ_TIÊU", "ID"),
    "metavar.file": ("TỆP", "FILE"),
    "metavar.date": ("NGÀY", "DATE"),
    "metavar.n": ("N", "N"),
    "metavar.number": ("SỐ", "NUMBER"),
    "metavar.text": ("VĂN_BẢN", "TEXT"),
    "metavar.ids": ("MÃ,MÃ,...", "ID,ID,..."),
    "metavar.scope": ("LỚP", "SCOPE"),
    "metavar.name": ("TÊN", "NAME"),
    "metavar.code": ("KÝ_HIỆU", "CODE"),
    "metavar.year": ("NĂM", "YEAR"),
    "metavar.value": ("GIÁ_TRỊ", "VALUE"),
    "metavar.person_id": ("MÃ_NGƯỜI", "PERSON_ID"),
    "metavar.person_name": ("HỌ_TÊN", "NAME"),
    "metavar.person_role": ("VAI_TRÒ", "ROLE"),
    "arg.id": ("Mã chỉ tiêu, ví dụ ky-nang-so-co-ban.", "Indicator id, e.g. ky-nang-so-co-ban."),
    "arg.value": (
        "Kết quả: một số (số người, số bài, tỷ lệ %, mức độ) hoặc done / not-done.",
        "The value: a number (people, articles, percent, level) or done / not-done.",
    ),
    "opt.of": (
        "Mẫu số của lần đo này, nếu khác sĩ số trong kế hoạch.",
        "The denominator of this measurement, when it differs from the plan's.",
    ),
    "opt.date": (
        "Ngày đo, ví dụ 10/4/2026 hoặc 2026-04-10 (mặc định: hôm nay).",
        "Date, e.g. 10/4/2026 or 2026-04-10 (default: today).",
    ),
    "opt.note": ("Ghi chú, ví dụ tên buổi tập huấn.", "A note, e.g. the training session."),
    "opt.evidence": (
        "Minh chứng: số văn bản, đường dẫn, tên tệp.",
        "Evidence: a document number, link or file name.",
    ),
    "opt.as_of": (
        "Tính đến ngày, ví dụ 14/6/2026.",
        "As of this date, e.g. 14/6/2026.",
    ),
    "opt.quarter": (
        "Tính đến hết kỳ số liệu của quý N (1-4 hoặc I-IV).",
        "As of the end of quarter N's reporting window (1-4 or I-IV).",
    ),
    "opt.year": ("Tính đến hết kỳ số liệu của năm.", "As of the end of the year's window."),
    "opt.json": ("In kết quả dạng JSON (cho máy đọc).", "Print JSON for scripts."),
    "opt.csv": (
        "In kết quả dạng CSV (mở được bằng Excel): cds status --csv > tien-do.csv",
        "Print CSV (Excel opens it): cds status --csv > progress.csv",
    ),
    "opt.init.name": ("Tên trường, ví dụ 'Trường Tiểu học Xuân Hòa'.", "School name."),
    "opt.init.code": (
        "Ký hiệu trường dùng trong số văn bản, ví dụ THXH.",
        "School code, e.g. THXH.",
    ),
    "opt.init.place": ("Địa danh ghi ở dòng ngày tháng.", "Place name for the date line."),
    "opt.init.parent": ("Cơ quan chủ quản, ví dụ 'UBND xã Xuân Hòa'.", "Parent body."),
    "opt.init.head": ("Họ tên hiệu trưởng.", "The principal's name."),
    "opt.init.year": ("Năm của kế hoạch (mặc định: năm nay).", "Plan year (default: this year)."),
    "opt.init.output": (
        "Tệp sẽ tạo (mặc định: plans/<năm>-<ký hiệu>.yaml).",
        "File to write (default: plans/<year>-<code>.yaml).",
    ),
    "plan.default_title": (
        "Kế hoạch chuyển đổi số năm {year}",
        "Digital transformation plan {year}",
    ),
    # --- typer's own texts (clitext.py) -------------------------------------------------------
    "click.usage": ("Cách dùng:", "Usage:"),
    "click.options_metavar": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "click.command_metavar": ("LỆNH [THAM_SỐ]...", "COMMAND [ARGS]..."),
    "click.arguments": ("Tham số", "Arguments"),
    "click.options": ("Tùy chọn", "Options"),
    "click.commands": ("Lệnh", "Commands"),
    "click.required": ("bắt buộc", "required"),
    "click.default": ("mặc định: {default}", "default: {default}"),
    "click.help": ("Xem hướng dẫn này rồi thoát.", "Show this message and exit."),
    "click.missing_command": ("Thiếu tên lệnh.", "Missing command."),
    "click.no_such_command": ("Không có lệnh {name}.", "No such command {name}."),
    "click.aborted": ("Đã dừng.", "Aborted!"),
    "click.try_help": ("Xem hướng dẫn: {command} -h", "Try '{command} -h' for help."),
    "click.error": ("Lỗi: {message}", "Error: {message}"),
    "click.missing": ("Thiếu {name}.", "Missing {name}."),
    "click.bad_value": (
        "Giá trị của {name} không hợp lệ: {detail}",
        "Invalid value for {name}: {detail}",
    ),
    "click.not_integer": ("'{value}' không phải số nguyên.", "'{value}' is not a whole number."),
    "click.not_valid": ("'{value}' không hợp lệ.", "'{value}' is not valid."),
    "click.install_completion": (
        "Cài gợi ý lệnh (bấm Tab) cho cửa sổ dòng lệnh đang dùng.",
        "Install completion for the current shell.",
    ),
    "click.show_completion": (
        "In đoạn cài gợi ý lệnh (bấm Tab), để chép hoặc tự cài.",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    "click.no_such_option": ("Không có tùy chọn {name}.", "No such option: {name}."),
    "click.did_you_mean": ("Có phải ý bạn là: {options}?", "Did you mean: {options}?"),
    "click.extra": (
        'Thừa tham số: {args}. Nếu đó là phần sau của một ghi chú có dấu cách, đặt cả ghi chú trong ngoặc kép: --note "Tập huấn đợt 3".',
        'Unexpected extra arguments: {args}. If they are the rest of a note with spaces, put the whole note in quotes: --note "Training round 3".',
    ),
    # --- plan discovery ---------------------------------------------------------------------
    "plan.none": (
        "Không tìm thấy tệp kế hoạch: thư mục {folder} không có tệp .yaml nào.",
        "No plan found: {folder} holds no .yaml file.",
    ),
    "plan.none.hint": (
        "Hãy chạy lệnh trong thư mục chứa plans/, dùng --plan ĐƯỜNG_DẪN, hoặc tạo kế hoạch bằng `cds init`.",
        "Run from the folder that holds plans/, pass --plan PATH, or create one with `cds init`.",
    ),
    "plan.list_cycle": (
        "Danh sách này nhắc lại chính nó (hoặc một danh sách đang đọc dở), nên sẽ đọc mãi không hết.",
        "This list names itself (or a list being read), so it would never end.",
    ),
    "plan.list_cycle.hint": (
        "Xóa dòng này, hoặc ghi đường dẫn tới các kế hoạch thay cho @danh sách.",
        "Remove this line, or list the plans' paths instead of the @list.",
    ),
    "plan.list_empty": (
        "Danh sách {file} không ghi kế hoạch nào.",
        "The list {file} names no plan.",
    ),
    "plan.no_match": (
        "Không có tệp hay thư mục nào khớp với '{pattern}'.",
        "Nothing matches '{pattern}'.",
    ),
    "plan.many": (
        "Có nhiều tệp kế hoạch trong {folder}: {found}.",
        "Several plans in {folder}: {found}.",
    ),
    "plan.many.hint": (
        "Chọn một tệp bằng --plan ĐƯỜNG_DẪN hoặc biến môi trường CDS_PLAN.",
        "Choose one with --plan PATH or the CDS_PLAN variable.",
    ),
    "file.missing": ("Không tìm thấy tệp {path}.", "File not found: {path}."),
    "file.missing.hint": ("Kiểm tra lại đường dẫn.", "Check the path."),
    "file.unreadable": ("Không đọc được tệp: {reason}.", "Cannot read the file: {reason}."),
    "file.too_big": (
        "Tệp quá lớn ({size} byte); tệp kế hoạch không quá {limit} byte.",
        "File too large ({size} bytes); a plan is at most {limit} bytes.",
    ),
    "file.not_regular": (
        "Đây không phải một tệp thường (thiết bị, ống dẫn…), nên không đọc.",
        "This is not a regular file (a device, a pipe…); it is not read.",
    ),
    "file.not_regular.hint": ("Chỉ đường dẫn tới đúng tệp.", "Give the path of the file itself."),
    "file.workbook": (
        "Đây là một bảng tính Excel (.xlsx/.xls) lưu dưới tên .csv, không phải tệp CSV.",
        "This is an Excel workbook (.xlsx/.xls) saved under a .csv name, not a CSV file.",
    ),
    "file.workbook.hint": (
        'Mở tệp bằng Excel, chọn File > Save As, kiểu "CSV UTF-8 (Comma delimited) (*.csv)", lưu đè tên cũ.',
        'Open it in Excel, File > Save As, type "CSV UTF-8 (Comma delimited) (*.csv)", same name.',
    ),
    "csv.wrong_encoding": (
        "Tệp đã bị lưu lại với bảng mã khác (chữ có dấu thành 'Ã', 'á»', dòng đầu bắt đầu bằng 'ï»¿'): thường do mở bằng Excel rồi lưu kiểu \"CSV (Comma delimited)\".",
        "The file was saved again in another encoding (letters became 'Ã', 'á»', the first line starts with 'ï»¿'): usually Excel's \"CSV (Comma delimited)\" save.",
    ),
    "csv.wrong_encoding.hint": (
        'Lấy lại bản trước (git, hoặc bản sao), hoặc mở bằng Excel qua Data > From Text/CSV chọn 65001: Unicode (UTF-8), rồi lưu kiểu "CSV UTF-8".',
        'Restore the earlier copy (git, a backup), or open it in Excel through Data > From Text/CSV with 65001: Unicode (UTF-8), then save as "CSV UTF-8".',
    ),
    "file.encoding": (
        "Tệp không phải mã UTF-8 (byte lạ ở vị trí {pos}).",
        "The file is not UTF-8 (bad byte at offset {pos}).",
    ),
    "file.encoding.hint": (
        "Trong Excel chọn Lưu thành > 'CSV UTF-8 (Comma delimited)'; trong Notepad chọn Mã hóa 'UTF-8'.",
        "In Excel use Save As > 'CSV UTF-8 (Comma delimited)'; in Notepad choose encoding 'UTF-8'.",
    ),
    # --- YAML -------------------------------------------------------------------------------
    "yaml.tab": (
        "Dòng này thụt lề bằng phím Tab.",
        "This line is indented with a tab.",
    ),
    "yaml.tab.hint": (
        "YAML chỉ cho phép thụt lề bằng dấu cách: thay Tab bằng dấu cách.",
        "YAML indents with spaces only: replace the tab with spaces.",
    ),
    "yaml.syntax": ("Lỗi cú pháp YAML: {problem}.", "YAML syntax error: {problem}."),
    "yaml.syntax.hint": (
        "Kiểm tra thụt lề, dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở.",
        "Check the indentation, the colon after each key, and matching quotes.",
    ),
    "yaml.duplicate_key": ("Khóa '{key}' xuất hiện hai lần.", "Key '{key}' appears twice."),
    "yaml.duplicate_key.hint": ("Xóa một trong hai dòng.", "Remove one of them."),
    "yaml.tag": (
        "Thẻ YAML '{tag}' không được phép (có thể dùng để chạy mã độc).",
        "YAML tag '{tag}' is not allowed (it could run code).",
    ),
    "yaml.tag.hint": ("Xóa thẻ bắt đầu bằng '!'.", "Remove the tag starting with '!'."),
    "yaml.aliases": (
        "Tệp dùng bí danh YAML (&, *) tạo ra quá nhiều dữ liệu.",
        "The file's YAML aliases (&, *) expand to too much data.",
    ),
    "yaml.aliases.hint": (
        "Viết trực tiếp giá trị thay vì dùng & và *.",
        "Write values out instead of using & and *.",
    ),
    "yaml.deep": ("Cấu trúc lồng nhau quá sâu.", "Nesting is too deep."),
    "yaml.deep.hint": ("Kiểm tra các dấu [ và {{ thừa.", "Look for stray [ and {{ characters."),
    "yaml.not_mapping": (
        "Tệp kế hoạch phải bắt đầu bằng các mục school:, plan:, indicators:.",
        "A plan must be a mapping with school:, plan:, indicators:.",
    ),
    "yaml.not_mapping.hint": (
        "Sao chép kế hoạch mẫu bằng `cds init` rồi sửa.",
        "Copy the example with `cds init` and edit it.",
    ),
    # --- plan validation --------------------------------------------------------------------
    "v.missing": ("Thiếu mục bắt buộc '{field}'.", "Required field '{field}' is missing."),
    "v.missing.hint": ("Thêm dòng '{field}: ...'.", "Add a line '{field}: ...'."),
    "v.extra": ("Mục '{field}' không được biết đến.", "Unknown field '{field}'."),
    "v.extra.suggest": ("Có phải ý bạn là '{suggestion}'?", "Did you mean '{suggestion}'?"),
    "v.extra.allowed": ("Các mục hợp lệ: {allowed}.", "Allowed fields: {allowed}."),
    "v.type.int": ("'{field}' phải là một số nguyên.", "'{field}' must be a whole number."),
    "v.type.number": ("'{field}' phải là một số.", "'{field}' must be a number."),
    "v.type.str": ("'{field}' phải là một đoạn chữ.", "'{field}' must be text."),
    "v.type.date": (
        "'{field}' phải là ngày dạng YYYY-MM-DD.",
        "'{field}' must be a date, YYYY-MM-DD.",
    ),
    "v.type.mapping": (
        "'{field}' phải gồm các dòng 'khóa: giá trị'.",
        "'{field}' must be a mapping of 'key: value' lines.",
    ),
    "v.type.list": (
        "'{field}' phải là danh sách, mỗi mục bắt đầu bằng '- '.",
        "'{field}' must be a list, each item starting with '- '.",
    ),
    "v.choice": (
        "'{field}' phải là một trong: {choices} (đang là '{value}').",
        "'{field}' must be one of: {choices} (found '{value}').",
    ),
    "v.positive": ("'{field}' phải lớn hơn 0.", "'{field}' must be greater than 0."),
    "v.other": ("'{field}': {detail}.", "'{field}': {detail}."),
    "v.id_pattern": (
        "Mã chỉ tiêu '{id}' chỉ được gồm chữ thường không dấu, chữ số và dấu '-'.",
        "Indicator id '{id}' may hold only lower-case letters, digits and '-'.",
    ),
    "v.id_pattern.hint": ("Ví dụ: {example}.", "For example: {example}."),
    "v.id_duplicate": (
        "Mã chỉ tiêu '{id}' bị trùng (đã dùng ở dòng {first}).",
        "Indicator id '{id}' is used twice (first at line {first}).",
    ),
    "v.id_duplicate.hint": ("Đặt một mã khác.", "Give it another id."),
    "v.group_unknown": (
        "Nhóm '{group}' chưa được khai báo trong mục groups.",
        "Group '{group}' is not declared under groups.",
    ),
    "v.group_unknown.hint": (
        "Các nhóm đã khai báo: {known}. Thêm nhóm vào groups hoặc sửa lại.",
        "Declared groups: {known}. Add it to groups or fix the spelling.",
    ),
    "v.ratio_no_of": (
        "Chỉ tiêu tỷ lệ (ratio) cần mục 'of' (mẫu số).",
        "A ratio indicator needs 'of' (its denominator).",
    ),
    "v.ratio_no_of.hint": (
        "Thêm 'of: teachers' (tên một nhóm trong populations) hoặc 'of: 120'.",
        "Add 'of: teachers' (a population name) or 'of: 120'.",
    ),
    "v.of_not_ratio": (
        "Mục 'of' chỉ dùng cho chỉ tiêu loại ratio.",
        "'of' is only for ratio indicators.",
    ),
    "v.of_not_ratio.hint": (
        "Xóa dòng 'of' hoặc đổi kind thành ratio.",
        "Remove it or use kind: ratio.",
    ),
    "v.of_unknown": (
        "'of: {name}' không phải tên nhóm nào trong populations.",
        "'of: {name}' names no population.",
    ),
    "v.of_unknown.hint": ("Các nhóm đã khai báo: {known}.", "Declared populations: {known}."),
    "v.of_positive": (
        "'of' phải là số dương, không quá {limit}.",
        "'of' must be a positive number, at most {limit}.",
    ),
    "v.number_too_long": (
        "Số trên dòng này quá dài.",
        "A number on this line is too long.",
    ),
    "v.number_too_long.hint": (
        "Kiểm tra lại số liệu: sĩ số, chỉ tiêu không có quá 15 chữ số.",
        "Check the figure: no population or target has more than 15 digits.",
    ),
    "v.unquoted_target": (
        "Chỉ tiêu có dấu so sánh phải đặt trong ngoặc kép (đang là {text}).",
        "A target with a comparison must be quoted (found {text}).",
    ),
    "v.unquoted_target.hint": ("Viết: {quoted}", "Write: {quoted}"),
    "v.date_impossible": (
        "Ngày {text} không có thật.",
        "Date {text} does not exist.",
    ),
    "v.date_impossible.hint": (
        "Ngày trong tệp kế hoạch viết dạng YYYY-MM-DD, ví dụ 2026-05-29.",
        "Dates in the plan are YYYY-MM-DD, e.g. 2026-05-29.",
    ),
    "v.bool_number": (
        "'{field}' phải là một số, không phải true/false.",
        "'{field}' must be a number, not true/false.",
    ),
    "v.population_range": (
        "Sĩ số '{name}' phải là số nguyên dương, không quá {limit}.",
        "Population '{name}' must be a positive whole number, at most {limit}.",
    ),
    "v.not_finite": (
        "'{field}' phải là một số bình thường (đang là {value}).",
        "'{field}' must be an ordinary number (found {value}).",
    ),
    "v.target_negative": (
        "Chỉ tiêu không được âm hoặc quá lớn (đang là {value}).",
        "A target cannot be negative or huge (found {value}).",
    ),
    "v.stale_days": (
        "stale_days phải từ 1 đến {limit} ngày.",
        "stale_days must be 1 to {limit} days.",
    ),
    "v.window_order.hint": (
        "Sửa ngày start/end trong mục reporting của kế hoạch.",
        "Fix start/end in the plan's reporting section.",
    ),
    "v.window_overlap": (
        "Kỳ số liệu {second} bắt đầu trước khi kỳ {first} kết thúc ({end}).",
        "The {second} window starts before the {first} window ends ({end}).",
    ),
    "v.window_overlap.hint": (
        "Mỗi ngày chỉ thuộc một quý: kỳ sau bắt đầu từ ngày sau ngày kết thúc của kỳ trước.",
        "Each day belongs to one quarter: a window starts after the one before ends.",
    ),
    "v.target_form": (
        "Chỉ tiêu '{text}' không hiểu được.",
        "Cannot read target '{text}'.",
    ),
    "v.target_form.hint": (
        'Viết một số (nghĩa là \'>= số\'), hoặc "> 90", ">= 15", "<= 5", "= 100".',
        'Write a number (meaning \'>= number\'), or "> 90", ">= 15", "<= 5", "= 100".',
    ),
    "v.target_range": (
        "Chỉ tiêu tỷ lệ phải nằm trong khoảng 0 đến 100 (đang là {value}).",
        "A ratio or percent target must lie in 0..100 (found {value}).",
    ),
    "v.target_missing": (
        "Chỉ tiêu loại {kind} cần mục 'target' (hoặc 'stretch').",
        "A {kind} indicator needs a 'target' (or a 'stretch').",
    ),
    "v.target_missing.hint": ("Ví dụ: 'target: 100'.", "For example: 'target: 100'."),
    "v.stretch_weaker": (
        "Mức phấn đấu (stretch {stretch}) thấp hơn chỉ tiêu bắt buộc (target {target}).",
        "The stretch target ({stretch}) is weaker than the binding target ({target}).",
    ),
    "v.stretch_weaker.hint": (
        "Mức phấn đấu phải cao hơn hoặc bằng chỉ tiêu; kiểm tra lại hai số.",
        "A stretch target must be at least as demanding; check both numbers.",
    ),
    "v.aggregate_kind": (
        "Cách cộng dồn '{aggregate}' không dùng được cho chỉ tiêu loại {kind}.",
        "Aggregate '{aggregate}' does not apply to a {kind} indicator.",
    ),
    "v.due_outside_year": (
        "hạn hoàn thành (due) {due} nằm ngoài năm của kế hoạch ({start} đến {end})",
        "the due date {due} lies outside the plan's year ({start} to {end})",
    ),
    "v.due_outside_year.hint": (
        "Sửa lại năm của ngày này (thường là gõ nhầm năm).",
        "Correct the date's year (usually a typo).",
    ),
    "v.window_order": (
        "Kỳ số liệu {period}: ngày bắt đầu {start} sau ngày kết thúc {end}.",
        "Reporting window {period}: start {start} is after end {end}.",
    ),
    "v.record_outside_year": (
        "Ngày {date} nằm ngoài kỳ số liệu năm {year} ({start}–{end}).",
        "Date {date} lies outside the {year} window ({start}–{end}).",
    ),
    "v.record_outside_year.hint": (
        "Kiểm tra lại năm; số liệu đầu kỳ ghi vào mục 'baseline' của chỉ tiêu trong kế hoạch.",
        "Check the year; a starting figure belongs in the indicator's 'baseline'.",
    ),
    # --- records ----------------------------------------------------------------------------
    "csv.no_header.records": (
        "Tệp kết quả thiếu dòng tiêu đề; cần các cột {columns}.",
        "The records file has no header; it needs the columns {columns}.",
    ),
    "csv.no_header.people": (
        "Tệp danh sách người thiếu dòng tiêu đề; cần các cột {columns}.",
        "The people file has no header; it needs the columns {columns}.",
    ),
    "csv.missing_column.records": (
        "Tệp kết quả thiếu cột '{column}'.",
        "The records file lacks the column '{column}'.",
    ),
    "csv.missing_column.people": (
        "Tệp danh sách người thiếu cột '{column}'.",
        "The people file lacks the column '{column}'.",
    ),
    "csv.missing_column.hint": (
        "Dòng đầu tiên phải là: {header}",
        "The first line must be: {header}",
    ),
    "csv.open_quote": (
        'Dấu ngoặc kép (") mở ở dòng này không được đóng, nên các dòng sau bị đọc lẫn vào dòng này.',
        'A quote (") opened on this line is never closed, so the lines after it run into this one.',
    ),
    "csv.open_quote.hint": (
        'Mở tệp bằng Notepad, xóa dấu " thừa hoặc thêm dấu " đóng ở cuối ô; dòng này chưa được tính.',
        'Open the file in Notepad and remove the stray " or close it at the end of the cell; this line is not counted.',
    ),
    "csv.nul": (
        "Dòng này có ký tự rỗng (NUL), thường do tệp bị ghi dở khi máy tắt đột ngột.",
        "This line holds NUL characters, as a file left half-written by a crash does.",
    ),
    "csv.nul.hint": (
        "Mở tệp bằng Notepad, xóa hoặc gõ lại dòng này; dòng này chưa được tính.",
        "Open the file in Notepad and delete or retype this line; it is not counted.",
    ),
    "csv.malformed": (
        "Dòng này không đọc được ({detail}).",
        "This line cannot be read ({detail}).",
    ),
    "num.not_a_number": ("Giá trị '{text}' không phải là số.", "'{text}' is not a number."),
    "num.not_a_number.hint": (
        "Viết số, dùng dấu phẩy hoặc dấu chấm thập phân, ví dụ 42 hoặc 93,5.",
        "Write a number, e.g. 42 or 93.5.",
    ),
    "num.ambiguous": (
        "Số '{text}' không rõ nghĩa: có thể là một nghìn hai trăm ba mươi tư, cũng có thể là 1,234.",
        "'{text}' is ambiguous: one thousand two hundred and thirty-four, or 1.234?",
    ),
    "num.ambiguous.hint": (
        "Viết số người, số lượng không có dấu phân cách hàng nghìn, ví dụ 1234.",
        "Write counts without a thousands separator, e.g. 1234.",
    ),
    "num.not_whole": (
        "Số người '{text}' phải là số nguyên.",
        "A head count must be whole (found '{text}').",
    ),
    "num.not_whole.hint": (
        "Ghi số người đã đạt, ví dụ 12.",
        "Give the number of people, e.g. 12.",
    ),
    "num.too_big": ("Số '{text}' quá lớn.", "'{text}' is too large."),
    "num.too_big.hint": ("Kiểm tra lại số liệu.", "Check the figure."),
    "num.percent_sign": (
        "Chỉ tiêu này ghi số người hoặc số lượng, không ghi tỷ lệ '{text}'.",
        "This indicator takes a count, not a percentage ('{text}').",
    ),
    "num.percent_sign.hint": (
        "Ghi số người đã đạt (cds tự tính tỷ lệ), ví dụ 27.",
        "Give the count (cds works out the percentage), e.g. 27.",
    ),
    "r.unknown_indicator": (
        "Không có chỉ tiêu '{id}' trong kế hoạch.",
        "The plan has no indicator '{id}'.",
    ),
    "r.unknown_indicator.suggest": (
        "Có phải ý bạn là '{suggestion}'?",
        "Did you mean '{suggestion}'?",
    ),
    "r.unknown_indicator.list": (
        "Xem danh sách mã bằng `cds status`.",
        "See the ids with `cds status`.",
    ),
    "r.bad_date": (
        "Ngày '{text}' không có thật hoặc không đúng dạng ngày/tháng/năm.",
        "Date '{text}' does not exist or is not day/month/year.",
    ),
    "r.bad_date.hint": (
        "Ví dụ: 20/05/2026, 20/5/2026 hoặc 2026-05-20.",
        "For example: 20/05/2026, 20/5/2026 or 2026-05-20.",
    ),
    "r.bad_value.hint": (
        "Viết số, dùng dấu phẩy hoặc dấu chấm thập phân, ví dụ 42 hoặc 93,5.",
        "Write a number, e.g. 42 or 93.5.",
    ),
    "r.negative": ("Giá trị {value} âm.", "Value {value} is negative."),
    "r.over_of": (
        "Giá trị {value} lớn hơn mẫu số {of}.",
        "Value {value} exceeds its denominator {of}.",
    ),
    "r.over_roster": (
        "Giá trị {value} lớn hơn sĩ số {of} của nhóm '{name}', đếm từ danh sách người (vai trò {roles}).",
        "Value {value} exceeds {of}, the size of population '{name}' counted from the roster (roles {roles}).",
    ),
    "r.over_roster.hint": (
        "Danh sách người có thể thiếu người: thêm bằng `cds people add`, hoặc sửa số liệu dòng này.",
        "The roster may be missing people: add them with `cds people add`, or correct this line.",
    ),
    "r.over_of.hint": (
        "Kiểm tra lại số liệu, hoặc ghi mẫu số đúng vào cột 'of' (tùy chọn --of).",
        "Check the figure, or give the right denominator in 'of' (--of).",
    ),
    "r.over_100": (
        "Tỷ lệ {value}% lớn hơn 100%.",
        "Percentage {value}% is over 100%.",
    ),
    "r.milestone_value": (
        "Chỉ tiêu '{id}' là mốc công việc: giá trị phải là done hoặc not-done (đang là '{text}').",
        "'{id}' is a milestone: the value must be done or not-done (found '{text}').",
    ),
    "r.of_not_ratio": (
        "Cột 'of' chỉ dùng cho chỉ tiêu tỷ lệ (ratio).",
        "'of' applies to ratio indicators only.",
    ),
    "r.bad_of": ("Mẫu số '{text}' phải là số dương.", "Denominator '{text}' must be positive."),
    "r.empty_value": ("Thiếu giá trị.", "The value is missing."),
    # --- people -----------------------------------------------------------------------------
    "p.bad_id": (
        "Mã người không hợp lệ: mã chỉ được gồm chữ thường không dấu, chữ số và dấu '-' (không ghi họ tên vào cột id).",
        "Invalid person id: an id holds only lower-case letters, digits and '-' (no name in the id column).",
    ),
    "p.bad_id.hint": ("Ví dụ: gv01, cbql-02.", "For example: gv01, cbql-02."),
    "p.no_name": ("Người có mã '{id}' chưa có họ tên.", "Person '{id}' has no name."),
    "p.bad_role": (
        "Vai trò (cột role) của mã '{id}' không hợp lệ; nếu cột họ tên và cột vai trò bị đổi chỗ, hãy đổi lại.",
        "The role (column role) of '{id}' is not valid; if the name and role columns are swapped, swap them back.",
    ),
    "p.bad_role.hint": (
        "Vai trò là cbql (cán bộ quản lý), gv (giáo viên) hoặc nv (nhân viên).",
        "The role is cbql (manager), gv (teacher) or nv (support staff).",
    ),
    "p.duplicate": (
        "Mã người '{id}' bị trùng (đã có ở dòng {first}).",
        "Person id '{id}' is used twice (first at line {first}).",
    ),
    "p.fix_first": (
        "Chưa thêm được: tệp {file} đang có lỗi. Sửa các lỗi trên rồi chạy lại lệnh.",
        "Nothing added: {file} has errors. Fix them and run the command again.",
    ),
    "p.exists": (
        "Mã người '{id}' đã có trong danh sách.",
        "Person id '{id}' is already in the roster.",
    ),
    "p.unknown": (
        "Mã người '{id}' không có trong danh sách {file}.",
        "Person id '{id}' is not in the roster {file}.",
    ),
    "p.unknown.hint": (
        'Thêm người đó bằng `cds people add MÃ "HỌ TÊN" VAI_TRÒ`, hoặc sửa lại mã. Chưa ghi gì.',
        'Add them with `cds people add ID "NAME" ROLE`, or fix the id. Nothing was written.',
    ),
    "p.added": (
        "Đã thêm {id} ({role}) vào {file} (dòng {line}).",
        "Added {id} ({role}) to {file} (line {line}).",
    ),
    "p.empty": (
        'Danh sách {file} chưa có ai. Thêm bằng: cds people add gv01 "Nguyễn Văn A" gv',
        '{file} lists nobody yet. Add with: cds people add gv01 "Nguyen Van A" gv',
    ),
    "p.title": (
        "Danh sách cán bộ, giáo viên, nhân viên ({count} người)",
        "Roster ({count} [person|people])",
    ),
    "p.role.cbql": ("CBQL", "manager"),
    "p.role.gv": ("Giáo viên", "teacher"),
    "p.role.nv": ("Nhân viên", "staff"),
    "col.id": ("Mã", "Id"),
    "col.name": ("Họ và tên", "Name"),
    "col.role": ("Vai trò", "Role"),
    "col.scope": ("Lớp", "Class"),
    "col.saved": ("Lưu vào git", "Kept in git"),
    "history.unsaved": ("chưa lưu", "not yet"),
    "cmd.people": (
        "Xem danh sách cán bộ, giáo viên, nhân viên (có họ tên).",
        "List the roster (with names).",
    ),
    "cmd.people_add": ("Thêm một người vào danh sách.", "Add a person to the roster."),
    "arg.person_id": ("Mã người, ví dụ gv01.", "Person id, e.g. gv01."),
    "arg.person_name": ("Họ và tên.", "Full name."),
    "arg.person_role": ("Vai trò: cbql, gv hoặc nv.", "Role: cbql, gv or nv."),
    "opt.attendees": (
        "Mã những người tham dự, cách nhau bằng dấu phẩy, ví dụ gv01,gv02.",
        "Ids of those who attended, comma-separated, e.g. gv01,gv02.",
    ),
    "opt.attendees_file": (
        "Tệp chứa mã người tham dự, mỗi dòng một mã.",
        "File of attendee ids, one a line.",
    ),
    "opt.scope": ("Phạm vi của số liệu, ví dụ lớp 3A.", "Scope of the figure, e.g. class 3A."),
    "opt.missing": (
        "Liệt kê những người chưa được tính cho chỉ tiêu này (có họ tên).",
        "List the people not yet counted for this indicator (with names).",
    ),
    "arg.status_id": ("Chỉ xem một chỉ tiêu.", "Show one indicator only."),
    "missing.title": (
        "{id}: {count} người chưa được tính (tính đến {date})",
        "{id}: {count} [person|people] not yet counted (as of {date})",
    ),
    "missing.none": ("{id}: mọi người trong nhóm đều đã được tính.", "{id}: everyone is counted."),
    "missing.needs_id": (
        "--missing cần mã một chỉ tiêu: cds status MÃ --missing",
        "--missing needs an indicator: cds status ID --missing",
    ),
    "missing.not_unique": (
        "Chỉ tiêu '{id}' không tính theo danh sách người tham dự (aggregate: unique), nên không có danh sách người chưa được tính.",
        "'{id}' is not counted by attendees (aggregate: unique); there is no one to list.",
    ),
    "r.attendees_needed": (
        "Chỉ tiêu '{id}' tính theo người tham dự: ghi --attendees gv01,gv02 (hoặc cột attendees).",
        "'{id}' counts attendees: give --attendees gv01,gv02 (or the attendees column).",
    ),
    "r.attendees_not_unique": (
        "Chỉ tiêu '{id}' không tính theo người tham dự; bỏ --attendees, hoặc đặt 'aggregate: unique' trong kế hoạch.",
        "'{id}' does not count attendees; drop --attendees, or set 'aggregate: unique' in the plan.",
    ),
    "r.scope_needed": (
        "Chỉ tiêu '{id}' tính theo từng lớp: ghi --scope (ví dụ --scope 3A).",
        "'{id}' is counted per scope: give --scope (e.g. --scope 3A).",
    ),
    "v.unique_population": (
        "Chỉ tiêu tính theo người tham dự (aggregate: unique) cần 'of' là một nhóm lấy từ danh sách người, ví dụ teachers: {{role: gv}}.",
        "An 'aggregate: unique' indicator needs 'of' naming a roster population, e.g. teachers: {{role: gv}}.",
    ),
    "v.empty_population": (
        "Nhóm '{name}' chưa có ai trong danh sách {file} (vai trò {roles}).",
        "Population '{name}' has nobody in {file} (roles {roles}).",
    ),
    "v.empty_population.hint": (
        "Thêm người bằng `cds people add`, hoặc ghi sĩ số bằng một số.",
        "Add people with `cds people add`, or give the population as a number.",
    ),
    # --- record command ---------------------------------------------------------------------
    "rec.saved": ("Đã ghi vào {file} (dòng {line}).", "Recorded in {file} (line {line})."),
    "rec.locked": (
        "Tệp {file} đang được một lệnh khác ghi; hãy thử lại sau giây lát.",
        "{file} is being written by another command; try again in a moment.",
    ),
    "rec.roster_errors": (
        "Chưa ghi được: danh sách người {file} đang có lỗi, mà chỉ tiêu này tính theo danh sách đó. Sửa các lỗi trên rồi chạy lại lệnh.",
        "Nothing written: the roster {file} has errors, and this indicator counts from it. Fix them and run the command again.",
    ),
    "rec.cell_too_long": (
        "Cột '{column}' dài {length} ký tự, quá {limit} ký tự một ô Excel giữ được: mở tệp {file} bằng Excel sẽ cắt mất phần sau. Chưa ghi gì.",
        "Column '{column}' is {length} characters long, over the {limit} an Excel cell holds: opening {file} in Excel would cut it. Nothing was written.",
    ),
    "rec.cell_too_long.hint": (
        "Ghi danh sách người tham dự thành nhiều lần (mỗi buổi, mỗi lớp một lần), hoặc rút gọn ghi chú.",
        "Record the attendees in several entries (one a session or a class), or shorten the note.",
    ),
    "p.unknown_more": (
        "Còn {count} mã người khác cũng không có trong danh sách {file}.",
        "{count} more person [id is|ids are] not in the roster {file} either.",
    ),
    "p.not_an_id": (
        "Cột {column} không phải một mã người (mã chỉ gồm chữ thường không dấu, chữ số và dấu '-'); nếu tệp có cả cột họ tên, chỉ để lại cột mã.",
        "Column {column} is not a person id (an id holds only lower-case letters, digits and '-'); if the file has a name column, keep only the id column.",
    ),
    "p.not_an_id.hint": (
        "Mỗi dòng một mã, ví dụ gv01. Xem các mã bằng `cds people`.",
        "One id a line, e.g. gv01. See the ids with `cds people`.",
    ),
    "p.attendee_not_an_id": (
        "Người tham dự thứ {position} không phải một mã người: --attendees nhận mã (ví dụ gv01,gv02), không nhận họ tên.",
        "Attendee number {position} is not a person id: --attendees takes ids (e.g. gv01,gv02), not names.",
    ),
    "os.broken_pipe": ("chỗ nhận kết quả đã đóng", "the output was closed"),
    "os.is_dir": ("ở đó là một thư mục, không phải tệp", "a folder is there, not a file"),
    "os.disk_full": ("ổ đĩa đã đầy", "the disk is full"),
    "os.denied": ("không có quyền ghi hoặc đọc", "permission denied"),
    "os.read_only": ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
    "os.missing": ("không có tệp hay thư mục đó", "no such file or folder"),
    "os.not_dir": (
        "một phần của đường dẫn là tệp, không phải thư mục",
        "part of the path is a file, not a folder",
    ),
    "out.unprintable": (
        "Cảnh báo: {done} Nhưng không in được kết quả ({reason}); đừng chạy lại lệnh, kẻo ghi hai lần.",
        "Warning: {done} But the result could not be printed ({reason}); do not run the command again, or it is written twice.",
    ),
    "yaml.control": (
        "Có ký tự điều khiển {code} (không nhìn thấy) ở cột {column}: in ra, nó có thể xóa màn hình hoặc đảo chữ.",
        "A control character {code} (invisible) at column {column}: printed, it could clear the screen or reorder text.",
    ),
    "yaml.control.hint": (
        "Gõ lại dòng này (ký tự đó thường lẫn vào khi dán từ nơi khác).",
        "Retype this line (such characters usually come in with a paste).",
    ),
    "arg.date_range": (
        "Ngày '{text}' nằm ngoài các năm {low}–{high}; kiểm tra lại năm (thường là gõ nhầm).",
        "Date '{text}' lies outside the years {low}–{high}; check the year (usually a slip).",
    ),
    "v.bound.ge": ("'{field}' phải từ {limit} trở lên.", "'{field}' must be at least {limit}."),
    "v.bound.le": ("'{field}' phải không quá {limit}.", "'{field}' must be at most {limit}."),
    "v.bound.gt": ("'{field}' phải lớn hơn {limit}.", "'{field}' must be more than {limit}."),
    "cwd.gone": (
        "Thư mục đang đứng đã bị xóa hoặc đổi tên (từ cửa sổ khác).",
        "The current folder was deleted or renamed (from another window).",
    ),
    "cwd.gone.hint": (
        'Chuyển sang thư mục của trường (cd "…") rồi chạy lại lệnh.',
        'Change to the school\'s folder (cd "…") and run the command again.',
    ),
    "plan.broken_sibling": (
        "Không chọn được kế hoạch trong {folder}: kế hoạch của năm nay có thể là tệp có lỗi ở trên. Sửa nó, hoặc chỉ rõ --plan TỆP.",
        "No plan chosen in {folder}: this year's may be the file with the errors above. Fix it, or give --plan FILE.",
    ),
    "rec.other_plan": (
        "Ngày {date} thuộc kế hoạch năm {year} ({path}), không thuộc kế hoạch đang dùng. Chưa ghi gì.",
        "{date} belongs to the {year} plan ({path}), not to the plan in use. Nothing was written.",
    ),
    "rec.other_plan.hint": (
        "Ghi vào kế hoạch đó: thêm --plan {path}. Từ ngày đầu của năm kế hoạch mới, các lệnh tự dùng kế hoạch đó.",
        "Record it there: add --plan {path}. From the first day of the new plan's year, commands use it by themselves.",
    ),
    "r.level_range": (
        "Mức {value} không có: chỉ tiêu '{id}' tính theo mức 1 đến {levels}.",
        "There is no level {value}: '{id}' runs from level 1 to {levels}.",
    ),
    "r.level_range.hint": (
        "Ghi một mức nguyên trong khoảng đó; nếu thang của trường khác, ghi 'levels: N' ở chỉ tiêu trong kế hoạch.",
        "Give a whole level in that range; if the school's scale differs, set 'levels: N' on the indicator in the plan.",
    ),
    "v.level_target": (
        "Chỉ tiêu mức {value} không có trong thang mức 1 đến {levels}.",
        "Target level {value} is outside the scale 1 to {levels}.",
    ),
    "v.uncited": (
        "Lưu ý: kế hoạch {plan} chưa ghi số và ngày ban hành (plan: number, date), nên báo cáo chỉ dẫn được tên kế hoạch. Thêm, ví dụ: number: 153/KH-THXT và date: 2026-05-29.",
        "Note: the plan {plan} has no number and date (plan: number, date), so reports can cite only its title. Add, e.g. number: 153/KH-THXT and date: 2026-05-29.",
    ),
    "rp.uncited": (
        "Lưu ý: kế hoạch chưa ghi số và ngày ban hành, nên câu mở đầu báo cáo chỉ dẫn được tên kế hoạch; thêm plan: number và date rồi lập lại báo cáo.",
        "Note: the plan has no number and date, so the report's opening cites only its title; add plan: number and date and write it again.",
    ),
    "rp.before_plan": (
        "Lưu ý: ngày báo cáo {date} trước ngày ban hành kế hoạch {plan_date}: báo cáo dẫn một kế hoạch chưa có. Kiểm tra --date, hoặc ngày của kế hoạch.",
        "Note: the report's date {date} is before the plan's {plan_date}: it cites a plan not yet issued. Check --date, or the plan's date.",
    ),
    "imp.not_a_document": (
        "Không đọc được tệp '{suffix}': cds đọc kế hoạch từ tệp Word .docx, hoặc chữ chép ra tệp .txt/.md.",
        "Cannot read a '{suffix}' file: cds reads a plan from a Word .docx, or its text copied into a .txt/.md.",
    ),
    "imp.not_a_document.hint": (
        'Mở kế hoạch bằng Word, chọn Lưu thành (Save As) kiểu "Word Document (*.docx)"; hoặc chép toàn bộ chữ vào Notepad và lưu thành .txt (UTF-8).',
        'Open the plan in Word and Save As "Word Document (*.docx)"; or copy its text into Notepad and save it as .txt (UTF-8).',
    ),
    "imp.bad_docx": (
        "Tệp không phải một tài liệu Word .docx đọc được (có thể là .doc cũ đổi tên, hoặc tệp hỏng).",
        "The file is not a readable Word .docx (an old .doc renamed, or a damaged file).",
    ),
    "imp.bad_text": (
        "Tệp chữ bị hỏng (bảng mã Unicode không đọc được).",
        "The text file is damaged (its Unicode cannot be read).",
    ),
    "imp.pdf": (
        "Đây là một tệp PDF đổi tên: cds không đọc chữ trong PDF (nhất là bản quét).",
        "This is a PDF renamed: cds does not read the text of a PDF (a scan least of all).",
    ),
    "imp.no_targets": (
        'Không tìm thấy chỉ tiêu nào trong mục "Mục tiêu cụ thể" (các dòng dưới tiêu đề "2.1. Về …"). Chưa ghi gì.',
        'No target found in the "Mục tiêu cụ thể" section (the lines under "2.1. Về …" headings). Nothing was written.',
    ),
    "imp.no_targets.hint": (
        'Kiểm tra tệp có mục "2. Mục tiêu cụ thể" với các tiêu đề "2.1. Về …"; nếu là bản quét, hãy gõ lại hoặc dùng `cds init` để chép kế hoạch mẫu.',
        'Check the file has a "2. Mục tiêu cụ thể" section with "2.1. Về …" headings; for a scan, retype it or use `cds init` to copy the sample plan.',
    ),
    "imp.missing": (
        "Tài liệu không cho biết {what}: ghi bằng {option}.",
        "The document does not say {what}: give {option}.",
    ),
    "imp.what.name": ("tên trường", "the school's name"),
    "imp.what.code": (
        "ký hiệu trường (phần sau dấu '-' của số kế hoạch)",
        "the school's code (after the '-' of the plan's number)",
    ),
    "imp.what.place": (
        'địa danh (dòng "…, ngày … tháng … năm …")',
        'the place (the line "…, ngày … tháng … năm …")',
    ),
    "imp.y.header": (
        '# Kế hoạch đọc từ {file} bằng `cds init --from`. Đọc lại các dòng "# kiểm tra:", sửa nếu cần,\n# điền sĩ số (populations), rồi chạy `cds validate`.',
        '# Plan read from {file} by `cds init --from`. Read the "# kiểm tra:" lines again, fix what needs it,\n# fill in the populations, then run `cds validate`.',
    ),
    "imp.y.populations": (
        "# Sĩ số (mẫu số của các tỷ lệ): kế hoạch không ghi, nhà trường điền số thật thay cho 0.",
        "# Head counts (the shares' denominators): the plan does not give them; put the real ones in place of 0.",
    ),
    "imp.y.headcount": (
        "kiểm tra: điền số {meaning} thật của trường",
        "kiểm tra: the school's real number of {meaning}",
    ),
    "imp.g.op": (
        'không có chữ so sánh: đọc là "ít nhất"',
        'no comparison word: read as "at least"',
    ),
    "imp.g.of": ("mẫu số đoán là '{of}' ({meaning})", "denominator guessed as '{of}' ({meaning})"),
    "imp.g.stretch_slip": (
        '"phần đầu" đọc là "phấn đấu" (mức phấn đấu)',
        '"phần đầu" read as "phấn đấu" (a stretch)',
    ),
    "imp.g.milestone": (
        "không có số: đọc là một việc cần hoàn thành",
        "no figure: read as a task to complete",
    ),
    "imp.g.count": ("số {unit} cộng dồn trong năm", "{unit} summed over the year"),
    "imp.g.level": ("mức độ chuyển đổi số", "a digital-transformation level"),
    "imp.done": (
        'Đã đọc {file}: {indicators} chỉ tiêu trong {groups} nhóm, {guesses} chỗ cần kiểm tra ("# kiểm tra:"). Đã ghi {path}.',
        'Read {file}: {indicators} targets in {groups} groups, {guesses} guesses to check ("# kiểm tra:"). Wrote {path}.',
    ),
    "imp.missed_title": (
        "Những phần chưa đọc được, cần tự thêm vào kế hoạch:",
        "What could not be read, to add to the plan by hand:",
    ),
    "imp.missed.head": (
        'họ tên hiệu trưởng (dòng dưới "HIỆU TRƯỞNG" ở cuối văn bản): thêm --head',
        'the head\'s name (under "HIỆU TRƯỞNG" at the end): add --head',
    ),
    "imp.missed.number": (
        'số và ngày của kế hoạch (dòng "Số: …")',
        'the plan\'s number and date (the "Số: …" line)',
    ),
    "imp.next": (
        'Bước tiếp theo: mở {path}, điền sĩ số ở mục populations (đang để 0), đọc lại các dòng "# kiểm tra:", rồi chạy `cds validate`.',
        'Next: open {path}, fill in the populations (now 0), read the "# kiểm tra:" lines, then run `cds validate`.',
    ),
    "v.population_unset": (
        "Chưa điền sĩ số '{name}': ghi số thật của trường thay cho 0.",
        "Population '{name}' is not filled in: put the school's real number in place of 0.",
    ),
    "rec.existing_errors": (
        "Chưa ghi được: tệp kết quả đang có lỗi. Sửa các lỗi trên rồi chạy lại lệnh.",
        "Nothing written: the records file has errors. Fix them and run the command again.",
    ),
    "rec.short_write": (
        "chỉ ghi được {written}/{size} byte (ổ đĩa đầy hoặc tệp vượt giới hạn); tệp đã được trả về như cũ",
        "only {written} of {size} bytes written (disk full or file too large); the file was put back as it was",
    ),
    "rec.drop": (
        "Lưu ý: lần trước ({date}) đã ghi {before}, lần này {now}. Chỉ tiêu này tính số người lũy kế: nếu {now} là số người của riêng buổi này, hãy ghi lại tổng số người đã đạt đến nay.",
        "Note: {before} was recorded on {date}, now {now}. This indicator counts people so far: if {now} is this session's count, record the running total instead.",
    ),
    "rec.outside_population": (
        "Lưu ý: {ids} không thuộc nhóm '{population}' (vai trò {roles}) nên không được tính cho chỉ tiêu này.",
        "Note: {ids} are not in population '{population}' (roles {roles}) and do not count for this indicator.",
    ),
    "r.scopes_over": (
        "Tổng số của các lớp ({total}) vượt sĩ số {of} của chỉ tiêu '{id}'.",
        "The classes add up to {total}, more than the population {of} of '{id}'.",
    ),
    "r.scopes_over.hint": (
        "Có thể một lớp được ghi hai lần với hai cách viết, hoặc số bị ghi nhầm lớp; kiểm tra cột scope.",
        "A class may be recorded twice under two spellings, or a count under the wrong class; check the scope column.",
    ),
    "rec.write_failed": ("Không ghi được tệp {file}: {reason}.", "Cannot write {file}: {reason}."),
    "rec.write_failed.hint": (
        "Kiểm tra tệp không bị đặt chỉ đọc, không đang mở trong Excel, và ổ đĩa còn chỗ trống.",
        "Check the file is not read-only or open in Excel, and the disk has space.",
    ),
    # --- status -----------------------------------------------------------------------------
    "st.met": ("Đạt", "Met"),
    "st.on_track": ("Đang thực hiện", "On track"),
    "st.behind": ("Chậm tiến độ", "Behind"),
    "st.not_met": ("Chưa đạt", "Not met"),
    "st.no_data": ("Chưa có số liệu", "No data"),
    "st.exceeded": ("Vượt", "Exceeded"),
    "col.indicator": ("Chỉ tiêu", "Indicator"),
    "col.target": ("Kế hoạch", "Target"),
    "col.value": ("Kết quả", "Result"),
    "col.date": ("Ngày", "Date"),
    "col.note": ("Ghi chú", "Note"),
    "col.evidence": ("Minh chứng", "Evidence"),
    "col.line": ("Dòng", "Line"),
    "status.title": ("{plan}, tính đến {date}", "{plan}, as of {date}"),
    "status.stretch": ("phấn đấu {target}", "stretch {target}"),
    "fmt.level": ("mức {n}", "level {n}"),
    "op.gt": ("trên", "over"),
    "op.lt": ("dưới", "under"),
    "op.le": ("tối đa", "at most"),
    "status.milestone_target": ("Hoàn thành", "Done"),
    "status.done": ("Đã hoàn thành", "Done"),
    "status.not_done": ("Chưa hoàn thành", "Not done"),
    "status.stale": (
        "{mark} {count} chỉ tiêu có số liệu cũ hơn {days} ngày (đánh dấu {mark}): hãy cập nhật.",
        "{mark} {count} [indicator has|indicators have] data older than {days} days (marked {mark}): update [it|them].",
    ),
    "status.summary": (
        "Tổng: {met} đạt, {on_track} đang thực hiện, {behind} chậm tiến độ, {not_met} chưa đạt, "
        "{no_data} chưa có số liệu.",
        "Total: {met} met, {on_track} on track, {behind} behind, {not_met} not met, "
        "{no_data} without data.",
    ),
    "status.deadline": (
        "Báo cáo tiếp theo: {period}, số liệu tính đến {end}, gửi trước ngày {deadline} (còn {days} ngày).",
        "Next report: {period}, figures to {end}, due before {deadline} ({days} days left).",
    ),
    "status.deadline_today": (
        "Báo cáo tiếp theo: {period}, gửi trước ngày {deadline} (hôm nay là ngày cuối cùng).",
        "Next report: {period}, due before {deadline} (today is the last day).",
    ),
    "status.problems": (
        "Có {count} dòng lỗi (liệt kê ở trên) chưa được tính vào số liệu; sửa rồi chạy `cds validate`.",
        "{count} problem [row|rows] (above) [is|are] not counted; fix [it|them], then run `cds validate`.",
    ),
    "status.overdue": (
        "Báo cáo {period} đã quá hạn (phải gửi trước ngày {deadline}); nếu đã gửi, bỏ qua dòng này.",
        "The report for {period} is overdue (due before {deadline}); if it was sent, ignore this line.",
    ),
    "status.no_next": (
        "Không còn kỳ báo cáo nào của năm {year}.",
        "No report of {year} is still due.",
    ),
    "period.quarter": ("quý {roman} năm {year}", "quarter {roman} of {year}"),
    "period.year": ("năm {year}", "year {year}"),
    "period.quarter_short": ("quý {roman}", "quarter {roman}"),
    "period.year_short": ("năm", "year"),
    "history.title": ("Lịch sử kết quả: {name}", "History: {name}"),
    "history.empty": (
        "Chỉ tiêu '{id}' chưa có kết quả nào. Ghi bằng: cds record {id} GIÁ_TRỊ",
        "'{id}' has no records yet. Add one with: cds record {id} VALUE",
    ),
    "validate.ok": (
        "Kế hoạch {plan} hợp lệ: {indicators} chỉ tiêu, {records} kết quả đã ghi.",
        "{plan} is valid: {indicators} indicators, {records} records.",
    ),
    "validate.count": (
        "Có {count} lỗi. Sửa các dòng trên rồi chạy lại `cds validate`.",
        "{count} [problem|problems]. Fix the lines above and run `cds validate` again.",
    ),
    "arg.one_format": (
        "Chỉ chọn một dạng kết quả, không dùng cùng lúc {flags}.",
        "Choose one output format, not {flags} together.",
    ),
    "arg.format_not_here": (
        "{other} không in được dạng {flag}; dùng --json hoặc bỏ {flag}.",
        "{other} cannot print {flag}; use --json or leave out {flag}.",
    ),
    "arg.choose_one": (
        "Chỉ chọn một trong --as-of, --quarter, --year.",
        "Choose only one of --as-of, --quarter, --year.",
    ),
    "arg.quarter_range": (
        "Quý '{text}' không hợp lệ: ghi 1, 2, 3, 4 hoặc I, II, III, IV.",
        "Quarter '{text}' is not valid: write 1, 2, 3, 4 or I, II, III, IV.",
    ),
    "arg.bad_date": (
        "Ngày '{text}' không có thật hoặc không đúng dạng ngày/tháng/năm.",
        "Date '{text}' does not exist or is not day/month/year.",
    ),
    "init.exists": (
        "Tệp {path} đã có; không ghi đè.",
        "{path} exists already; not overwritten.",
    ),
    "init.exists.hint": (
        "Chọn tên khác bằng --output, hoặc thư mục khác bằng --folder.",
        "Choose another name with --output, or another folder with --folder.",
    ),
    "init.done": (
        "Đã tạo {path}. Bước tiếp theo: {step}mở tệp, sửa sĩ số (populations) và các chỉ tiêu, "
        "rồi chạy `{command}`.",
        "Wrote {path}. Next: {step}edit the populations and targets, then run `{command}`.",
    ),
    "init.step_cd": ("vào thư mục bằng `cd {folder}`, ", "go into the folder with `cd {folder}`, "),
    "path": ("{path}", "{path}"),
    "opt.init.from": (
        "Đọc kế hoạch từ văn bản của trường (tệp Word .docx, hoặc .txt/.md): tên trường, số, ngày, các chỉ tiêu.",
        "Read the plan from the school's own document (.docx, or .txt/.md): school, number, date, targets.",
    ),
    "init.needs": (
        "Thiếu {flags} (hoặc dùng --from TỆP để đọc từ văn bản kế hoạch của trường).",
        "Missing {flags} (or use --from FILE to read them from the school's plan document).",
    ),
    "opt.init.folder": (
        "Thư mục riêng của trường (tạo mới nếu chưa có, kèm plans/ và kho git).",
        "The school's own folder (made if missing, with plans/ and a git repository).",
    ),
    "metavar.folder": ("THƯ_MỤC", "FOLDER"),
    "init.git": (
        "Đã tạo kho git trong {folder} để lưu lại lịch sử các tệp.",
        "Made a git repository in {folder} to keep the files' history.",
    ),
    "init.same_year": (
        "Thư mục đã có kế hoạch năm {year}: {path}. Mỗi thư mục plans/ chỉ giữ một kế hoạch cho mỗi năm.",
        "There is a {year} plan here already: {path}. A plans/ folder holds one plan a year.",
    ),
    "init.same_year.hint": (
        "Tạo thư mục riêng cho trường bằng --folder, ví dụ: cds init --folder {folder} …",
        "Make the school's own folder with --folder, e.g. cds init --folder {folder} …",
    ),
    "init.example_folder": ("Kế hoạch CĐS {year}", "Digital plan {year}"),
    # --- report: the document's own sentences (always rendered in Vietnamese) -----------------
    "rp.subject": (
        "Kết quả thực hiện Kế hoạch chuyển đổi số {period}",
        "Results of the digital-transformation plan, {period}",
    ),
    "rp.opening": (
        "Thực hiện {cited}, nhà trường báo cáo kết quả thực hiện {period} như sau:",
        "Pursuant to {cited}, the school reports its results for {period} as follows:",
    ),
    "rp.opening_plan": (
        "Kế hoạch số {number} ngày {date} của {school} về chuyển đổi số năm {year}",
        "plan no. {number} of {date} of {school} on digital transformation in {year}",
    ),
    "rp.opening_title": ("{title} của {school}", "the {title} of {school}"),
    "rp.annex_ref": (
        "Chi tiết từng kết quả đã ghi trong kỳ tại Phụ lục kèm theo.",
        "Each result recorded in the period is listed in the attached annex.",
    ),
    "rp.window": (
        "Số liệu báo cáo tính từ ngày {start} đến ngày {end}.",
        "Figures run from {start} to {end}.",
    ),
    "rp.window_early": (
        "Số liệu tính đến ngày {date} (kỳ số liệu từ ngày {start} đến ngày {end}).",
        "Figures run to {date} (the period runs from {start} to {end}).",
    ),
    "rp.figures_to": ("Số liệu tính đến ngày {date}.", "Figures run to {date}."),
    "rp.summary": (
        "Kế hoạch có {total} chỉ tiêu; tính đến ngày {date}: {parts}.",
        "The plan has {total} targets; as of {date}: {parts}.",
    ),
    "rp.annex.title": (
        "KẾT QUẢ GHI NHẬN THEO TỪNG CHỈ TIÊU",
        "RECORDS BEHIND EACH FIGURE",
    ),
    "rp.annex.caption": (
        "(Kèm theo Báo cáo số {number} {date} của {school})",
        "(Attached to report No. {number} of {date} by {school})",
    ),
    "rp.annex.none": ("Chưa có số liệu trong kỳ", "No record in the period"),
    "rp.annex.attendees": ("{n} người tham dự", "{n} attended"),
    "rp.annex.attendees_new": (
        "{n} người tham dự, {new} người lần đầu được tính",
        "{n} attended, {new} counted for the first time",
    ),
    "rp.remarks_more": ("Và {n} ghi chú khác (xem Phụ lục)", "And {n} more notes (see the annex)"),
    "rp.owner": ("Phụ trách: {owner}", "Owner: {owner}"),
    "rp.count.met": ("{n} chỉ tiêu đạt", "{n} met"),
    "rp.count.exceeded": (
        "{n} chỉ tiêu đạt (trong đó {m} chỉ tiêu vượt)",
        "{n} met ({m} exceeded)",
    ),
    "rp.count.on_track": ("{n} chỉ tiêu đang thực hiện", "{n} on track"),
    "rp.count.behind": ("{n} chỉ tiêu chậm tiến độ", "{n} behind"),
    "rp.count.no_data": ("{n} chỉ tiêu chưa có số liệu", "{n} without data"),
    "rp.count.not_met": ("{n} chỉ tiêu chưa đạt", "{n} not met"),
    "rp.level": (
        "Mức độ chuyển đổi số nhà trường tự đánh giá theo Bộ chỉ số của Bộ GDĐT: {value} (kế hoạch: {target}).",
        "Self-assessed digital-transformation level (MOET index): {value} (plan: {target}).",
    ),
    "rp.level_none": (
        "Nhà trường chưa tự đánh giá mức độ chuyển đổi số theo Bộ chỉ số của Bộ GDĐT (kế hoạch: {target}).",
        "The school has not yet self-assessed its level (plan: {target}).",
    ),
    "rp.done_on": ("Hoàn thành {date}", "Done {date}"),
    "rp.as_above": ("Như trên", "As above"),
    "rp.archive": ("Lưu: VT", "File: VT"),
    "dr.record": ("Ngày {date}: {name}: {note}.", "{date}: {name}: {note}."),
    "dr.record_more": (
        "Và {n} kết quả khác đã ghi trong kỳ (xem Phụ lục).",
        "And {n} more results recorded this period (see the annex).",
    ),
    "dr.done": ("đã hoàn thành", "done"),
    "dr.no_leadership": (
        "Trong kỳ, nhà trường chưa ghi kết quả nào cho nhóm chỉ tiêu về lãnh đạo, chỉ đạo và truyền thông.",
        "No result was recorded this period for the leadership and communication targets.",
    ),
    "dr.and_more": (" và {n} chỉ tiêu khác", " and {n} more"),
    "dr.met": (
        "Đã đạt {n}/{total} chỉ tiêu: {names}.",
        "{n} of {total} targets met: {names}.",
    ),
    "dr.on_track": (
        "{n} chỉ tiêu đang thực hiện đúng tiến độ: {names}.",
        "{n} [target is|targets are] on track: {names}.",
    ),
    "dr.none_met": (
        "Trong kỳ chưa có chỉ tiêu nào đạt hoặc đúng tiến độ.",
        "No target was met or on track this period.",
    ),
    "dr.behind": (
        "{n} chỉ tiêu chậm tiến độ hoặc chưa đạt: {names}.",
        "{n} [target is|targets are] behind or not met: {names}.",
    ),
    "dr.no_data": (
        "{n} chỉ tiêu chưa có số liệu: {names}.",
        "{n} [target has|targets have] no figure yet: {names}.",
    ),
    "dr.no_weakness": (
        "Không có chỉ tiêu nào chậm tiến độ hoặc chưa có số liệu.",
        "No target is behind or without a figure.",
    ),
    "dr.stale": (
        "Số liệu của {n} chỉ tiêu chậm tiến độ chưa được cập nhật trong hơn {days} ngày.",
        "The figures of {n} lagging [target were|targets were] not updated for over {days} days.",
    ),
    "dr.unrecorded": (
        "{n} chỉ tiêu chưa được ghi kết quả lần nào.",
        "{n} [target was|targets were] never recorded.",
    ),
    "dr.slower": (
        "Tiến độ thực hiện {n} chỉ tiêu chậm hơn kế hoạch đề ra.",
        "{n} [target progresses|targets progress] slower than planned.",
    ),
    "dr.no_cause": ("Không có tồn tại, hạn chế cần nêu nguyên nhân.", "No shortcoming to explain."),
    "dr.todo": (
        "Thực hiện chỉ tiêu “{name}” (kế hoạch: {goal})",
        "Carry out “{name}” (target: {goal})",
    ),
    "dr.now": ("; hiện đạt {value}", "; now {value}"),
    "dr.carry": (
        "Tiếp tục thực hiện chỉ tiêu “{name}” (kế hoạch: {goal})",
        "Carry on with “{name}” (target: {goal})",
    ),
    "dr.todo_more": (
        "Hoàn thành {n} chỉ tiêu khác còn chậm tiến độ hoặc chưa có số liệu (xem bảng kết quả).",
        "Meet the {n} other targets behind or without a figure (see the results table).",
    ),
    "dr.due": ("; hạn {date} (còn {days} ngày)", "; due {date} ({days} days left)"),
    "dr.keep_up": (
        "Duy trì kết quả các chỉ tiêu đã đạt đến hết năm kế hoạch.",
        "Keep the targets met until the plan's year ends.",
    ),
    "dr.no_proposals": ("Không có đề xuất, kiến nghị.", "No proposals."),
    "cm.dr.leadership": (
        "{issuer} đã tổng hợp số liệu của {counted}/{given} trường học gửi về.",
        "{issuer} gathered the figures of {counted} of {given} schools.",
    ),
    "cm.dr.all_met": (
        "{n} chỉ tiêu được tất cả các trường có chỉ tiêu đó thực hiện đạt: {names}.",
        "{n} [target is|targets are] met by every school that has [it|them]: {names}.",
    ),
    "cm.dr.none_all_met": (
        "Chưa có chỉ tiêu nào được tất cả các trường thực hiện đạt.",
        "No target is met by every school yet.",
    ),
    "cm.dr.left_out": (
        "{n} kế hoạch chưa tổng hợp được (xem mục 2).",
        "{n} [plan was|plans were] left out (see part 2).",
    ),
    "cm.dr.lagging": (
        "{n} trường có chỉ tiêu chậm tiến độ hoặc chưa có số liệu (xem mục 2).",
        "{n} [school has|schools have] targets behind or without figures (see part 2).",
    ),
    "cm.dr.no_data": (
        "{n} chỉ tiêu chưa trường nào có số liệu: {names}.",
        "{n} [target has|targets have] no figure from any school: {names}.",
    ),
    "cm.dr.cause_files": (
        "Tệp số liệu của một số trường có lỗi hoặc không đúng năm kế hoạch.",
        "Some schools' files have errors or are of another plan year.",
    ),
    "cm.dr.cause_updates": (
        "Một số trường chưa cập nhật kết quả thường xuyên sau mỗi hoạt động.",
        "Some schools do not record results after each event.",
    ),
    "cm.dr.step_files": (
        "Đề nghị các trường có tệp số liệu lỗi sửa theo thông báo của phần mềm (cds validate) và gửi lại.",
        "Schools whose files have errors fix them as cds validate says and send them again.",
    ),
    "cm.dr.step_lagging": (
        "Đôn đốc các trường chậm tiến độ cập nhật số liệu và hoàn thành các chỉ tiêu trước hạn của kế hoạch.",
        "Urge the lagging schools to record their figures and meet their targets before the plan's deadlines.",
    ),
    "cm.dr.keep_up": (
        "Tiếp tục theo dõi, đôn đốc các trường duy trì kết quả đã đạt.",
        "Keep following the schools so that they keep their results.",
    ),
    "rp.closing": (
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch chuyển đổi số {period} của {school}./.",
        "This concludes the report of {school} on its plan for {period}./.",
    ),
    "rp.number_blank": ("     /BC-{code}", "     /BC-{code}"),
    # --- report: the command ------------------------------------------------------------------
    "cmd.report": (
        "Lập báo cáo quý hoặc năm (tệp Word .docx) gửi UBND xã.",
        "Write the quarterly or annual report (a Word .docx).",
    ),
    "opt.report.quarter": ("Báo cáo quý N (1-4 hoặc I-IV).", "Report on quarter N (1-4 or I-IV)."),
    "opt.report.year": ("Báo cáo năm.", "Annual report."),
    "opt.report.output": (
        "Tệp sẽ ghi (mặc định: thư mục reports/ cạnh thư mục plans/).",
        "File to write (default: reports/ beside plans/).",
    ),
    "opt.report.force": ("Ghi đè tệp đã có.", "Overwrite an existing file."),
    "opt.report.number": (
        "Số văn bản, ví dụ 05 hoặc 05/BC-THXT (mặc định để trống cho văn thư điền).",
        "Document number, e.g. 05 or 05/BC-THXT (default: left blank).",
    ),
    "opt.report.date": (
        "Ngày ban hành báo cáo, ví dụ 10/6/2026 (mặc định: hôm nay).",
        "Issue date, e.g. 10/6/2026 (default: today).",
    ),
    "opt.report.template": (
        "Mẫu báo cáo .docx riêng của trường.",
        "The school's own .docx template.",
    ),
    "opt.report.pdf": (
        "Ghi thêm bản PDF (cần LibreOffice).",
        "Also write a PDF (needs LibreOffice).",
    ),
    "opt.report.init_notes": (
        "Tạo tệp mẫu để viết nội dung thuyết minh của báo cáo, rồi dừng.",
        "Write a skeleton of the report's narrative file, then stop.",
    ),
    "rp.choose_period": (
        "Chọn kỳ báo cáo: --quarter N hoặc --year.",
        "Choose a period: --quarter N or --year.",
    ),
    "rp.one_period": (
        "Chỉ chọn một kỳ báo cáo: --quarter N hoặc --year, không dùng cả hai.",
        "Give one period only: --quarter N or --year, not both.",
    ),
    "rp.not_written": (
        "Chưa lập báo cáo: số liệu báo cáo phải là số liệu nhà trường đã kiểm tra. Sửa các dòng lỗi trên (hoặc xóa dòng ghi nhầm bằng `cds undo`) rồi chạy lại lệnh.",
        "No report written: a report's figures must be ones the school has checked. Fix the lines above (or remove a mistaken record with `cds undo`) and run the command again.",
    ),
    "rp.written": ("Đã ghi báo cáo {period}: {path}", "Wrote the report for {period}: {path}"),
    "rp.notes_read": ("Nội dung thuyết minh lấy từ {path}.", "Narrative read from {path}."),
    "rp.notes_missing": (
        "Chưa có tệp nội dung thuyết minh {path}: các mục I, III, IV, V được viết từ kết quả đã ghi; đọc lại trước khi ký. Muốn tự viết, tạo tệp mẫu bằng: cds report {flag} --init-notes",
        "No narrative file {path}: sections I, III, IV, V are drafted from the records; read them before signing. To write your own, make a skeleton with: cds report {flag} --init-notes",
    ),
    "rp.notes_written": (
        "Đã tạo {path}. Mở tệp, viết nội dung dưới mỗi tiêu đề, rồi chạy lại: cds report {flag}",
        "Wrote {path}. Write under each heading, then run: cds report {flag}",
    ),
    "rp.template_slow": (
        "mẫu chạy quá {seconds} giây (có thể một vòng lặp quá lớn)",
        "the template ran over {seconds} seconds (a loop too large?)",
    ),
    "rp.template_big": (
        "mẫu tạo ra nội dung quá lớn",
        "the template builds too much content",
    ),
    "rp.template_deep": (
        "mẫu gọi lồng nhau quá sâu (macro tự gọi lại chính nó?)",
        "the template nests calls too deep (a macro calling itself?)",
    ),
    "rp.template_include": (
        "Mẫu báo cáo {path} dùng include/import/extends ('{name}'); mẫu báo cáo phải nằm trọn trong một tệp .docx.",
        "Template {path} uses include/import/extends ('{name}'); a report template must be one whole .docx.",
    ),
    "rp.exists": (
        "Tệp {path} đã có; không ghi đè (có thể đã được sửa trong Word).",
        "{path} exists; not overwritten (it may have been edited in Word).",
    ),
    "rp.exists.hint": (
        "Dùng --force để ghi đè, hoặc --output để chọn tên khác.",
        "Use --force to overwrite, or --output for another name.",
    ),
    "rp.late": (
        "Lưu ý: báo cáo {period} phải gửi trước ngày {deadline}; ngày báo cáo {date} đã quá hạn.",
        "Note: the report for {period} was due before {deadline}; {date} is past the deadline.",
    ),
    "rp.early": (
        "Lưu ý: báo cáo lập trước ngày chốt số liệu {end}, nên số liệu tính đến ngày {date} (đã ghi rõ trong báo cáo).",
        "Note: made before the cut-off {end}; figures run to {date} (the report says so).",
    ),
    "rp.template_var": (
        "Mẫu báo cáo {path} dùng biến '{name}' không có.",
        "Template {path} uses the variable '{name}', which does not exist.",
    ),
    "rp.template_var.hint": (
        "Các biến dùng được liệt kê trong templates/README.md.",
        "The variables a template can use are listed in templates/README.md.",
    ),
    "rp.template_syntax": (
        "Mẫu báo cáo {path} có thẻ viết sai: {detail}.",
        "Template {path} has a broken tag: {detail}.",
    ),
    "rp.template_syntax_at": (
        "Mẫu báo cáo {path}, đoạn thứ {n} («{text}»): {detail}. Mở mẫu bằng Word và sửa đoạn đó.",
        "Template {path}, paragraph {n} («{text}»): {detail}. Open it in Word and fix that paragraph.",
    ),
    "rp.jinja.brace": (
        "thẻ {{{{ … }}}} thiếu một dấu '}}' đóng",
        "a {{{{ … }}}} tag lacks a closing '}}'",
    ),
    "rp.jinja.unclosed": (
        "thẻ mở ở đoạn này không có thẻ đóng {{%p {tag} %}}",
        "the tag opened here has no closing {{%p {tag} %}}",
    ),
    "rp.jinja.unopened": (
        "thẻ {{%p {tag} %}} ở đoạn này không có thẻ mở tương ứng",
        "the {{%p {tag} %}} tag here closes nothing",
    ),
    "rp.jinja.other": ("thẻ Jinja viết sai ({detail})", "a malformed Jinja tag ({detail})"),
    "rp.template_unsafe": (
        "Mẫu báo cáo {path} dùng thao tác không được phép: {detail}.",
        "Template {path} does something not allowed: {detail}.",
    ),
    "rp.template_bad": (
        "Không mở được mẫu báo cáo {path}: không phải tệp Word .docx hợp lệ.",
        "Cannot open template {path}: not a valid Word .docx file.",
    ),
    "rp.pdf_written": ("Đã ghi bản PDF: {path}", "Wrote the PDF: {path}"),
    "rp.pdf_missing": (
        "Chưa tạo được PDF vì máy chưa cài LibreOffice. Cài LibreOffice rồi chạy lại với --pdf, hoặc mở tệp .docx trong Word và chọn Tệp > Lưu thành > PDF.",
        "No PDF: LibreOffice is not installed. Install it and run again with --pdf, or open the .docx in Word and use File > Save As > PDF.",
    ),
    "rp.pdf_failed": (
        "LibreOffice không chuyển được báo cáo sang PDF ({detail}). Tệp .docx vẫn đã được ghi; có thể mở trong Word và lưu thành PDF.",
        "LibreOffice could not convert the report ({detail}). The .docx was written; Word can save it as PDF.",
    ),
    # --- report notes -----------------------------------------------------------------------
    "notes.heading": (
        "Tiêu đề '{text}' không ứng với mục nào của báo cáo.",
        "Heading '{text}' matches no section of the report.",
    ),
    "notes.heading.hint": (
        "Dùng các tiêu đề '# I.' đến '# V.' và, trong mục III, '## 1.' đến '## 3.', như tệp do `cds report --init-notes` tạo.",
        "Use headings '# I.' to '# V.' and, under III, '## 1.' to '## 3.', as in the file `cds report --init-notes` writes.",
    ),
    "notes.orphan": (
        "Đoạn văn này không nằm dưới tiêu đề mục nào nên sẽ bị bỏ sót.",
        "This text stands under no section heading and would be lost.",
    ),
    "notes.skeleton": (
        """<!--
  Nội dung báo cáo {period}. Viết dưới mỗi tiêu đề; các đoạn cách nhau một dòng trống;
  dòng bắt đầu bằng "- " là một ý gạch đầu dòng. Có thể sửa lời tiêu đề, nhưng giữ số thứ tự
  (I., II., ..., và 1., 2., 3. trong mục III). Những dòng nằm giữa dấu mở và đóng chú thích như
  đoạn này không được đưa vào báo cáo. Mục nào để trống sẽ hiện dấu "…" trong báo cáo.
-->

# I. Công tác lãnh đạo, chỉ đạo, thông tin tuyên truyền

<!-- Các văn bản đã ban hành, các hoạt động tuyên truyền, hưởng ứng Ngày Chuyển đổi số quốc gia... -->

# II. Kết quả thực hiện các chỉ tiêu

<!-- Bảng kết quả được lập tự động từ số liệu đã ghi. Viết thêm ở đây nếu cần giải thích. -->

# III. Đánh giá chung

## 1. Ưu điểm

## 2. Tồn tại, hạn chế

## 3. Nguyên nhân

# IV. Phương hướng, nhiệm vụ {next}

# V. Đề xuất, kiến nghị
""",
        """<!--
  Narrative of the report for {period}. Write under each heading; separate paragraphs with a
  blank line; a line starting with "- " is a list item. Headings may be reworded but keep their
  numbers (I. ... V., and 1. to 3. under III). Comments like this one never reach the report.
  A section left empty shows "…" in the report.
-->

# I. Công tác lãnh đạo, chỉ đạo, thông tin tuyên truyền

# II. Kết quả thực hiện các chỉ tiêu

# III. Đánh giá chung

## 1. Ưu điểm

## 2. Tồn tại, hạn chế

## 3. Nguyên nhân

# IV. Phương hướng, nhiệm vụ {next}

# V. Đề xuất, kiến nghị
""",
    ),
    "internal": (
        "Lỗi không mong đợi ({kind}: {detail}). Các tệp được ghi trọn vẹn hoặc không ghi gì; "
        "chạy `cds validate` để kiểm tra, và báo lỗi này cho nhóm phát triển kèm lệnh đã chạy.",
        "Unexpected error ({kind}: {detail}). Files are written whole or not at all; run "
        "`cds validate` to check, and please report this with the command you ran.",
    ),
    "interrupted": ("Đã dừng.", "Stopped."),
}


class Said(str):
    """A message as `t` made it: a str that remembers its key (a problem's code comes from it)."""

    key: str


def every_language(key: str) -> tuple[str, ...]:
    """The text of `key` in every language, unfilled (words a user may type in either)."""
    return _TEXTS[key]


def t(key: str, /, **values: object) -> str:
    """The text for `key` in the user's language, with `values` filled in."""
    vi, en = _TEXTS[key]
    english = _current.get() == "en"
    text = en if english else vi
    if english and "count" in values:
        # English agrees in number: '[problem|problems]' picks by {count}; Vietnamese needs none.
        text = _PLURAL.sub(lambda m: m.group(1) if values["count"] == 1 else m.group(2), text)
    said = Said(text.format(**{name: _shown(value) for name, value in values.items()}))
    said.key = key
    return said


_PLURAL = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")


def _shown(value: object) -> object:
    """A path as a user can paste it back into a command: quoted where it has spaces."""
    if isinstance(value, PurePath):
        text = str(value)
        return f'"{text}"' if " " in text else text
    return value
