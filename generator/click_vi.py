"""Click's own messages (help headings, usage errors) in Vietnamese, as the rest of ``bienban``.

Click marks every message it shows for translation with :mod:`gettext`; its modules
call ``_`` and ``ngettext``, which would look for a catalog by the machine's language
(an editor's Windows or ``C`` locale has none).  :func:`install` points those names
at the table below whatever the locale; a message not in it stays as Click wrote it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import click

#: Click's message → Vietnamese (placeholders kept: Click fills them in afterwards).
MESSAGES: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "deprecated": "không còn dùng",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để biết cách dùng.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Missing command.": "Thiếu tên lệnh.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Aborted!": "Đã dừng.",
    "unknown error": "lỗi không rõ",
    "directory": "thư mục",
    "file": "tệp",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
}

#: Messages with a singular and a plural form → their Vietnamese forms (each keeps its
#: own placeholders: Click may fill in only those of the form it chose).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Thừa tham số ({args})", "Thừa các tham số ({args})"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Có phải ý bạn là {possibility}?", "(Có phải ý bạn là một trong: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Tùy chọn {name!r} cần một giá trị.", "Tùy chọn {name!r} cần {nargs} giá trị."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} không phải là {choice}.", "{value!r} không phải là một trong {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} không đúng dạng {format}.", "{value!r} không đúng dạng nào trong {formats}."),
}

#: Click's modules that show messages (each imported ``_`` and ``ngettext`` from gettext).
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion",
                  "termui", "types", "utils")


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if count == 1 else many


def install() -> None:
    """Click's modules show the table's Vietnamese from now on."""
    names: dict[str, Callable[..., str]] = {"_": translate, "ngettext": translate_plural}
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a Click without the module
            continue
        for attribute, function in names.items():
            if hasattr(module, attribute):
                setattr(module, attribute, function)


#: How a usage line names the options and the commands.
OPTIONS_METAVAR = "[TÙY CHỌN]"
COMMAND_METAVAR = "LỆNH [THAM SỐ]..."


class Command(click.Command):
    """A command whose usage line says "[TÙY CHỌN]"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)
        for param in self.params:
            # Click names a text option's value by its type, in English ("--date TEXT").
            if isinstance(param, click.Option) and param.metavar is None and param.type is click.STRING:
                param.metavar = TEXT_METAVAR


#: How the help names the value of an option that takes text, where no better name is given.
TEXT_METAVAR = "CHỮ"


class Group(click.Group):
    """A group whose usage line and commands speak Vietnamese."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", COMMAND_METAVAR)
        super().__init__(*args, **kwargs)
