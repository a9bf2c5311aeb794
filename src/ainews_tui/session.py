"""One run of ainews: resolved paths, settings, and the two databases opened on demand."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .config import Settings, load_settings
from .ingest.running import sync_at_work
from .model import SyncReport
from .paths import AppPaths
from .store.library import Library
from .store.state import StateStore

if TYPE_CHECKING:
    from .ingest.folder_sync import ProgressCallback
    from .ingest.indexing import IndexCallback
    from .ingest.watch import WatchedFolder


@dataclass
class Session:
    paths: AppPaths
    settings: Settings
    _state: StateStore | None = field(default=None, repr=False)
    _library: Library | None = field(default=None, repr=False)
    on_notice: Callable[[str], None] | None = field(default=None, repr=False)
    """Told things the user should know, such as library.db having been recreated."""

    @classmethod
    def load(cls, config: str | None = None, data_dir: str | None = None) -> Session:
        paths = AppPaths.resolve(config, data_dir)
        return cls(paths, load_settings(paths.config_file))

    @property
    def state(self) -> StateStore:
        if self._state is None:
            self._state = StateStore.open(self.paths.state_db)
        return self._state

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = Library.open(self.paths.library_db, self.state)
            if self._library.recreated_reason and self.on_notice:
                self.on_notice(self._library.recreated_reason)
            self._library.keep_only_sources([s.id for s in self.settings.sources])
        return self._library

    def needs_sync(self) -> bool:
        """True when a configured source has never been synced (first use, or just added)."""
        synced = {s.id for s in self.library.source_stats() if s.last_sync}
        return any(s.id not in synced for s in self.settings.sources)

    def sync(
        self,
        progress: ProgressCallback | None = None,
        only: Collection[str] | None = None,
        *,
        on_browsable: Callable[[], None] | None = None,
        on_indexing: IndexCallback | None = None,
    ) -> SyncReport:
        """Sync every source, or only those whose ids are in `only`: the posts first
        (`on_browsable` is called once they are all listed), then the search index
        (`on_indexing` hears how far it is)."""
        # Imported here: the sync pipeline (process pools, feeds, parsers) costs the
        # reader's start-up a tenth of a second it does not need until `R`.
        from .ingest.sync import sync_sources

        with sync_at_work(self.paths.data_dir):
            report = sync_sources(
                self.settings,
                self.paths,
                self.library,
                progress=progress,
                only=only,
                on_browsable=on_browsable,
                on_indexing=on_indexing,
            )
        self.share_story_state()
        return report

    def share_story_state(self) -> None:
        """Give stories the read/star state of copies marked before stories existed (or
        imported from such an export), so their other copies show it too. A read of
        library.db, then one short write to state.db: never inside a sync transaction."""
        self.state.merge(self.library.unshared_story_state())

    def sync_watched(self, folder: WatchedFolder) -> SyncReport | None:
        """Re-read a watched folder that changed; None when its source is no longer
        configured."""
        from .ingest.sync import sync_watched_folder

        source = self.settings.source(folder.source_id)
        if source is None:
            return None
        with sync_at_work(self.paths.data_dir):
            return sync_watched_folder(source, folder.root, self.settings, self.library)

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None
        if self._state is not None:
            self._state.close()
            self._state = None
