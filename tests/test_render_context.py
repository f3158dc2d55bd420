"""The renderer's quicker Jinja context calls everything as Jinja's own does: functions
marked to receive the context, the environment or the evaluation context get it,
others are called plainly, in loops and macros alike."""

from __future__ import annotations

import jinja2

from generator.pages.render import _Context

TEMPLATE = """\
{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}
{% set seen = [] %}
{% for word in words %}
{{ shout(word) }} {{ where(word) }} {{ env_name(word) }} {{ autoescaped(word) }} {{ box.wrap(word) }} \
{{ twice(word) }}{% set _ = seen.append(word) %} {{ "-".join(seen) }} {{ tell.__call__(word) }}
{% endfor %}
{{ counter() }}
"""


class Box:
    def wrap(self, word: str) -> str:
        return f"[{word}]"


class Teller:
    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, word: str) -> str:
        return f"{word}@{context['name']}"


def _render(context_class: type[jinja2.runtime.Context] | None) -> str:
    env = jinja2.Environment(autoescape=False)
    if context_class is not None:
        env.context_class = context_class
    env.globals.update(
        shout=str.upper,
        where=jinja2.pass_context(lambda context, word: f"{word} in {context['name']}"),
        env_name=jinja2.pass_environment(lambda environment, word: f"{word}/{environment.autoescape}"),
        autoescaped=jinja2.pass_eval_context(lambda eval_context, word: f"{word}:{eval_context.autoescape}"),
        box=Box(), tell=Teller(),
        counter=iter([1, 2]).__next__,  # a built-in: called plainly
    )
    return env.from_string(TEMPLATE).render(words=["một", "hai"], name="trang")


def test_quick_context_renders_what_jinjas_own_renders() -> None:
    expected = _render(None)
    assert "một in trang" in expected and "MỘT" in expected and "một@trang" in expected
    assert _render(_Context) == expected


def test_a_callable_that_stops_iteration_is_undefined_as_in_jinja() -> None:
    env = jinja2.Environment(undefined=jinja2.Undefined)
    env.context_class = _Context
    empty = iter([]).__next__
    assert env.from_string("[{{ f() }}]").render(f=empty) == "[]"
