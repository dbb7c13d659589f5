"""Rendering a report template (docxtpl) into a .docx, and optionally a PDF.

The template is rendered in a sandboxed Jinja environment with autoescaping, so a template cannot
reach Python internals and user text (notes, names) cannot break the document's XML. A variable
the template names but the context lacks is an error naming it, not a silent blank.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.store.files import atomic_write, write_new, write_problem
from cds_tracker.text.messages import t

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RENDER_SECONDS = 30.0  # the shipped template renders in 0.2 s; a runaway loop is stopped
MAX_OUTPUT = 50_000_000  # bytes of document XML; the shipped report is about 200 kB
MAX_SEQUENCE = 1_000_000  # the longest string or list a template may build with * or **


def sandbox() -> Any:
    """A Jinja sandbox for users' templates: no includes, bounded in time and size.

    The plain SandboxedEnvironment keeps a template from Python's internals; a school's template
    could still loop for hours or build a gigabyte string. Every call a template makes checks a
    deadline, `range` yields under it, and `*`/`**` refuse huge results.
    """
    import time

    from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment, safe_range

    class NoIncludes(BaseLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            raise TemplateNotFound(template)

    class Bounded(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def __init__(self) -> None:
            super().__init__(autoescape=True, undefined=StrictUndefined, loader=NoIncludes())
            self.deadline = time.monotonic() + RENDER_SECONDS
            self.globals["range"] = self._range

        def _check_time(self) -> None:
            if time.monotonic() > self.deadline:
                raise SecurityError(t("rp.template_slow", seconds=int(RENDER_SECONDS)))

        def _range(self, *args: int) -> Iterator[int]:
            for i, value in enumerate(safe_range(*args)):
                if not i % 1000:
                    self._check_time()
                yield value

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            __self._check_time()
            return super().call(__context, __obj, *args, **kwargs)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            self._check_time()
            if operator == "**" and _number(left) and _number(right) and abs(right) > 64:
                raise SecurityError(t("rp.template_big"))
            if operator == "*" and _too_long(left, right):
                raise SecurityError(t("rp.template_big"))
            return super().call_binop(context, operator, left, right)

    return Bounded()


_TAG = re.compile(r"\{%-?\s*[prc]?\s*(for|if|endfor|endif)\b[^%]*%\}")


def _syntax_message(template: Path, document: Any, exc: Any) -> str:
    """Where a template's Jinja is broken, as a school's officer can find it in Word: the
    paragraph's number and text, the tag, and what is wrong, in Vietnamese."""
    paragraphs = [
        "".join(node.text or "" for node in p.iter(_W + "t"))
        for p in document.docx.element.body.iter(_W + "p")
    ]
    message = str(exc.message or "")
    found: int | None = None
    if "end of template" in message or "unknown tag" in message:
        found = _unbalanced(paragraphs, opening="end of template" in message)
    else:
        context = list(getattr(exc, "docx_context", None) or [])
        line = context[min(3, exc.lineno - 1)] if context else ""
        # The line docxtpl quotes may run on into the next paragraph's text: the paragraph
        # wanted is the one with a tag whose text the line holds.
        found = next(
            (i for i, p in enumerate(paragraphs) if "{" in p and p.strip() and p.strip() in line),
            None,
        )
    detail = _detail_vi(message)
    if found is None:
        return t("rp.template_syntax", path=template, detail=detail)
    text = paragraphs[found].strip()
    shown = text if len(text) <= 60 else text[:59] + "…"
    return t("rp.template_syntax_at", path=template, n=found + 1, text=shown, detail=detail)


def _unbalanced(paragraphs: list[str], opening: bool) -> int | None:
    """The paragraph of the first block tag without its partner: an `endfor` with no `for`
    before it, or (`opening`) the innermost `for`/`if` never closed."""
    stack: list[tuple[str, int]] = []
    for i, text in enumerate(paragraphs):
        for match in _TAG.finditer(text):
            word = match.group(1)
            if word in ("for", "if"):
                stack.append((word, i))
            elif stack and stack[-1][0] == word[3:]:
                stack.pop()
            elif not opening:
                return i
    return stack[-1][1] if opening and stack else None


def _detail_vi(message: str) -> str:
    if "unexpected '}'" in message:
        return t("rp.jinja.brace")
    if "end of template" in message:
        return t("rp.jinja.unclosed", tag="endif" if "'endif'" in message else "endfor")
    if "unknown tag" in message:
        tag = re.search(r"unknown tag '(\w+)'", message)
        return t("rp.jinja.unopened", tag=tag.group(1) if tag else "?")
    return t("rp.jinja.other", detail=message.rstrip("."))


def _with_images(document: Any, context: dict[str, Any]) -> dict[str, Any]:
    """Pictures given as PNG bytes (the overview chart) made into images the template can place
    with `{{ chart }}`, as wide as the text."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    pictures = {
        name: InlineImage(document, io.BytesIO(data), width=Mm(165))
        for name, data in context.items()
        if isinstance(data, bytes)
    }
    return {**context, **pictures}


def _number(value: Any) -> bool:
    return isinstance(value, int | float)


def _too_long(left: Any, right: Any) -> bool:
    """True where `left * right` would repeat a string or list past MAX_SEQUENCE."""
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, str | list | tuple) and isinstance(times, int):
            return len(seq) * times > MAX_SEQUENCE
    return False


def render(
    template: Path, context: dict[str, Any], finish: Callable[[Any], None] | None = None
) -> bytes:
    """The rendered document's bytes; CdsError for a broken, unsafe or runaway template.

    `finish` gets the rendered python-docx document before it is saved (report.layout.finish).
    """
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if not template.is_file():
        raise fail(t("file.missing", path=template), t("file.missing.hint"))
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise fail(t("rp.template_bad", path=template)) from None
    context = _with_images(document, context)
    try:
        document.render(context, jinja_env=sandbox(), autoescape=True)
    except UndefinedError as exc:
        if "unsafe" in str(exc):  # the sandbox turns forbidden attributes into undefined ones
            raise fail(t("rp.template_unsafe", path=template, detail=exc)) from None
        name = _undefined_name(str(exc))
        raise fail(
            t("rp.template_var", path=template, name=name), t("rp.template_var.hint")
        ) from None
    except TemplateNotFound as exc:
        raise fail(t("rp.template_include", path=template, name=exc.name)) from None
    except TemplateSyntaxError as exc:
        raise fail(_syntax_message(template, document, exc)) from None
    except SecurityError as exc:
        raise fail(t("rp.template_unsafe", path=template, detail=exc)) from None
    except (OverflowError, MemoryError):  # the sandbox's range() cap, or a string too big
        raise fail(t("rp.template_unsafe", path=template, detail=t("rp.template_big"))) from None
    except RecursionError:
        raise fail(t("rp.template_unsafe", path=template, detail=t("rp.template_deep"))) from None
    if finish is not None:
        finish(document.docx)
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if len(data) > MAX_OUTPUT:
        raise fail(t("rp.template_unsafe", path=template, detail=t("rp.template_big")))
    return data


def _undefined_name(message: str) -> str:
    # Jinja says "'foo' is undefined" or "'dict object' has no attribute 'bar'".
    parts = message.split("'")
    if "has no attribute" in message and len(parts) >= 4:
        return parts[3]
    return parts[1] if len(parts) >= 2 else message


def write(path: Path, data: bytes, force: bool) -> None:
    """Write the document whole or not at all; never over an existing file without force."""
    write_new([(path, data)], force)


# File names a Times New Roman install leaves (Windows, macOS, Debian's msttcorefonts).
_FONT_FILES = re.compile(
    r"^(times|timesnewroman|times new roman|times_new_roman)(\.ttf| ?\w*\.ttf)$", re.I
)


def font_folders() -> list[Path]:
    """Where Windows, macOS and Linux keep fonts, for this user and for everyone."""
    home = Path.home()
    found = [
        Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
        home / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
        home / "Library" / "Fonts",
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".fonts",
        home / ".local" / "share" / "fonts",
    ]
    return [folder for folder in found if folder.is_dir()]


# Fonts made to Times New Roman's widths (Debian's fonts-liberation, ChromeOS's Tinos): a PDF
# set in one breaks its lines and pages where Word does.
_SAME_WIDTHS = re.compile(r"^(liberationserif|tinos)(-\w+)?\.ttf$", re.I)


def pdf_font(folders: list[Path] | None = None) -> str:
    """The font a PDF made here is set in: "times" where Times New Roman is installed,
    "same widths" where only a font of its widths is (Liberation Serif), else "wider" (then
    LibreOffice takes DejaVu Serif, say: lines break elsewhere than in Word)."""
    same_widths = False
    for folder in folders if folders is not None else font_folders():
        for _, _, names in os.walk(folder):
            if any(_FONT_FILES.match(name) for name in names):
                return "times"
            same_widths = same_widths or any(_SAME_WIDTHS.match(name) for name in names)
    return "same widths" if same_widths else "wider"


def libreoffice() -> str | None:
    """The LibreOffice program, on PATH or where Windows installs it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if base:
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def _convert(command: list[str], timeout_s: float) -> None:
    """Run LibreOffice in a process group of its own, ended with the command however it ends
    (a timeout, Ctrl+C, a `kill`): `soffice` is a launcher whose child does the work, and a
    child left behind runs on at full CPU holding the scratch folder."""
    import signal

    windows = os.name == "nt"
    flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if windows else 0
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=not windows,
        creationflags=flags,
    )

    def ended(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds: the group is ended, the folder removed

    previous = None
    if not windows and threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, ended)
    try:
        code = process.wait(timeout=timeout_s)
        if code != 0:
            raise subprocess.CalledProcessError(code, command)
    finally:
        _end_group(process, windows)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _end_group(process: subprocess.Popen[bytes], windows: bool) -> None:
    import contextlib
    import signal

    with contextlib.suppress(OSError):
        if windows:
            if process.poll() is None:  # taskkill /T ends the launcher's children too
                subprocess.run(
                    ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True
                )
        else:
            os.killpg(process.pid, signal.SIGKILL)  # the launcher's children, even once it exited
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        process.wait(timeout=10)


def to_pdf(docx: Path, timeout_s: float = 180.0) -> Path:
    """Convert with LibreOffice beside the .docx, replacing its PDF; whole or not at all."""
    program = libreoffice()
    if program is None:
        raise CdsError([Problem(None, None, t("rp.pdf_missing"))])
    target = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="cds-pdf-") as scratch:
        # A private profile: a LibreOffice window the user has open must not block the conversion.
        profile = Path(scratch, "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            scratch,
            str(docx),
        ]
        try:
            _convert(command, timeout_s)
        except (OSError, subprocess.SubprocessError) as exc:
            raise CdsError(
                [Problem(None, None, t("rp.pdf_failed", detail=type(exc).__name__))]
            ) from None
        produced = Path(scratch) / target.name
        if not produced.is_file():
            raise CdsError([Problem(None, None, t("rp.pdf_failed", detail="no output"))])
        try:
            atomic_write(target, produced.read_bytes())
        except OSError as exc:
            raise CdsError([write_problem(target, exc)]) from None
    return target
