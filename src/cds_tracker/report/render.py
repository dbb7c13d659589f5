"""Rendering a report template (docxtpl) into a .docx, and optionally a PDF.

The template is rendered in a sandboxed Jinja environment with autoescaping, so a template cannot
reach Python internals and user text (notes, names) cannot break the document's XML. A variable
the template names but the context lacks is an error naming it, not a silent blank.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from cds_tracker.errors import CdsError, Problem, fail
from cds_tracker.files import atomic_write, write_problem
from cds_tracker.messages import t


def render(template: Path, context: dict[str, Any]) -> bytes:
    """The rendered document's bytes; CdsError for a broken or unsafe template."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    if not template.is_file():
        raise fail(t("file.missing", path=template), t("file.missing.hint"))
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise fail(t("rp.template_bad", path=template)) from None
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    try:
        document.render(context, jinja_env=env, autoescape=True)
    except UndefinedError as exc:
        if "unsafe" in str(exc):  # the sandbox turns forbidden attributes into undefined ones
            raise fail(t("rp.template_unsafe", path=template, detail=exc)) from None
        name = _undefined_name(str(exc))
        raise fail(
            t("rp.template_var", path=template, name=name), t("rp.template_var.hint")
        ) from None
    except TemplateSyntaxError as exc:
        raise fail(t("rp.template_syntax", path=template, detail=exc.message)) from None
    except SecurityError as exc:
        raise fail(t("rp.template_unsafe", path=template, detail=exc)) from None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _undefined_name(message: str) -> str:
    # Jinja says "'foo' is undefined" or "'dict object' has no attribute 'bar'".
    parts = message.split("'")
    if "has no attribute" in message and len(parts) >= 4:
        return parts[3]
    return parts[1] if len(parts) >= 2 else message


def write(path: Path, data: bytes, force: bool) -> None:
    """Write the document whole or not at all; never over an existing file without force."""
    if path.exists() and not force:
        raise fail(t("rp.exists", path=path), t("rp.exists.hint"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError as exc:
        raise CdsError([write_problem(path, exc)]) from None


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


def to_pdf(docx: Path, force: bool, timeout_s: float = 180.0) -> Path:
    """Convert with LibreOffice beside the .docx; the PDF appears whole or not at all."""
    program = libreoffice()
    if program is None:
        raise CdsError([Problem(None, None, t("rp.pdf_missing"))])
    target = docx.with_suffix(".pdf")
    if target.exists() and not force:
        raise fail(t("rp.exists", path=target), t("rp.exists.hint"))
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
            subprocess.run(command, capture_output=True, timeout=timeout_s, check=True)
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
