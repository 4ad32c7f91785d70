"""The demo letter as the Minister receives it, rendered to PNG in docs/screenshots/.

Loads the demo into a throwaway SQLite database, gives the Sekda a throwaway certificate (made here
by a throwaway CA: none is kept), runs the letter through its paraf chain, forwards it, and renders
the signed PDF's pages with Poppler's ``pdftoppm``: the first page (kop, number, addressee), the
signature page (the QR box) and the attachment. The kop carries a placeholder emblem drawn here,
since the real one is uploaded by the admin and not shipped.

    .venv/bin/python docs/naskah_screenshots.py
"""

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def placeholder_emblem() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 288), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(120, 6), (232, 48), (214, 210), (120, 282), (26, 210), (8, 48)], outline="black", width=8)
    draw.text((120, 140), "LAMBANG\nDAERAH", fill="black", anchor="mm", align="center", font_size=34)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="naskah-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'demo.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deskpilkada.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from reports import tasks
    from reports.models import ForwardedBrief, LetterSettings, RakorSession
    from reports.workflow import forwarding, pades
    from tests import letters, pki

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    letter = LetterSettings.load()
    letter.emblem.save("lambang.png", ContentFile(placeholder_emblem()))
    secretariat, _head, sekda = letters.demo_people()
    bundle, _ca = pki.make("Dr. Hj. Sri Wahyuni, M.Pd.", b"contoh")
    pades.keep(sekda, pades.open_pkcs12(bundle, "contoh"))

    session = RakorSession.objects.get(date="2024-11-18")
    letters.sign(session)
    kept = forwarding.forward(session, secretariat)
    tasks.make_forwarded_files(kept.pk, secretariat.pk)
    pdf = workdir / "naskah.pdf"
    pdf.write_bytes(bytes(ForwardedBrief.objects.get(pk=kept.pk).pdf))

    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(workdir / "page")], check=True)
    pages = sorted(workdir.glob("page-*.png"))
    signature = next(
        index
        for index, page in enumerate(pages)
        if "Tembusan"
        in subprocess.run(
            ["pdftotext", "-f", str(index + 1), "-l", str(index + 1), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    for name, page in (
        ("naskah-page-1.png", pages[0]),
        ("naskah-signature.png", pages[signature]),
        ("naskah-attachment.png", pages[signature + 1]),
    ):
        (OUT / name).write_bytes(page.read_bytes())
        print(OUT / name)


if __name__ == "__main__":
    main()
