"""The ``bienban`` command: check, build, serve, new.  Messages are in Vietnamese."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sys
from pathlib import Path, PurePosixPath

import click

from . import click_vi, pipeline
from .language.text import identity_key, record_id
from .pipeline import Preview, SiteBuildError, build_site, check, engine_name, load_engine
from .problems import Report, ReportedErrors
from .project import Project
from .publish.write import GENERATED_ROOTS, MANIFEST, generated_entries
from .serve import port_problem, serve

HOST = "127.0.0.1:8000"

click_vi.install()  # Click's own headings and usage errors in Vietnamese too


def _show_mkdocs_warnings() -> None:
    """While serving, MkDocs' warnings (a broken link in a hand-written page…) are
    shown as they come; its notice that a preview build is "dirty" is ours to know."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mkdocs: %(message)s"))
    handler.setLevel(logging.WARNING)
    handler.addFilter(lambda record: not record.getMessage().startswith("A 'dirty' build"))
    logging.getLogger("mkdocs").addHandler(handler)


def _print_report(report: Report) -> None:
    for line in report.shown():
        click.echo(line, err=True)


def _summary(report: Report, records: int | None = None, what: str = "lỗi") -> str:
    return report.summary(records, what)


@click.group(cls=click_vi.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Thư mục dự án (nơi có mkdocs.yml).")
@click.pass_context
def cli(ctx: click.Context, project_dir: Path) -> None:
    """bienban: biến các bản ghi hội nghị công tác dân vận thành một trang web."""
    ctx.obj = Project(project_dir.resolve())
    try:
        load_engine(ctx.obj)  # a wrong choice is said now, not after the pages are generated
    except SiteBuildError as exc:
        for message in exc.messages:
            click.echo(message, err=True)
        sys.exit(1)


@cli.command("check")
@click.pass_obj
def check_command(project: Project) -> None:
    """Kiểm tra mọi bản ghi, không ghi gì."""
    site, report = check(project)
    _print_report(report)
    count = len(site.meetings) if site else 0
    if report.errors:
        click.echo(f"Có lỗi: {_summary(report)}. Hãy sửa rồi chạy lại.", err=True)
        sys.exit(1)
    click.echo(f"Kiểm tra xong: {_summary(report, count)}.")


@cli.command("build")
@click.option("--incremental", is_flag=True,
              help="Chỉ dựng lại các trang thay đổi (để xem trước; bản phát hành hãy dựng đầy đủ).")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục trang web đầu ra (mặc định: site/, hoặc site-offline/ với --offline).")
@click.option("--offline", is_flag=True,
              help="Dựng bản sao đọc từ thư mục hoặc USB, không cần máy chủ (mặc định vào site-offline/).")
@click.pass_obj
def build_command(project: Project, incremental: bool, site_dir: Path | None, offline: bool) -> None:
    """Sinh các trang từ bản ghi rồi dựng trang web vào site/."""
    if offline and incremental:
        raise click.UsageError("--offline luôn dựng đầy đủ: bỏ --incremental.")
    try:
        result = build_site(project, site_dir, incremental=incremental, offline=offline)
    except ReportedErrors as exc:
        _print_report(exc.report)
        click.echo(f"Không dựng trang web: {_summary(exc.report, what=exc.what)}. Trang web cũ được giữ nguyên.", err=True)
        sys.exit(1)
    except SiteBuildError as exc:
        if exc.report is not None:
            _print_report(exc.report)  # the generation's warnings may say why
        for message in exc.messages:
            click.echo(f"mkdocs: {message}", err=True)
        click.echo(_site_failure(exc), err=True)
        sys.exit(2)
    _print_report(result.generate.report)
    gen = result.generate
    click.echo(
        f"Đã dựng {result.site_dir}: {gen.meetings} hội nghị, {gen.pages} trang sinh ra "
        f"({len(gen.write.written)} thay đổi, {len(gen.write.removed)} xóa); "
        f"sinh trang {gen.seconds:.1f} giây, {engine_name()} {result.mkdocs_seconds:.1f} giây."
    )


#: How MkDocs names the page a warning is about: "Doc file 'nam/2017.md' contains a link …".
_DOC_FILE = re.compile(r"Doc file '([^']+)'")


def _site_failure(exc: SiteBuildError) -> str:
    """What to do when MkDocs refused the pages.  Most often a hand-written page has a
    broken link; a page of the generated folders that this run did not write (it was
    not in the manifest, so it was taken for a hand-written one and kept, with a
    warning) is an earlier run's, stale."""
    named = {match.group(1) for message in exc.messages if (match := _DOC_FILE.search(message))}
    warned = {problem.path for problem in exc.report.problems} if exc.report is not None else set()
    stale = sorted(page for page in named
                   if PurePosixPath(page).parts[0] in GENERATED_ROOTS and f"docs/{page}" in warned)
    if not stale:
        return ("MkDocs không dựng được trang web (xem các dòng trên: thường là một liên kết hỏng "
                "trong trang viết tay ở docs/). Trang web cũ được giữ nguyên.")
    shown = ", ".join(f"docs/{page}" for page in stale[:3]) + (f" và {len(stale) - 3} tệp khác" if len(stale) > 3 else "")
    return (f"MkDocs không dựng được trang web: liên kết hỏng nằm ở {shown}. Các tệp đó ở trong thư mục dành "
            f"cho trang sinh tự động nhưng không có trong danh sách tệp bienban đã tạo (docs/{MANIFEST}), nên "
            "bienban không ghi đè (xem cảnh báo ở trên): thường đó là trang cũ của một lần dựng trước, khi danh "
            "sách bị mất hay thư mục docs/ được chép từ nơi khác. Nếu trong các thư mục sinh tự động không có "
            "trang nào bạn tự viết, hãy chạy “bienban clean” rồi dựng lại. Trang web cũ được giữ nguyên.")


@cli.command("serve")
@click.option("--addr", metavar="ĐỊA_CHỈ", default=HOST, show_default=True, help="Địa chỉ phục vụ.")
@click.pass_obj
def serve_command(project: Project, addr: str) -> None:
    """Sinh trang, phục vụ tại http://127.0.0.1:8000 và tự cập nhật khi bản ghi thay đổi."""
    host, _, port = addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(f"“{addr}” không phải địa chỉ dạng 127.0.0.1:8000", param_hint="--addr")
    busy = port_problem(host.strip("[]"), int(port))
    if busy:
        click.echo(f"Không phục vụ được tại {addr} ({busy}); hãy chọn địa chỉ hoặc cổng khác, "
                   f"ví dụ: bienban serve --addr 127.0.0.1:{int(port) + 1}", err=True)
        sys.exit(1)
    preview = Preview(project)
    try:
        result = preview.generate()
    except ReportedErrors as exc:
        _print_report(exc.report)
        click.echo(f"Không thể phục vụ: {_summary(exc.report, what=exc.what)}.", err=True)
        sys.exit(1)
    _print_report(result.report)
    _show_mkdocs_warnings()
    click.echo("Đang dựng trang web để xem trước…", err=True)
    # The preview is a dirty build: after the first full one only changed pages
    # are rebuilt (never publish it: `bienban build` makes the real site).
    serve(project, host.strip("[]"), int(port), preview,
          on_ready=lambda url: click.echo(f"Mở {url} trong trình duyệt. Nhấn Ctrl+C để dừng.", err=True))


#: The scaffold of `bienban new`, in the form `bienban fmt` keeps (the contract's key order).
NEW_RECORD = """\
---
title: {title}
date: {date}
kind: {kind}
format: trực tiếp
summary:
organizer: {organizer}
location:
provinces: []
source:
  title:
  url:
  publisher:
  published:
participants:
- name:
  position:
  role: chủ trì
findings: []
shortcomings: []
directives: []
documents: []
topics: []
---

Ghi chú thêm (không bắt buộc).
"""


#: The body most meetings are organised by, as first named; later names come from
#: the registry's successions (Ban Tuyên giáo và Dân vận Trung ương from 2025).
CENTRAL_BOARD = "Ban Dân vận Trung ương"


def _named_on(project: Project, name: str, day: dt.date) -> str:
    """``name`` as the registry's successions say the body was called on ``day``."""
    bodies = {identity_key(body.name): body
              for _, _, body in pipeline.registry(project).organizations}
    seen: set[str] = set()
    while (body := bodies.get(identity_key(name))) and body.successor and name not in seen:
        seen.add(name)
        start = body.successor.start
        if day < (start if isinstance(start, dt.date) else dt.date(start, 1, 1)):
            break
        name = body.successor.name
    return name


def _day_given(when: str | None) -> dt.date | None:
    """The day ``--date`` gives (None: not given); one that is no day stops the command,
    said as ``check`` says it of a record's date."""
    from .records.schema import parse_date

    if not when:
        return None
    try:
        return parse_date(when)
    except ValueError as exc:
        click.echo(f"lỗi: “--date”: {exc}", err=True)
        sys.exit(1)


@cli.command("new")
@click.argument("title", metavar="TÊN_HỘI_NGHỊ")
@click.option("--date", "when", metavar="NGÀY", default=None,
              help="Ngày họp (2018-07-12 hoặc 12/7/2018); mặc định hôm nay.")
@click.option("--kind", metavar="LOẠI", default="Giao ban", show_default=True, help="Loại hội nghị.")
@click.pass_obj
def new_command(project: Project, title: str, when: str | None, kind: str) -> None:
    """Tạo một bản ghi mới trong records/NĂM/ với ngày hôm nay."""
    day = _day_given(when) or dt.date.today()
    # The file name is the record's id: the id of a record without an `id:` key is
    # slug(file name), so the name is made by that same function (and its 80-character
    # cut), and `related:` can use the file name as it is.
    name = record_id(day, title)
    path = project.records / str(day.year) / f"{name}.md"
    if path.exists():
        click.echo(f"Đã có tệp {path.relative_to(project.root)}; không ghi đè.", err=True)
        sys.exit(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    import yaml

    def scalar(value: str) -> str:
        return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()

    organizer = _named_on(project, CENTRAL_BOARD, day)
    path.write_text(NEW_RECORD.format(title=scalar(title), date=day.isoformat(), kind=scalar(kind),
                                      organizer=scalar(organizer)),
                    encoding="utf-8")
    click.echo(f"Đã tạo {path.relative_to(project.root).as_posix()}. Điền các mục rồi chạy “bienban check”.")


@cli.command("draft")
@click.argument("article", metavar="BÀI_BÁO", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--date", "when", metavar="NGÀY", default=None,
              help="Ngày họp (2018-07-12 hoặc 12/7/2018) nếu bài không ghi rõ.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi bản nháp (mặc định: records/ của dự án; tệp đặt trong thư mục năm).")
@click.pass_obj
def draft_command(project: Project, article: Path, when: str | None, out_dir: Path | None) -> None:
    """Đọc một bài báo (tệp văn bản) và viết bản nháp bản ghi, có ghi chú “# TODO kiểm tra”."""
    from .editors.draft import TODO, check_draft, draft_article, draft_path, knowledge_of, read_article, render
    from .problems import LoadError
    day = _day_given(when)
    try:
        text = read_article(article)
    except LoadError as exc:
        click.echo(f"{article}:{exc.line}: lỗi: {exc.message}", err=True)
        sys.exit(1)
    draft = draft_article(text, knowledge_of(project.records), day)
    if draft.date is None:
        click.echo(f"{article}: không tìm thấy ngày họp hay ngày đăng trong bài; hãy cho ngày bằng --date 12/7/2018.",
                   err=True)
        sys.exit(1)
    path = draft_path(draft, out_dir or project.records)
    shown = path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)
    if path.exists():
        click.echo(f"Đã có tệp {shown}; không ghi đè.", err=True)
        sys.exit(1)
    content = render(draft, article.name)
    problems = check_draft(content, shown)
    for problem in problems:
        click.echo(str(problem), err=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    todos = content.count(TODO) - 1  # the body's note names the marker once
    click.echo(f"Đã tạo bản nháp {shown} ({len(draft.participants)} người, {len(draft.documents)} văn bản, "
               f"{len(draft.items)} mục; {todos} chỗ “{TODO}”). Hãy đối chiếu với bài viết, sửa các chỗ đó "
               "rồi chạy “bienban check”.")


@cli.command("schema")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi vào tệp này thay vì in ra (ví dụ docs/assets/schema/ban-ghi.schema.json).")
def schema_command(out_file: Path | None) -> None:
    """In JSON Schema của bản ghi (cho VS Code và các trình soạn thảo khác)."""
    from .editors.json_schema import schema_text

    text = schema_text()
    if out_file is None:
        click.echo(text, nl=False)
        return
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(text, encoding="utf-8")
    click.echo(f"Đã ghi {out_file}.", err=True)


@cli.command("fmt")
@click.argument("paths", metavar="[BẢN_GHI]...", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--check", "check_only", is_flag=True,
              help="Không ghi gì; báo các tệp chưa đúng dạng chuẩn (thoát với mã 1 nếu có).")
@click.pass_obj
def fmt_command(project: Project, paths: tuple[Path, ...], check_only: bool) -> None:
    """Viết lại bản ghi theo dạng chuẩn, giữ nguyên ghi chú và phần nội dung Markdown."""
    from .editors.fmt import format_record
    from .problems import FormatError
    from .records.loader import RECORD_SUFFIXES, find_record_files

    files: list[Path] = []
    for path in paths or (project.records,):
        if path.is_dir():
            files.extend(find_record_files(path))
        elif path.suffix.lower() in RECORD_SUFFIXES:
            files.append(path)
    changed, broken = [], 0
    for path in files:
        shown = path.resolve().relative_to(project.root).as_posix() \
            if path.resolve().is_relative_to(project.root) else str(path)
        try:
            result = format_record(path.read_bytes(), path.suffix)
        except FormatError as exc:
            broken += 1
            click.echo(f"{shown}:{exc.line}: lỗi: {exc.message} (tệp chưa được định dạng)", err=True)
            continue
        if not result.changed:
            continue
        changed.append(shown)
        if check_only:
            click.echo(f"{shown}: chưa đúng dạng chuẩn; chạy “bienban fmt {shown}” để sửa.", err=True)
        else:
            path.write_text(result.text, encoding="utf-8")
            click.echo(f"Đã định dạng {shown}.")
    verb = "cần định dạng lại" if check_only else "đã định dạng lại"
    click.echo(f"{len(files)} tệp: {len(changed)} {verb}, {broken} có lỗi.", err=check_only and bool(changed))
    if broken or (check_only and changed):
        sys.exit(1)


@cli.command("clean")
@click.pass_obj
def clean_command(project: Project) -> None:
    """Xóa các trang sinh ra trong docs/ và trang web đã dựng; bản ghi và trang viết tay giữ nguyên."""
    removed = [path for path in [*generated_entries(project.docs), *project.built_sites()] if path.exists()]
    for path in removed:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    shown = ", ".join(path.relative_to(project.root).as_posix() for path in removed)
    click.echo(f"Đã xóa {shown}." if removed else "Không có gì để xóa.")


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # never a traceback for editors
        if os.environ.get("BIENBAN_DEBUG"):
            raise
        click.echo(f"bienban: lỗi không mong đợi: {exc.__class__.__name__}: {exc}", err=True)
        click.echo("Hãy báo lỗi này cho người quản trị (chạy lại với BIENBAN_DEBUG=1 để xem chi tiết).",
                   err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
