"""CSV files that a spreadsheet opens as they were meant: every download of a list uses this.

Excel in Belgium expects semicolons and reads UTF-8 only after a byte-order mark; a cell that
starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) is neutralised with a
leading quote, so that text typed by a person can never run as a formula on staff's computer.
"""

import csv

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """Text a spreadsheet shows as text."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(filename, header, rows):
    """A CSV download: BOM, `;` between cells, every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([spreadsheet_cell(value) for value in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(value) for value in row])
    return response
