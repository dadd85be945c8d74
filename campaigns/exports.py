"""Results of a campaign as an XLSX workbook for the upper level: per area and per indicator."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from lib.sheets import append_row

from .selectors import campaign_page


def results_workbook(campaign):
    """Bytes of an XLSX file with two sheets: `Theo chỉ tiêu` and `Theo khu dân cư`."""
    page = campaign_page(campaign)
    workbook = Workbook()
    by_indicator = workbook.active
    by_indicator.title = "Theo chỉ tiêu"
    append_row(by_indicator, [campaign.name, campaign.period_label])
    append_row(
        by_indicator,
        [
            "Chỉ tiêu",
            "Đơn vị",
            "Chỉ tiêu của xã",
            "Nguồn giao",
            "Đạt được",
            "Trị giá (đồng)",
            "Tỷ lệ (%)",
            "Câu báo cáo",
        ],
    )
    for result in page["results"]:
        indicator, progress, target = result.indicator, result.progress, result.commune_target
        append_row(
            by_indicator,
            [
                indicator.name,
                indicator.unit_long,
                progress.target,
                target.get_assigned_by_display() if target else "",
                progress.achieved,
                progress.value,
                progress.percent,
                result.sentence,
            ],
        )
    by_area = workbook.create_sheet("Theo khu dân cư")
    append_row(
        by_area,
        ["Chỉ tiêu", "Xếp hạng", "Khu dân cư", "Chỉ tiêu giao", "Đạt được", "Trị giá (đồng)", "Tỷ lệ (%)"],
    )
    for result in page["results"]:
        for row in result.rows:
            append_row(
                by_area,
                [
                    result.indicator.name,
                    row.rank,
                    row.area_name,
                    row.progress.target,
                    row.progress.achieved,
                    row.progress.value,
                    row.progress.percent,
                ],
            )
        if result.commune_wide:  # the commune's own entries: a line of their own, not ranked
            wide = result.commune_wide
            append_row(by_area, [result.indicator.name, "", "Toàn xã", None, wide.achieved, wide.value, None])
    for sheet, header_row in ((by_indicator, 2), (by_area, 1)):
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 36
        sheet.column_dimensions["C"].width = 18
        for letter in "DEFG":
            sheet.column_dimensions[letter].width = 16
    by_indicator.column_dimensions["H"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
