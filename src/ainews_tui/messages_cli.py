"""The command line's messages, English and Chinese (ids `cli.*`); `i18n.MESSAGES`
joins them with the reader's."""

CLI_MESSAGES: dict[str, tuple[str, str]] = {
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
    # The word `browsable` stays in both languages: scripts and the benchmark wait for it.
    "cli.sync.browsable": (
        "browsable: {posts} posts, {stories} stories in {seconds} s; building the search index…",
        "browsable：{posts} 篇文章、{stories} 条新闻已可浏览（{seconds} 秒）；正在建立搜索索引…",
    ),
    "cli.sync.browsable.indexed": (
        "browsable: {posts} posts, {stories} stories in {seconds} s",
        "browsable：{posts} 篇文章、{stories} 条新闻已可浏览（{seconds} 秒）",
    ),
    "cli.sync.indexing": ("search index", "搜索索引"),
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
    "cli.search.waiting": (
        "waiting for the running sync to finish the search index ({percent} % done)…",
        "正在等待同步建完搜索索引（已完成 {percent}%）…",
    ),
    "cli.search.incomplete": (
        "the search index is incomplete ({percent} % of posts indexed), so results may "
        "be missing; `ainews sync` completes it",
        "搜索索引尚未建完（已索引 {percent}% 的文章），结果可能不全；运行 `ainews sync` 即可补全",
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
}
