"""Real QR codes (the ``qrcode`` library): a phone could scan what we draw.

``qr_matrix`` gives the modules (quiet zone included); ``paint_qr`` draws
them black on white in any rectangle, whatever the theme, because that is
what a scanner needs.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter


@lru_cache(maxsize=64)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code for ``data`` as rows of modules (True = dark), with a 4-module quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def paint_qr(painter: QPainter, rect: QRectF, data: str) -> None:
    """Draw the QR code for ``data`` as a square centred in ``rect``."""
    matrix = qr_matrix(data)
    count = len(matrix)
    side = min(rect.width(), rect.height())
    module = side / count
    left = rect.left() + (rect.width() - side) / 2
    top = rect.top() + (rect.height() - side) / 2
    painter.save()
    painter.setPen(QColor("#FFFFFF"))
    painter.fillRect(QRectF(left, top, side, side), QColor("#FFFFFF"))
    dark = QColor("#000000")
    for y, row in enumerate(matrix):
        x = 0
        while x < count:
            if row[x]:
                start = x
                while x < count and row[x]:
                    x += 1
                painter.fillRect(QRectF(left + start * module, top + y * module,
                                        (x - start) * module + 0.5, module + 0.5), dark)
            else:
                x += 1
    painter.restore()
