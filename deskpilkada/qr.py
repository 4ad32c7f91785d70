"""QR codes drawn as inline SVG: the letter's verification link and the enrolment of an
authenticator app draw theirs the same way, and the CSP allows ``data:`` images."""

import base64

import qrcode
import qrcode.image.svg


def qr_svg(text: str) -> bytes:
    """The QR code of ``text`` as an SVG document (one path, no script)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    return image.to_string()


def qr_data_uri(text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text)).decode()
