"""A PDF made inert before it is stored: what a reader could run, open or submit is taken out.

A berita acara is read by the desk on its own computers, so a PDF uploaded from the field keeps its
pages, text and pictures and loses everything a viewer would act on by itself or on a click:
JavaScript (the document's name tree, ``/JS`` anywhere, ``/OpenAction`` and the ``/AA`` additional
actions of the document, its pages, fields and annotations), ``/Launch`` of a program, files
embedded in it (``/EmbeddedFiles``, file attachment annotations, ``/EF`` streams) and actions that
send or load form data (``/SubmitForm``, ``/ImportData``) or reach other files (``/GoToR``,
``/GoToE``), XFA forms (they carry scripts) and rich media.

Web links (``/URI``) stay when they are ``http``, ``https`` or ``mailto``: a berita acara may cite
a regulation online, following one is the reader's choice, and the viewer opens it in the browser
rather than running anything; any other scheme (``javascript:``, ``file:``) goes.

The document is rewritten by qpdf (through pikepdf), which writes only the objects still reachable,
so what was taken out is not in the stored file at all.
"""

import io

import pikepdf

# Keys whose value is code, an embedded file or a set of automatic actions: always removed.
DROPPED_KEYS = frozenset({"/AA", "/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"})
# Keys that hold an action (or, for /Next, one or several): removed when the action is unsafe.
ACTION_KEYS = frozenset({"/A", "/OpenAction", "/Next"})
UNSAFE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/ResetForm",
        "/GoToR",
        "/GoToE",
        "/Rendition",
        "/RichMediaExecute",
        "/Sound",
        "/Movie",
    }
)
UNSAFE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"})
SAFE_URI_SCHEMES = ("http:", "https:", "mailto:")
CONTAINERS = (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)


class Unreadable(Exception):
    """pikepdf could not open the file, or it is encrypted, or it has no page."""


def inert(data: bytes) -> bytes:
    """The PDF rewritten without its active content; ``Unreadable`` when it cannot be made so."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted or not len(pdf.pages):
                raise Unreadable
            _scrub(pdf.trailer)
            buffer = io.BytesIO()
            pdf.save(buffer)
    except (pikepdf.PdfError, pikepdf.PasswordError, RecursionError, ValueError, KeyError) as exc:
        raise Unreadable from exc
    return buffer.getvalue()


def _scrub(root: pikepdf.Object) -> None:
    """Walk every dictionary and array reachable from ``root`` once, taking the active parts out.

    An explicit stack, since an outline's ``/Next`` chain may be thousands of items long."""
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [root]
    while stack:
        item = stack.pop()
        if item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, pikepdf.Array):
            stack.extend(value for value in item if isinstance(value, CONTAINERS))
        elif isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
            stack.extend(_scrubbed_values(item))


def _scrubbed_values(dictionary: pikepdf.Dictionary | pikepdf.Stream) -> list[pikepdf.Object]:
    """Remove the unsafe entries of one dictionary; return the values left to walk."""
    kept = []
    for key in list(dictionary.keys()):
        value = dictionary[key]
        if key in DROPPED_KEYS or (key in ACTION_KEYS and _unsafe_action(value)):
            del dictionary[key]
        elif key == "/Annots" and isinstance(value, pikepdf.Array):
            safe = [annotation for annotation in value if not _unsafe_annotation(annotation)]
            dictionary[key] = pikepdf.Array(safe)
            kept.extend(safe)
        elif isinstance(value, CONTAINERS):
            kept.append(value)
    return kept


def _unsafe_action(value: pikepdf.Object) -> bool:
    """An action (or a list of them, for ``/Next``) that runs, opens, sends or reaches something."""
    if isinstance(value, pikepdf.Array):
        return any(_unsafe_action(item) for item in value)
    if not isinstance(value, pikepdf.Dictionary):
        return False  # an /OpenAction that is a destination: a page to open at
    kind = str(value.get("/S", ""))
    if kind in UNSAFE_ACTIONS or "/JS" in value:
        return True
    if kind == "/URI":
        return not str(value.get("/URI", "")).strip().lower().startswith(SAFE_URI_SCHEMES)
    return "/Next" in value and _unsafe_action(value["/Next"])


def _unsafe_annotation(annotation: pikepdf.Object) -> bool:
    return (
        isinstance(annotation, pikepdf.Dictionary)
        and str(annotation.get("/Subtype", "")) in UNSAFE_ANNOTATIONS
    )
