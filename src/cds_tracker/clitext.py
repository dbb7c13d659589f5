"""typer's own words (help headings, usage errors) in the user's language.

typer vendors click without gettext, so its few fixed English texts ("Usage:", "Options",
"Missing argument …", "Show this message and exit.") are replaced here, once, at import.
typer is pinned (pyproject.toml) and tests/test_cli.py reads the help and the usage errors, so
a typer release that moves these texts fails the tests rather than the users.
"""

from __future__ import annotations

import re
from typing import Any

from cds_tracker.text.messages import t

# typer.core's gettext texts -> message keys
_TYPER_TEXTS = {
    "Arguments": "click.arguments",
    "Options": "click.options",
    "Commands": "click.commands",
    "required": "click.required",
    "default: {default}": "click.default",
    "Missing command.": "click.missing_command",
    "No such command {name!r}.": "click.no_such_command",
    "Aborted!": "click.aborted",
}
_NOT_VALID = re.compile(r"^'?(.*?)'? is not a valid (\w+)\.?$")
_NOT_VALID_KEYS = {"int": "click.not_integer", "integer": "click.not_integer"}
_DID_YOU_MEAN = re.compile(r"\. Did you mean (.*)\?$")
_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$")
_COMPLETION_HELP = {
    "--install-completion": "click.install_completion",
    "--show-completion": "click.show_completion",
}


def localise() -> None:
    """Patch typer's fixed texts; call once, before the app runs."""
    import typer.completion
    import typer.core
    from typer._click import core, decorators, exceptions, formatting
    from typer._click.utils import echo

    for option in typer.completion._install_completion_placeholder_function.__defaults__ or ():
        key = _COMPLETION_HELP.get(next(iter(getattr(option, "param_decls", ()) or ()), ""))
        if key:
            option.help = t(key)

    def translate(text: str) -> str:
        key = _TYPER_TEXTS.get(text)
        # Keep the {placeholders}: typer formats the text after translating it.
        return t(key, default="{default}", name="{name!r}") if key else text

    typer.core._ = translate  # type: ignore[attr-defined,assignment]

    write_usage = formatting.HelpFormatter.write_usage

    def usage_in_words(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, t("click.usage") + " " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage_in_words  # type: ignore[method-assign]

    get_help_option = core.Command.get_help_option

    def help_option_in_words(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = t("click.help")
        return option

    core.Command.get_help_option = help_option_in_words  # type: ignore[method-assign]
    del decorators  # the help option's text is set above, on the option it makes

    def show(self: Any, file: Any = None) -> None:
        hint = ""
        if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
            hint = t("click.try_help", command=self.ctx.command_path) + "\n"
        if self.ctx is not None:
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=True)
        message = _DID_YOU_MEAN.sub(
            lambda m: ". " + t("click.did_you_mean", options=m.group(1)), self.format_message()
        )
        echo(t("click.error", message=message), file=file, err=True)

    exceptions.UsageError.show = show  # type: ignore[method-assign]

    def hint_of(error: Any) -> str:
        if error.param_hint is not None:
            hints = error.param_hint
            return " / ".join(hints) if isinstance(hints, list | tuple) else str(hints)
        if error.param is not None:
            return str(error.param.get_error_hint(error.ctx))
        return ""

    def missing_message(self: Any) -> str:
        return t("click.missing", name=hint_of(self))

    def bad_value_message(self: Any) -> str:
        detail = str(self.message)
        found = _NOT_VALID.match(detail)
        if found:
            key = _NOT_VALID_KEYS.get(found.group(2), "click.not_valid")
            detail = t(key, value=found.group(1))
        return t("click.bad_value", name=hint_of(self), detail=detail)

    def no_such_option_message(self: Any) -> str:
        text = t("click.no_such_option", name=self.option_name)
        if self.possibilities:
            text += " " + t("click.did_you_mean", options=", ".join(sorted(self.possibilities)))
        return text

    exceptions.MissingParameter.format_message = missing_message  # type: ignore[method-assign]
    exceptions.BadParameter.format_message = bad_value_message  # type: ignore[method-assign]
    exceptions.NoSuchOption.format_message = no_such_option_message  # type: ignore[method-assign]

    fail = core.Context.fail

    def fail_in_words(self: Any, message: str) -> Any:
        extra = _EXTRA.match(message)
        return fail(self, t("click.extra", args=extra.group(1)) if extra else message)

    core.Context.fail = fail_in_words  # type: ignore[method-assign]
