"""The `cds` command: parse arguments, call the library, print. No computation lives here."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from cds_tracker import clitext
from cds_tracker.checks.problem import CdsError, Problem, format_problem
from cds_tracker.text.messages import t

if TYPE_CHECKING:
    from cds_tracker.domain.rollup import Coverage

clitext.localise()

# The library, rich and the report stack are imported inside each command, not here: `cds --help`
# and shell completion must not pay for them (profile: importing the api eagerly doubled the
# time of `cds --help`).

OPTIONS = t("click.options_metavar")
SCHOOL_YEAR = (
    "init",
    "demo",
    "people",
    "record",
    "undo",
    "status",
    "history",
    "report",
    "publish",
    "export",
    "validate",
    "rollup",
)


class _InSchoolYearOrder(TyperGroup):
    """Commands listed in the order a school year uses them, not alphabetically."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: SCHOOL_YEAR.index(n) if n in SCHOOL_YEAR else 99)


def _examples(name: str) -> str:
    # '\b' keeps click from re-flowing the lines of a paragraph: each example stays on its line.
    lines = "\n".join("  " + line for line in t(f"ex.{name}").splitlines())
    return f"{t('help.examples')}\n\n\b\n{lines}"


def _about(name: str) -> dict[str, Any]:
    """A command's help: its full text, its one-line summary for `cds --help`, its examples."""
    return {
        "help": t(f"cmd.{name}"),
        "short_help": t(f"sum.{name}"),
        "epilog": _examples(name),
        "options_metavar": OPTIONS,
    }


app = typer.Typer(
    cls=_InSchoolYearOrder,
    help=t("app.help") + "\n\n" + t("app.more"),
    options_metavar=t("click.options_metavar"),
    subcommand_metavar=t("click.command_metavar"),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def _version(value: bool) -> None:
    if value:
        from cds_tracker import __version__

        sys.stdout.write(t("version", version=__version__) + "\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", help=t("opt.version"), callback=_version, is_eager=True),
    ] = False,
) -> None:
    """The options before any command (--version)."""


def _value(flag: str, help_key: str, metavar_key: str) -> Any:
    """An option that takes a value, with its help and placeholder in the user's language."""
    return typer.Option(flag, help=t(help_key), show_default=False, metavar=t(metavar_key))


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Indicator ids (with their names) of the plan the command would use, for the Tab key."""
    from cds_tracker.store.planfile import find_plan, load_plan

    given = ctx.params.get("plan")
    if isinstance(given, list | tuple):  # --plan given several times, or not at all
        given = given[0] if len(given) == 1 else None
    try:
        plan = load_plan(find_plan(given)).plan
    except Exception:  # no plan here, or a broken one: nothing to offer, never an error
        return []
    return [(i.id, i.name) for i in plan.indicators if i.id.startswith(incomplete)]


def _complete_quarters(incomplete: str) -> list[str]:
    return [q for q in ("1", "2", "3", "4") if q.startswith(incomplete)]


IdArgument = Annotated[
    str,
    typer.Argument(
        help=t("arg.id"), show_default=False, metavar=t("metavar.id"), autocompletion=_complete_ids
    ),
]


PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan", help=t("opt.plan"), show_default=False, metavar=t("metavar.file"), dir_okay=False
    ),
]


PlansOption = Annotated[
    list[Path] | None,
    _value("--plan", "opt.plans", "metavar.file"),
]


# The "as of when" options of status and rollup.
AsOfOption = Annotated[
    str | None,
    _value("--as-of", "opt.as_of", "metavar.date"),
]


def _quarter_option(help_key: str) -> Any:
    return typer.Option(
        "--quarter",
        help=t(help_key),
        show_default=False,
        metavar=t("metavar.n"),
        autocompletion=_complete_quarters,
    )


QuarterOption = Annotated[str | None, _quarter_option("opt.quarter")]
ReportQuarterOption = Annotated[str | None, _quarter_option("opt.report.quarter")]
YearOption = Annotated[bool, typer.Option("--year", help=t("opt.year"))]
JsonOption = Annotated[bool, typer.Option("--json", help=t("opt.json"))]
CsvOption = Annotated[bool, typer.Option("--csv", help=t("opt.csv"))]


def output_format(**asked: bool) -> str:
    """The one format a command was asked for (its flags by name, `json=…, csv=…`), else
    'table'; two at once is a usage error. Each command narrows the result to its own type."""
    chosen = [name for name, on in asked.items() if on]
    if len(chosen) > 1:
        flags = ", ".join(f"--{name}" for name in chosen)
        raise click_exceptions.UsageError(t("arg.one_format", flags=flags))
    return chosen[0] if chosen else "table"


def _today() -> dt.date:
    return dt.date.today()


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    from cds_tracker.checks.limits import MAX_YEAR, MIN_YEAR
    from cds_tracker.domain.parse import parse_date

    day = parse_date(text)
    if day is None:
        raise CdsError([Problem(None, None, t("arg.bad_date", text=text), t("r.bad_date.hint"))])
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        shown = {"text": text, "low": MIN_YEAR, "high": MAX_YEAR}
        raise CdsError([Problem(None, None, t("arg.date_range", **shown))])
    return day


def _quarter(text: str | None) -> int | None:
    """--quarter as a number: 1-4, or I-IV as quarters are written in Vietnamese."""
    if text is None:
        return None
    from cds_tracker.domain.parse import parse_quarter

    number = parse_quarter(text)
    if number is None:
        raise CdsError([Problem(None, None, t("arg.quarter_range", text=text))])
    return number


def _print_problems(problems: list[Problem]) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    err = views.console(stderr=True)
    for problem in problems:
        # On a terminal a person reads the line itself under the message (never in a pipe).
        source = api.source_line(problem) if err.is_terminal else None
        err.print(format_problem(problem, source), markup=False)


def handled(command: F) -> F:
    """Turn the library's errors into messages and exit codes; never show a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CdsError as exc:
            _print_problems(exc.problems)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            sys.stderr.write(t("interrupted") + "\n")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, click_exceptions.UsageError):
            raise  # a usage error: click prints it with the usage line, exit 2
        except Exception as exc:  # the last guard: a message, not a traceback
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            sys.stderr.write(t("internal", kind=type(exc).__name__, detail=detail) + "\n")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _after_writing(say: Callable[[], None], done: str) -> None:
    """Print what a command did once its file is durably written. The write is what counts: a
    closed or full output is a warning, exit 0 (a script that retried would write it twice)."""
    import errno

    try:
        try:
            say()
        except SystemExit:  # rich's answer to a broken pipe (it points stdout at nothing)
            raise BrokenPipeError(errno.EPIPE, "broken pipe") from None
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        from cds_tracker.store.files import os_reason

        # Python flushes stdout again at exit; point it at nothing so that cannot fail too.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(t("out.unprintable", done=done, reason=os_reason(exc)) + "\n")


def _plan_path(option: Path | None) -> Path:
    from cds_tracker.store.planfile import find_plan

    return find_plan(option)


@app.command(**_about("validate"))
@handled
def validate(plan: PlansOption = None) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    result = api.validate(plan)
    out = views.console()
    for workspace in result.sound:
        shown = {
            "plan": workspace.loaded.path,
            "indicators": len(workspace.loaded.plan.indicators),
            "records": workspace.records.count,
        }
        out.print(t("validate.ok", **shown), markup=False)
    _say_notices(result.notices)
    if result.problems:
        _print_problems(result.problems)
        views.console(stderr=True).print(t("validate.count", count=len(result.problems)))
        raise typer.Exit(1)


# '-5' is a value to refuse with a message ("negative"), not an unknown option.
@app.command(**_about("record"), context_settings={"ignore_unknown_options": True})
@handled
def record(
    indicator: IdArgument,
    value: Annotated[
        str, typer.Argument(help=t("arg.value"), show_default=False, metavar=t("metavar.value"))
    ] = "",
    of: Annotated[str | None, _value("--of", "opt.of", "metavar.number")] = None,
    date: Annotated[str | None, _value("--date", "opt.date", "metavar.date")] = None,
    note: Annotated[str, _value("--note", "opt.note", "metavar.text")] = "",
    evidence: Annotated[str, _value("--evidence", "opt.evidence", "metavar.text")] = "",
    attendees: Annotated[str, _value("--attendees", "opt.attendees", "metavar.ids")] = "",
    attendees_file: Annotated[
        Path | None, _value("--attendees-file", "opt.attendees_file", "metavar.file")
    ] = None,
    scope: Annotated[str, _value("--scope", "opt.scope", "metavar.scope")] = "",
    plan: PlanOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    today = _today()
    result = api.record(
        _plan_path(plan),
        indicator,
        value,
        day=_parse_date(date) or today,
        of=of or "",
        note=note,
        evidence=evidence,
        attendees=attendees,
        attendees_file=attendees_file,
        scope=scope,
        today=today,
    )
    saved = t("rec.saved", file=result.path, line=result.line)

    def say() -> None:
        out = views.console()
        out.print(saved, markup=False)
        out.print(views.standing_line(result.standing), markup=False)
        err = views.console(stderr=True)
        for notice in result.notices:
            err.print(views.notice(notice.key, notice.values), markup=False, style="yellow")
        _not_committed(result.not_committed)

    _after_writing(say, saved)


def _say_notices(notices: list[Any]) -> None:
    """What a command found worth a word (api.Notice), on stderr, in the user's words."""
    from cds_tracker.output import views

    err = views.console(stderr=True)
    for notice in notices:
        err.print(views.notice(notice.key, notice.values), markup=False)


def _not_committed(reason: str | None) -> None:
    """The file is written; git could not keep it (a warning, never a failure)."""
    if reason is not None:
        sys.stderr.write(t("git.failed", reason=reason) + "\n")


@app.command(**_about("demo"))
@handled
def demo(
    folder: Annotated[Path | None, _value("--folder", "opt.demo.folder", "metavar.folder")] = None,
) -> None:
    from cds_tracker.app import demo as sample
    from cds_tracker.store.files import current_folder

    where = folder or current_folder() / "cds-demo"
    report_path = sample.run(where)
    print(t("demo.done", folder=where, report=report_path), flush=True)


@app.command(**_about("undo"))
@handled
def undo(
    yes: Annotated[bool, typer.Option("--yes", "-y", help=t("opt.undo.yes"))] = False,
    plan: PlanOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    plan_path = _plan_path(plan)
    path, last = api.last_record(plan_path)
    shown = views.removed_row(last.cells)
    if not yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise CdsError([Problem(None, None, t("undo.needs_yes"), t("undo.needs_yes.hint"))])
        views.console().print(t("undo.ask", file=path, line=last.line, row=shown), markup=False)
        try:
            answer = input(t("undo.prompt")).strip().lower()
        except EOFError:  # the terminal closed (Ctrl+D): no answer is no
            answer = ""
        if answer not in ("c", "co", "có", "y", "yes"):
            views.console().print(t("undo.kept"), markup=False)
            return
    done = api.undo(plan_path, expected=last)
    said = t("undo.done", file=done.path, line=done.removed.line, row=shown)

    def say() -> None:
        views.console().print(said, markup=False)
        _not_committed(done.not_committed)

    _after_writing(say, said)


@app.command(**_about("status"))
@handled
def status(
    indicator: Annotated[
        str | None,
        typer.Argument(
            help=t("arg.status_id"),
            show_default=False,
            metavar=t("metavar.id"),
            autocompletion=_complete_ids,
        ),
    ] = None,
    missing: Annotated[bool, typer.Option("--missing", help=t("opt.missing"))] = False,
    group: Annotated[list[str] | None, _value("--group", "opt.group", "metavar.group")] = None,
    only: Annotated[list[str] | None, _value("--only", "opt.only", "metavar.status")] = None,
    owner: Annotated[str | None, _value("--owner", "opt.owner", "metavar.owner")] = None,
    as_of: AsOfOption = None,
    quarter: QuarterOption = None,
    year: YearOption = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    plan: PlansOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    form = cast("views.StatusFormat", output_format(json=as_json, csv=as_csv))
    day, quarter_n = _parse_date(as_of), _quarter(quarter)
    if missing:
        if form == "csv":  # a list of names has no CSV form: say so, never a table instead
            raise click_exceptions.UsageError(
                t("arg.format_not_here", flag="--csv", other="--missing")
            )
        found, when, people, bad = api.missing_of(
            plan, indicator, as_of=day, quarter=quarter_n, year=year, today=_today()
        )
        listed: views.MissingFormat = form
        _print(views.missing_output(found, people, when, listed))
        if bad:  # the list is from the good rows; the others are said, as status says them
            raise CdsError([*bad, Problem(None, None, t("status.problems", count=len(bad)))])
        return
    with views.busy(t("busy.reading")):  # the first read of a large records file
        result = api.status(
            plan,
            as_of=day,
            quarter=quarter_n,
            year=year,
            today=_today(),
            indicator=indicator,
            groups=group,
            only=only,
            owner=owner,
        )
    # Not soft-wrapped: every line, the summary and the deadline too, fits the terminal's width.
    _print(views.status_output(result, form), soft_wrap=False)
    if result.problems:
        count = len(result.problems)
        raise CdsError([*result.problems, Problem(None, None, t("status.problems", count=count))])


def _print(output: object, soft_wrap: bool = True) -> None:
    """A view's output: text (JSON, a message) as is, anything else through rich."""
    from cds_tracker.output import views

    if isinstance(output, str):
        sys.stdout.write(output)
        return
    views.console().print(output, soft_wrap=soft_wrap)


@app.command(**_about("publish"))
@handled
def publish(
    output: Annotated[
        Path | None, _value("--output", "opt.publish.output", "metavar.folder")
    ] = None,
    as_of: AsOfOption = None,
    quarter: QuarterOption = None,
    year: YearOption = False,
    plan: PlanOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    with views.busy(t("pub.busy")):
        done = api.publish(
            _plan_path(plan),
            output=output,
            as_of=_parse_date(as_of),
            quarter=_quarter(quarter),
            year=year,
            today=_today(),
        )
    out = views.console()
    out.print(t("pub.written", page=done.page, picture=done.picture), markup=False)
    out.print(t("pub.next"), markup=False)


XlsxOption = Annotated[Path | None, _value("--xlsx", "opt.xlsx", "metavar.file")]
ForceOption = Annotated[bool, typer.Option("--force", help=t("opt.xlsx_force"))]


@app.command(**_about("export"))
@handled
def export(
    xlsx: Annotated[Path, _value("--xlsx", "opt.xlsx", "metavar.file")],
    force: ForceOption = False,
    as_of: AsOfOption = None,
    quarter: QuarterOption = None,
    year: YearOption = False,
    plan: PlanOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    written = api.export(
        _plan_path(plan),
        xlsx,
        force=force,
        as_of=_parse_date(as_of),
        quarter=_quarter(quarter),
        year=year,
        today=_today(),
    )
    views.console().print(t("xl.written", path=written), markup=False)


@app.command(**_about("rollup"))
@handled
def rollup(
    as_of: AsOfOption = None,
    quarter: QuarterOption = None,
    year: YearOption = False,
    as_json: JsonOption = False,
    xlsx: XlsxOption = None,
    force: ForceOption = False,
    make_report: Annotated[bool, typer.Option("--report", help=t("opt.rollup.report"))] = False,
    issuer: Annotated[Path | None, _value("--issuer", "opt.rollup.issuer", "metavar.file")] = None,
    notes: Annotated[Path | None, _value("--notes", "opt.rollup.notes", "metavar.file")] = None,
    output: Annotated[Path | None, _value("--output", "opt.report.output", "metavar.file")] = None,
    number: Annotated[str | None, _value("--number", "opt.report.number", "metavar.number")] = None,
    date: Annotated[str | None, _value("--date", "opt.report.date", "metavar.date")] = None,
    plan_year: Annotated[
        int | None, _value("--plan-year", "opt.rollup.plan_year", "metavar.year")
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=t("opt.rollup.pdf"))] = False,
    plan: PlansOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    form = cast("views.RollupFormat", output_format(json=as_json))
    if make_report:
        if issuer is None:
            raise CdsError([Problem(None, None, t("rollup.needs_issuer"))])
        made = api.commune_report(
            plan or [],
            plan_year=plan_year,
            issuer_path=issuer,
            quarter=_quarter(quarter),
            year=year,
            issue_date=_parse_date(date) or _today(),
            today=_today(),
            output=output,
            force=force,
            number=number,
            notes_path=notes,
        )
        views.console().print(t("rollup.report_written", path=made.path), markup=False)
        _say_notices(made.notices)
        problems = list(made.commune.problems)
        if pdf:
            try:
                with views.busy(t("rp.pdf_busy")):
                    pdf_made = api.pdf_of(made.path)
                views.console().print(t("rp.pdf_written", path=pdf_made.path), markup=False)
                _say_notices(pdf_made.notices)
            except CdsError as exc:  # the report stands; the roll-up's own problems still said
                problems += exc.problems
        if not made.commune.sound:  # written all the same: the report lists those left out
            problems.append(Problem(None, None, _skipped(made.commune.coverage)))
        if problems:
            raise CdsError(problems)
        return
    chosen = api.plans_of_year(plan, plan_year, _today())
    with views.progress(t("rollup.busy"), len(chosen.paths)) as step:
        gathered = chosen.gathered(
            as_of=_parse_date(as_of),
            quarter=_quarter(quarter),
            year=year,
            today=_today(),
            step=step,
        )
    if xlsx is not None:
        written = api.rollup_workbook(gathered, xlsx, force)
        views.console(stderr=form == "json").print(t("xl.written", path=written), markup=False)
    result = views.rollup_output(gathered.rollup, gathered.coverage, gathered.problems, form)
    _print(result, soft_wrap=False)
    if not gathered.sound:  # every form written, and exit 1: something was not counted whole
        raise CdsError([*gathered.problems, Problem(None, None, _skipped(gathered.coverage))])


def _skipped(coverage: Coverage) -> str:
    shown = {"counted": coverage.counted, "given": coverage.given}
    return t("rollup.skipped", **shown, left_out=len(coverage.left_out), rows=coverage.problem_rows)


people_app = typer.Typer(
    help=t("cmd.people"),
    short_help=t("sum.people"),
    epilog=_examples("people"),
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(
    people_app,
    name="people",
    options_metavar=OPTIONS,
    subcommand_metavar=t("click.command_metavar"),
)


@people_app.callback()
@handled
def people(ctx: typer.Context, plan: PlanOption = None) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    if ctx.invoked_subcommand is not None:
        return
    roster = api.roster(_plan_path(plan))
    out = views.console()
    if not roster.people:
        out.print(t("p.empty", file=roster.path), markup=False)
        return
    out.print(t("p.title", count=len(roster.people)), markup=False)
    out.print(views.people_table(list(roster.people.values())))


@people_app.command(
    "add", help=t("cmd.people_add"), epilog=_examples("people_add"), options_metavar=OPTIONS
)
@handled
def people_add(
    person_id: Annotated[
        str,
        typer.Argument(help=t("arg.person_id"), show_default=False, metavar=t("metavar.person_id")),
    ],
    name: Annotated[
        str,
        typer.Argument(
            help=t("arg.person_name"), show_default=False, metavar=t("metavar.person_name")
        ),
    ],
    role: Annotated[
        str,
        typer.Argument(
            help=t("arg.person_role"), show_default=False, metavar=t("metavar.person_role")
        ),
    ],
    plan: PlanOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    path, line, not_committed = api.add_person(_plan_path(plan), person_id, name, role)
    added = t("p.added", id=person_id, role=role.strip().lower(), file=path, line=line)

    def say() -> None:
        views.console().print(added, markup=False)
        _not_committed(not_committed)

    _after_writing(say, added)


@app.command(**_about("history"))
@handled
def history(
    indicator: IdArgument,
    as_json: JsonOption = False,
    plan: PlanOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    form = cast("views.HistoryFormat", output_format(json=as_json))
    workspace, problems = api.open_partial(_plan_path(plan))
    found, rows = api.history(workspace, indicator)
    saved = None
    if form == "table":
        from cds_tracker.store import gitrepo

        lines = gitrepo.saved_lines(workspace.records.path)
        saved = {line: (kept.commit, kept.when) for line, kept in lines.items()}
    _print(views.history_output(found, rows, form, saved))
    if problems:
        raise CdsError([*problems, Problem(None, None, t("status.problems", count=len(problems)))])


@app.command(**_about("init"))
@handled
def init(
    name: Annotated[str | None, _value("--name", "opt.init.name", "metavar.name")] = None,
    code: Annotated[str | None, _value("--code", "opt.init.code", "metavar.code")] = None,
    place: Annotated[str | None, _value("--place", "opt.init.place", "metavar.name")] = None,
    parent: Annotated[str | None, _value("--parent", "opt.init.parent", "metavar.name")] = None,
    head: Annotated[str | None, _value("--head", "opt.init.head", "metavar.name")] = None,
    year: Annotated[int | None, _value("--year", "opt.init.year", "metavar.year")] = None,
    output: Annotated[Path | None, _value("--output", "opt.init.output", "metavar.file")] = None,
    folder: Annotated[Path | None, _value("--folder", "opt.init.folder", "metavar.folder")] = None,
    source: Annotated[Path | None, _value("--from", "opt.init.from", "metavar.file")] = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    out = views.console()
    if source is not None:
        imported = api.init_from(
            source, name=name, code=code, place=place, year=year, parent=parent, head=head,
            output=output, folder=folder, today=_today().year,
        )  # fmt: skip
        done = imported.done
        shown = {"file": source, "path": done.path, "indicators": imported.indicators}
        out.print(t("imp.done", **shown, groups=imported.groups, guesses=imported.guesses))
        if imported.missed:
            err = views.console(stderr=True)
            err.print(t("imp.missed_title"), markup=False, style="yellow")
            for missed in imported.missed:
                err.print(f"  - {missed}", markup=False)
        if done.git:
            out.print(t("init.git", folder=done.folder), markup=False)
        out.print(t("imp.next", path=done.path), markup=False)
        _not_committed(done.not_committed)
        return
    lacking = [
        flag
        for flag, given in (("--name", name), ("--code", code), ("--place", place))
        if not given
    ]
    if lacking:
        raise click_exceptions.UsageError(t("init.needs", flags=", ".join(lacking)))
    done = api.init_plan(
        name=str(name),
        code=str(code),
        place=str(place),
        parent=parent,
        head=head,
        year=year or _today().year,
        output=output,
        folder=folder,
    )
    step = t("init.step_cd", folder=done.folder) if done.folder is not None else ""
    command = "cds validate"
    if output is not None:
        command += f" --plan {t('path', path=done.path)}"
    out.print(t("init.done", path=done.path, step=step, command=command), markup=False)
    if done.git:
        out.print(t("init.git", folder=done.folder), markup=False)
    _not_committed(done.not_committed)


@app.command(**_about("report"))
@handled
def report(
    quarter: ReportQuarterOption = None,
    year: Annotated[bool, typer.Option("--year", help=t("opt.report.year"))] = False,
    output: Annotated[Path | None, _value("--output", "opt.report.output", "metavar.file")] = None,
    force: Annotated[bool, typer.Option("--force", help=t("opt.report.force"))] = False,
    number: Annotated[str | None, _value("--number", "opt.report.number", "metavar.number")] = None,
    date: Annotated[str | None, _value("--date", "opt.report.date", "metavar.date")] = None,
    template: Annotated[
        Path | None, _value("--template", "opt.report.template", "metavar.file")
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=t("opt.report.pdf"))] = False,
    pdf_only: Annotated[bool, typer.Option("--pdf-only", help=t("opt.report.pdf_only"))] = False,
    annex: Annotated[bool, typer.Option("--annex", help=t("opt.report.annex"))] = False,
    charts: Annotated[bool, typer.Option("--charts", help=t("opt.report.charts"))] = False,
    init_notes: Annotated[
        bool, typer.Option("--init-notes", help=t("opt.report.init_notes"))
    ] = False,
    plan: PlanOption = None,
) -> None:
    from cds_tracker import api
    from cds_tracker.output import views

    out, err = views.console(), views.console(stderr=True)
    quarter_n = _quarter(quarter)
    flag = f"--quarter {quarter_n}" if quarter_n is not None else "--year"
    if init_notes:
        written = api.init_notes(_plan_path(plan), quarter_n, year)
        out.print(t("rp.notes_written", path=written, flag=flag), markup=False)
        return
    if not pdf_only:
        result = api.report(
            _plan_path(plan),
            quarter=quarter_n,
            year=year,
            output=output,
            force=force,
            issue_date=_parse_date(date) or _today(),
            number=number,
            template=template,
            annex=annex,
            charts=charts,
        )
        # Said at once: the PDF that may follow takes LibreOffice a few seconds.
        shown = {"period": views.notice_value(result.period), "path": result.path}
        out.print(t("rp.written", **shown), markup=False)
        if result.notes_found:
            out.print(t("rp.notes_read", path=result.notes_path), markup=False)
        else:
            err.print(t("rp.notes_missing", path=result.notes_path, flag=flag), markup=False)
        _say_notices(result.notices)
        output = result.path
    if pdf or pdf_only:
        with views.busy(t("rp.pdf_busy")):
            made = api.report_pdf(_plan_path(plan), quarter=quarter_n, year=year, output=output)
        out.print(t("rp.pdf_written", path=made.path), markup=False)
        _say_notices(made.notices)


def main() -> None:
    """The console script: UTF-8 into files and pipes, the console's own code page on a console.

    A redirected stream is UTF-8 whatever the code page (a Windows pipe may default to cp1252).
    A console keeps its encoding, and a character it cannot show becomes '?' instead of an error
    (an old console in code page 437 or 1258; the tables then draw plain ASCII marks).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if stream.isatty():
            reconfigure(errors="replace")
        elif (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")
    # The same name, and completion variable, for `python -m cds_tracker`.
    _for(sys.argv)(prog_name="cds")


def _for(argv: list[str]) -> typer.Typer:
    """The app, holding only the command named first where one is: typer builds the options
    of every command it holds on each run, a fifth of a 100-record `status --json` (measured).
    The whole app where anything else comes first (--help, --version, a word that is no
    command: its message suggests one), and for the shell's completion."""
    import copy

    if len(argv) < 2 or "_CDS_COMPLETE" in os.environ:
        return app
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__.replace("_", "-") if info.callback else "")
        if name == argv[1]:
            alone = copy.copy(app)
            alone.registered_commands, alone.registered_groups = [info], []
            return alone
    return app
