"""Keys handled one at a time, in the order typed, never lost.

Textual dispatches a key to the focused widget's queue and goes on with the next key at
once; a widget's own bindings (Backspace, Ctrl+U, ↓...) run later, when the key comes back
up to the app. A fast typist, or an app busy storing an answer, then sees keys overtake one
another: Enter read before the text typed just before it, a name typed right after "add"
landing on the list instead of in the new partner's name, Ctrl+U clearing the next
question. Here the app:

* runs priority bindings first, as Textual does (Enter, PgUp, PgDn, Esc of the questions);
* lets the focused widget finish the keys it was given, then runs the other bindings
  itself, in order; only text typed into an input is left to the input's own queue;
* while the screen is not ``accepting_keys`` (a question being put on screen), holds the
  keys typed and dispatches them, in order, once the new answer input has the focus.
"""

from __future__ import annotations

import asyncio
import functools

from textual import events
from textual._dispatch_key import dispatch_key
from textual.widget import Widget
from textual.widgets import Input, TextArea

#: Keys that act even while typed keys are held (quitting is never kept waiting).
UNHELD = frozenset({"ctrl+q", "ctrl+c"})


async def drained(widget: Widget | None) -> None:
    """Wait until ``widget`` has handled every message (keys) it was given so far."""
    if widget is None or not widget.is_attached:
        return
    done = asyncio.Event()
    if widget.call_later(done.set):
        await done.wait()


class KeysInOrder:
    """Mixed into the app: the key dispatch described above."""

    @functools.cached_property
    def _held(self) -> list[events.Key]:
        """Keys typed while the screen was not accepting keys, in the order typed."""
        return []

    def _holding(self) -> bool:
        return not getattr(self.screen, "accepting_keys", True)

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        held = self._held
        if event.key not in UNHELD and (held or self._holding()):
            held.append(event)
        else:
            await self._dispatch_key(event)
        await self.accept_keys()

    async def accept_keys(self) -> None:
        """The screen may be ready for keys: dispatch those held, in order."""
        held = self._held
        while held and not self._holding():
            await self._dispatch_key(held.pop(0))

    async def _dispatch_key(self, event: events.Key) -> None:
        if self.screen.maximized is not None and event.key == "escape":
            await super().on_event(event)  # Textual minimises the maximised widget
            return
        if await self._check_bindings(event.key, priority=True):
            return
        focused = self.focused
        typing = event.is_printable and isinstance(focused, (Input, TextArea))
        if not typing:
            await drained(focused)
            if await self._check_bindings(event.key):
                return
            # Its bindings were looked up here, with the focus it was typed in: when it
            # comes back up unhandled, the focus may have moved on (Enter put the next
            # question on screen) and Textual would run the new widget's binding for it —
            # a Space typed on a choice ticked the first box of the next question.
            event._advisor_bindings_checked = True  # type: ignore[attr-defined]
        (focused or self.screen)._forward_event(event)

    async def _on_key(self, event: events.Key) -> None:
        if getattr(event, "_advisor_bindings_checked", False):
            event.prevent_default()  # not App._on_key: it would look the bindings up again
            await dispatch_key(self, event)  # type: ignore[arg-type]
