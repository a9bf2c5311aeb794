"""Every string ainews shows (reader and CLI), in English and Chinese, and date formats.

Widgets never hold literal UI text: they ask a `Catalogue` for a message id, so the two
languages cannot drift apart (a test checks both have the same ids and placeholders).
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Language = Literal["en", "zh"]

MESSAGES: dict[str, tuple[str, str]] = {
    # command line: table headers (piped TSV headers stay English for scripts)
    "cli.col.date": ("date", "日期"),
    "cli.col.headline": ("headline", "标题"),
    "cli.col.title": ("title", "标题"),
    "cli.col.source": ("source", "来源"),
    "cli.col.also_in": ("also in", "另见"),
    "cli.col.key": ("key", "键"),
    "cli.col.items": ("items", "条目"),
    "cli.col.id": ("id", "id"),
    "cli.col.name": ("name", "名称"),
    "cli.col.kind": ("kind", "类型"),
    "cli.col.posts": ("posts", "文章"),
    "cli.col.last_sync": ("last sync", "上次同步"),
    "cli.col.last_error": ("last error", "上次错误"),
    "cli.never": ("never", "从未"),
    # command line: sync
    "cli.sync.summary": (
        "new {new} · updated {updated} · unchanged {unchanged} · skipped {skipped} · "
        "removed {removed}",
        "新增 {new} · 更新 {updated} · 未变 {unchanged} · 跳过 {skipped} · 移除 {removed}",
    ),
    "cli.sync.skipped": ("  skipped {where}: {reason}", "  已跳过 {where}：{reason}"),
    "cli.sync.warning": ("  warning {warning}", "  警告 {warning}"),
    "cli.sync.failed": ("  failed {name}: {reason}", "  失败 {name}：{reason}"),
    "cli.sync.progress": ("syncing {name}", "正在同步 {name}"),
    "cli.sync.source_failed": ("source {name} failed: {reason}", "来源 {name} 同步失败：{reason}"),
    "cli.busy": (
        "the library stayed busy in another process for 10 s; try again",
        "资料库被另一个进程占用了 10 秒；请重试",
    ),
    "cli.interrupted": ("interrupted", "已中断"),
    # command line: keys, lists, search
    "cli.no_key": (
        "no post or item has the key {key} (see `ainews list --items`)",
        "没有键为 {key} 的文章或新闻（见 `ainews list --items`）",
    ),
    "cli.no_source": (
        "no source named {name} (see `ainews sources`)",
        "没有名为 {name} 的来源（见 `ainews sources`）",
    ),
    "cli.not_date": (
        "{flag} {text} is not a date like 2025-12-02",
        "{flag} {text} 不是形如 2025-12-02 的日期",
    ),
    "cli.no_match.items": ("no items match", "没有匹配的新闻"),
    "cli.no_match.posts": ("no posts match", "没有匹配的文章"),
    "cli.no_category": (
        "nothing has the category or tag {category} (see the categories in the reader's sidebar)",
        "没有分类或标签为 {category} 的内容（分类见阅读器侧栏）",
    ),
    "cli.whole_post": ("the whole post: ainews show {key}", "整篇文章：ainews show {key}"),
    "cli.undated": ("undated", "无日期"),
    # command line: open, mark, state
    "cli.no_link": ("{key} has no link to open", "{key} 没有可打开的链接"),
    "cli.not_web": (
        "refusing to open {url}: only http and https links open",
        "拒绝打开 {url}：只打开 http 和 https 链接",
    ),
    "cli.opened": ("opened {url}", "已打开 {url}"),
    "cli.marked.read": ("marked {count} as read", "已将 {count} 项标为已读"),
    "cli.marked.unread": ("marked {count} as unread", "已将 {count} 项标为未读"),
    "cli.marked.star": ("marked {count} as star", "已为 {count} 项加星标"),
    "cli.marked.unstar": ("marked {count} as unstar", "已取消 {count} 项的星标"),
    "cli.exported": (
        "wrote {count} state entries to {file}",
        "已将 {count} 条阅读/星标状态写入 {file}",
    ),
    "cli.merged": ("merged {count} changed entries from {file}", "已从 {file} 合并 {count} 条变更"),
    "cli.cannot_read": ("cannot read {file}: {reason}", "无法读取 {file}：{reason}"),
    "cli.refused": (
        "refused {count} entries of {file}: {reasons}",
        "拒绝了 {file} 中的 {count} 条：{reasons}",
    ),
    "cli.refused_times": (
        "{count} with a time before 2000 or later than tomorrow",
        "{count} 条时间早于 2000 年或晚于明天",
    ),
    "cli.refused_keys": (
        "{count} with a key longer than {limit} bytes",
        "{count} 条键长超过 {limit} 字节",
    ),
    # command line: export roundup
    "cli.roundup.empty": (
        "no stories match; nothing was written",
        "没有匹配的新闻，未写入任何内容",
    ),
    "cli.roundup.wrote": (
        "wrote {count} stories to {file}",
        "已将 {count} 条新闻写入 {file}",
    ),
    "cli.cannot_write": ("cannot write {file}: {reason}", "无法写入 {file}：{reason}"),
    # command line: sources
    "cli.added": ("added {name} (id {id}) to {config}", "已将 {name}（id {id}）添加到 {config}"),
    "cli.added.feed": (
        "added {name} (id {id}, {entries} entries) to {config}",
        "已将 {name}（id {id}，{entries} 篇）添加到 {config}",
    ),
    "cli.added.found": ("  feed found on the page: {url}", "  在页面上找到的订阅源：{url}"),
    "cli.added.also": ("  the page also links to {url}", "  该页面还链接到 {url}"),
    "cli.added.no_markdown": (
        "{folder} holds no file matching {glob} yet; nothing will show until it does",
        "{folder} 中还没有匹配 {glob} 的文件；在此之前不会显示任何内容",
    ),
    "cli.add.same": (
        "{folder} is already the source {name} (id {id})",
        "{folder} 已经是来源 {name}（id {id}）",
    ),
    "cli.add.inside": (
        "{folder} lies inside the source {name} (id {id}, {path}): its posts would be read twice",
        "{folder} 位于来源 {name}（id {id}，{path}）之内：其中的文章会被读取两次",
    ),
    "cli.add.around": (
        "{folder} holds the source {name} (id {id}, {path}): its posts would be read twice",
        "{folder} 包含来源 {name}（id {id}，{path}）：其中的文章会被读取两次",
    ),
    "cli.add.feed_known": (
        "{url} is already the source {name} (id {id})",
        "{url} 已经是来源 {name}（id {id}）",
    ),
    "cli.add.no_folder": ("{location}: no such folder", "{location}：没有这个文件夹"),
    "cli.add.not_folder": (
        "{location}: not a folder (give the folder that holds the posts)",
        "{location}：不是文件夹（请给出存放文章的文件夹）",
    ),
    "cli.add.empty": (
        "give a folder or a feed URL to add; the argument was empty",
        "请给出要添加的文件夹或订阅网址；参数为空",
    ),
    "cli.add.scheme": (
        "{location}: only http and https feed URLs are supported",
        "{location}：只支持 http 和 https 订阅源地址",
    ),
    "cli.add.feed_failed": ("cannot add {url}: {reason}", "无法添加 {url}：{reason}"),
    "cli.add.branch_not_git": (
        "--branch is for git sources (add --git, or a URL ending in .git)",
        "--branch 只用于 git 来源（加上 --git，或给出以 .git 结尾的地址）",
    ),
    "cli.add.glob_feed": (
        "--glob is for folder and git sources; a feed has no files to choose",
        "--glob 只用于文件夹和 git 来源；订阅源没有可选的文件",
    ),
    "cli.add.no_repo": (
        "{location}: no such repository folder",
        "{location}：没有这个仓库文件夹",
    ),
    "cli.add.no_repo_implied": (
        "{location}: no such repository folder (a name ending in .git is read as a git repository)",
        "{location}：没有这个仓库文件夹（以 .git 结尾的名字按 git 仓库处理）",
    ),
    "cli.add.git_scheme": (
        "{location}: {scheme}:// is not a git transport ainews uses (https, ssh, git, file)",
        "{location}：ainews 不用 {scheme}:// 传输 git（可用 https、ssh、git、file）",
    ),
    "cli.add.cloning": ("cloning {url}", "正在克隆 {url}"),
    "cli.added.git": (
        "added {name} (id {id}, git, {posts} files matching {glob} in {where}) to {config}",
        "已将 {name}（id {id}，git，{where}中有 {posts} 个匹配 {glob} 的文件）添加到 {config}",
    ),
    "cli.added.git_root": ("the repository root", "仓库根目录"),
    "cli.id_taken": (
        "the id {id} is already the source {name}",
        "id {id} 已被来源 {name} 使用",
    ),
    "cli.opml.added": (
        "added {added} feeds from {file} ({known} already sources); `ainews sync` fetches them",
        "已从 {file} 添加 {added} 个订阅源（{known} 个已是来源）；`ainews sync` 会抓取它们",
    ),
    "cli.opml.empty": (
        "{file} lists no feed (no outline with an http xmlUrl)",
        "{file} 中没有订阅源（没有带 http xmlUrl 的 outline）",
    ),
    "cli.opml.bad": ("{file}: {reason}", "{file}：{reason}"),
    "cli.opml.wrote": ("wrote {count} feeds to {file}", "已将 {count} 个订阅源写入 {file}"),
    "cli.removed": (
        "removed {name} (id {id}) from {config}; {posts} posts left the library, "
        "their read and star state stays for when a source with id {id} comes back",
        "已从 {config} 移除 {name}（id {id}）；{posts} 篇文章已移出资料库，"
        "其阅读和星标状态会保留，等 id 为 {id} 的来源回来时恢复",
    ),
    "cli.renamed": (
        "renamed {id}: {old} → {new} (keys unchanged)",
        "已重命名 {id}：{old} → {new}（键不变）",
    ),
    "cli.empty_name": ("a source needs a name that is not empty", "来源名称不能为空"),
    "cli.ambiguous_source": (
        "more than one source is named {name}; give its id ({ids})",
        "有多个来源名为 {name}；请给出 id（{ids}）",
    ),
    "cli.samples_only": (
        "the bundled samples are shown until you add a source; they cannot be removed",
        "在你添加来源之前显示内置示例；示例无法移除",
    ),
    # command line: config
    "cli.config.exists": (
        "{path} already exists; edit it or remove it first",
        "{path} 已存在；请编辑或先删除它",
    ),
    "cli.config.file": ("config: {path}", "配置：{path}"),
    "cli.config.absent": (
        "config: {path} (absent: defaults)",
        "配置：{path}（不存在：使用默认值）",
    ),
    "cli.config.data": ("data:   {path}", "数据：{path}"),
    "cli.config.wrote": ("wrote {path}", "已写入 {path}"),
    # sidebar
    "view.all": ("All", "全部"),
    "view.unread": ("Unread", "未读"),
    "view.starred": ("Starred", "星标"),
    "view.today": ("Today", "今天"),
    "view.covered": ("Most covered", "多家报道"),
    "view.search": ("Search: {query}", "搜索：{query}"),
    "sidebar.dates": ("Dates", "日期"),
    "sidebar.categories": ("Categories", "分类"),
    "sidebar.sources": ("Sources", "来源"),
    "sidebar.views": ("Views", "视图"),
    "sidebar.legend": ("unread/total", "未读/总数"),
    # list
    "list.title.items": ("Stories", "新闻"),
    "list.title.posts": ("Posts", "文章"),
    "list.unread_only": ("unread only", "仅未读"),
    "list.empty": ("Nothing here.", "这里什么也没有。"),
    "list.empty.hint": (
        "Add a source with `ainews add PATH`, or press R to sync.",
        "用 `ainews add 路径` 添加来源，或按 R 同步。",
    ),
    "list.empty.filtered": ("No stories in this view.", "此视图中没有新闻。"),
    "list.loading": ("loading…", "加载中…"),
    "list.count": ("{count} stories", "{count} 条"),
    "list.count.one": ("1 story", "1 条"),
    "list.count.posts": ("{count} posts", "{count} 篇"),
    "list.count.posts.one": ("1 post", "1 篇"),
    "list.no_date": ("no date", "无日期"),
    "list.items_in_post": ("{count} stories", "{count} 条新闻"),
    # reader
    "reader.empty": ("Select a story to read it.", "选择一条新闻开始阅读。"),
    "reader.rendering": ("Rendering…", "正在排版…"),
    "reader.missing": ("This post is no longer in the library.", "这篇文章已不在库中。"),
    "reader.date": ("Date", "日期"),
    "reader.categories": ("Categories", "分类"),
    "reader.authors": ("Authors", "作者"),
    "reader.link": ("Link", "链接"),
    "reader.source": ("Source", "来源"),
    "reader.draft": ("draft", "草稿"),
    "reader.field": ("{label}: ", "{label}："),
    "reader.links": ("Links", "链接"),
    "reader.also_in": ("Also in {count} other digests:", "另有 {count} 份日报报道："),
    "reader.also_in.one": ("Also in 1 other digest:", "另有 1 份日报报道："),
    # search
    "search.placeholder": (
        'Search: words, "phrase", tag:, source:, is:unread, after:2025-12-01',
        '搜索：关键词、"短语"、tag:、source:、is:unread、after:2025-12-01',
    ),
    "search.unavailable": ("Search is not available yet.", "搜索功能尚不可用。"),
    "search.error": ("Search: {error}", "搜索：{error}"),
    "search.results": ("{count} results", "{count} 条结果"),
    "search.results.one": ("1 result", "1 条结果"),
    # bindings (footer and help)
    "key.down": ("Down", "下移"),
    "key.up": ("Up", "上移"),
    "key.next_pane": ("Next pane", "下一窗格"),
    "key.prev_pane": ("Previous pane", "上一窗格"),
    "key.show": ("Show", "显示"),
    "key.page_down": ("Page down", "下一页"),
    "key.page_up": ("Page up", "上一页"),
    "key.next_unread": ("Next unread", "下一条未读"),
    "key.prev_unread": ("Previous unread", "上一条未读"),
    "key.open": ("Open link", "打开链接"),
    "key.follow": ("Follow link N", "打开第 N 个链接"),
    "key.copy": ("Copy link", "复制链接"),
    "key.read": ("Read/unread", "已读/未读"),
    "key.star": ("Star", "星标"),
    "key.mark_all": ("Mark view read", "全部标为已读"),
    "key.unread_only": ("Unread only", "仅未读"),
    "key.search": ("Search", "搜索"),
    "key.sync": ("Sync", "同步"),
    "key.view_mode": ("Items/posts", "新闻/文章"),
    "key.help": ("Help", "帮助"),
    "key.palette": ("Commands", "命令"),
    "key.quit": ("Quit", "退出"),
    "key.sidebar": ("Sidebar", "侧栏"),
    "key.zoom": ("Zoom reader", "全屏阅读"),
    "key.clear": ("Back / clear search", "返回 / 清除搜索"),
    "key.first": ("First", "第一条"),
    "key.last": ("Last", "最后一条"),
    "key.expand": ("Expand (sidebar)", "展开（侧栏）"),
    "key.collapse": ("Collapse (sidebar)", "折叠（侧栏）"),
    "key.next_post": ("Next post", "下一篇文章"),
    "key.prev_post": ("Previous post", "上一篇文章"),
    "key.undo_mark_all": ("Undo mark view read", "撤销全部已读"),
    "key.focus_sidebar": ("Go to the sidebar", "转到侧栏"),
    "key.next_copy": ("Other digest's copy", "其他日报的同一新闻"),
    # help screen
    "help.title": ("Keys", "按键"),
    "help.key": ("Key", "按键"),
    "help.action": ("Action", "操作"),
    "help.close": ("Press esc or ? to close.", "按 esc 或 ? 关闭。"),
    "help.query": ("Search syntax", "搜索语法"),
    "help.example": ("Query", "查询"),
    "help.finds": ("Finds", "查找"),
    "help.q.words": ("all of these words", "包含所有这些词"),
    "help.q.phrase": ("this exact phrase", "包含这个完整短语"),
    "help.q.not": ("without this word", "不包含这个词"),
    "help.q.tag": ("in a category or tag", "属于某个分类或标签"),
    "help.q.source": ("from a source", "来自某个来源"),
    "help.q.is": ("unread or starred stories", "未读或星标的新闻"),
    "help.q.dates": ("on, after or before a date", "在某日期、之后或之前"),
    "help.read_rule": (
        "A story is read after {seconds} s in the reader, or on enter, o, r or A.",
        "新闻在阅读区停留 {seconds} 秒后、或按 enter、o、r、A 时标为已读。",
    ),
    "help.read_rule.never": (
        "A story is read on enter, o, r or A.",
        "按 enter、o、r、A 时新闻标为已读。",
    ),
    # confirm
    "confirm.mark_all": (
        "Mark all {count} stories in this view as read?",
        "将此视图中的 {count} 条新闻全部标为已读？",
    ),
    "confirm.yes": ("Mark read", "标为已读"),
    "confirm.no": ("Cancel", "取消"),
    # notifications
    "notify.no_link": ("This story has no link.", "这条新闻没有链接。"),
    "notify.no_copies": (
        "No other digest carries this story.",
        "没有其他日报报道这条新闻。",
    ),
    "notify.bad_link": (
        "Not opened: only http and https links are opened ({url}).",
        "未打开：只会打开 http 和 https 链接（{url}）。",
    ),
    "notify.opened": ("Opened {url}", "已打开 {url}"),
    "notify.copied": ("Copied {url}", "已复制 {url}"),
    "notify.no_such_link": ("There is no link [{number}].", "没有第 [{number}] 个链接。"),
    "notify.follow": ("Link number…", "链接编号…"),
    "notify.marked_read": (
        "Marked {count} stories read (U undoes).",
        "已将 {count} 条新闻标为已读（按 U 撤销）。",
    ),
    "notify.unmarked": ("{count} stories are unread again.", "{count} 条新闻已恢复为未读。"),
    "notify.nothing_to_undo": ("Nothing to undo.", "没有可撤销的操作。"),
    "notify.no_links": ("This post has no links.", "这篇文章没有链接。"),
    "notify.follow.hint": (
        "Link number (1–{count}), enter to open…",
        "链接编号（1–{count}），按 enter 打开…",
    ),
    "notify.no_unread": ("No more unread stories.", "没有更多未读新闻了。"),
    "notify.theme": ("Theme: {theme}", "主题：{theme}"),
    "notify.language": ("Language: English", "语言：中文"),
    "notify.config_error": ("Could not save the config: {error}", "无法保存配置：{error}"),
    "notify.library_error": ("Library error: {error}", "库错误：{error}"),
    # sync
    "sync.running": ("Syncing {name} {done}/{total}…", "正在同步 {name} {done}/{total}…"),
    "sync.started": ("Syncing…", "正在同步…"),
    "sync.done": (
        "Synced: {new} new, {updated} updated, {removed} removed.",
        "同步完成：新增 {new}，更新 {updated}，移除 {removed}。",
    ),
    "sync.failed": ("Sync failed for {name}: {reason}", "{name} 同步失败：{reason}"),
    "sync.crashed": ("Sync failed: {error}", "同步失败：{error}"),
    "sync.busy": ("A sync is already running.", "同步已在进行中。"),
    "refresh.done": (
        "Refreshed at {time}: {new} new, {updated} updated.",
        "{time} 已刷新：新增 {new}，更新 {updated}。",
    ),
    "refresh.failed": (
        "Refreshed at {time}: {new} new; failed: {failed}",
        "{time} 已刷新：新增 {new}；失败：{failed}",
    ),
    "refresh.crashed": ("Refresh at {time} failed: {error}", "{time} 刷新失败：{error}"),
    "watch.synced": (
        "{name} changed: {new} new, {updated} updated, {removed} removed.",
        "{name} 有变化：新增 {new}，更新 {updated}，移除 {removed}。",
    ),
    "watch.failed": (
        "Cannot watch the source folders ({error}); press R to sync.",
        "无法监视来源文件夹（{error}），请按 R 同步。",
    ),
    "live.updated": ("New posts in the library.", "库中有新文章。"),
    # palette
    "cmd.goto_date": ("Go to date {day}", "跳转到日期 {day}"),
    "cmd.goto_category": ("Go to category {name}", "跳转到分类 {name}"),
    "cmd.goto_source": ("Go to source {name}", "跳转到来源 {name}"),
    "cmd.goto_view": ("Go to {name}", "跳转到 {name}"),
    "cmd.theme": ("Theme: {theme}", "主题：{theme}"),
    "cmd.language": ("Language: {name}", "语言：{name}"),
    "cmd.help.goto": ("Show this view in the list", "在列表中显示此视图"),
    "cmd.help.theme": ("Switch the theme and save it in the config", "切换主题并保存到配置"),
    "cmd.help.language": ("Switch the UI language and save it", "切换界面语言并保存"),
    "cmd.help.action": ("Key: {key}", "按键：{key}"),
    "view.undated": ("Undated", "无日期"),
    "view.drafts": ("Drafts", "草稿"),
    "lang.en": ("English", "English"),
    "lang.zh": ("中文", "中文"),
    "app.title": ("ainews", "ainews"),
}

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Catalogue:
    """UI strings and date formats for one language."""

    language: Language

    def __call__(self, message_id: str, **values: object) -> str:
        """The message in this language, with `{placeholders}` filled in."""
        en, zh = MESSAGES[message_id]
        text = zh if self.language == "zh" else en
        return text.format(**values) if values else text

    def has(self, message_id: str) -> bool:
        return message_id in MESSAGES

    def count(self, message_id: str, count: int) -> str:
        """A message with a number in it; `<id>.one` is used for exactly one."""
        if count == 1 and f"{message_id}.one" in MESSAGES:
            return self(f"{message_id}.one")
        return self(message_id, count=count)

    def short_date(self, when: datetime | date | None) -> str:
        """A compact date for list rows: `12-18` this year style is ambiguous, so always
        year-month-day in ISO order, which reads the same in both languages."""
        if when is None:
            return ""
        return when.strftime("%Y-%m-%d")

    def long_date(self, when: datetime | None) -> str:
        """The reader header's date with its time and zone."""
        if when is None:
            return self("list.no_date")
        zone = when.strftime("%z")
        zone = f"{zone[:3]}:{zone[3:]}" if zone else ""
        if self.language == "zh":
            return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M} UTC{zone}".rstrip()
        month = _MONTHS_EN[when.month - 1]
        return f"{when.day} {month} {when.year}, {when:%H:%M} UTC{zone}".rstrip()

    def month_label(self, year_month: str) -> str:
        """`2025-12` as a sidebar label."""
        month = year_month.split("-")[1]
        if self.language == "zh":
            return f"{int(month)}月"
        return _MONTHS_EN[int(month) - 1]

    def year_label(self, year: str) -> str:
        return f"{year}年" if self.language == "zh" else year

    def day_label(self, day: str) -> str:
        """`2025-12-02` as a sidebar label, with its weekday so it reads as a date."""
        when = date.fromisoformat(day)
        if self.language == "zh":
            return f"{when.month}月{when.day}日 周{'一二三四五六日'[when.weekday()]}"
        return f"{_WEEKDAYS_EN[when.weekday()]} {when.day} {_MONTHS_EN[when.month - 1]}"


def resolve_language(
    cli: str | None, configured: str | None, environ: dict[str, str] | None = None
) -> Language:
    """`--lang` wins, then the config's `language`, then the locale (zh* is Chinese)."""
    for choice in (cli, configured):
        if choice in ("en", "zh"):
            return "zh" if choice == "zh" else "en"
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if environ is None:
        current = locale.getlocale()[0] or ""
        if current.lower().startswith("zh"):
            return "zh"
    return "en"
