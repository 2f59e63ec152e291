"""Read the running app through AT-SPI, the bus Orca reads on Linux, from another process.

Run under a real (virtual) X display with its own session bus::

    xvfb-run -a dbus-run-session -- python -m tests.atspi.check

It starts ``tests.atspi.app_side`` (the real main window, Qt's AT-SPI bridge
on), finds it under the AT-SPI registry and checks what a screen reader gets:
the step's instruction is focused text with its words; every push button
and radio button has a name, the control bar's four among them; then it presses 「次へ」 through AT-SPI's own
Action interface, as a screen reader's "activate" does, and checks that the
focus moved to the new instruction and that the app sent an announcement
(the praise) on the bus. ``ATSPI_TRACE=1`` prints what it reads;
``ATSPI_GDB=FILE`` runs the app under gdb and writes its backtrace to FILE. Only the command-line tools of D-Bus are used
(``busctl``) and Qt's own D-Bus module, nothing to install. Exit 0 when all holds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

APP_NAME = "trainer-atspi-check"
ACCESSIBLE = "org.a11y.atspi.Accessible"
FOCUSED = 12  # ATSPI_STATE_FOCUSED
SHOWING = 25  # ATSPI_STATE_SHOWING
CONTROL_BAR = {"もう一度聞く", "ヒント", "やり直す", "やめる"}


def a11y_address() -> str:
    out = subprocess.run(["busctl", "--user", "call", "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                          "GetAddress", "--json=short"], capture_output=True, text=True, check=True, timeout=20)
    return json.loads(out.stdout)["data"][0]


class Bus:
    def __init__(self, address: str) -> None:
        self.address = address

    def call(self, dest: str, path: str, iface: str, method: str, *args: str):
        out = subprocess.run(["busctl", f"--address={self.address}", "--json=short", "--", "call", dest, path, iface,
                              method, *args], capture_output=True, text=True, timeout=20)
        if out.returncode != 0:
            raise RuntimeError(f"{iface}.{method} on {path}: {out.stderr.strip()}")
        data = json.loads(out.stdout)["data"] if out.stdout.strip() else []
        return data[0] if len(data) == 1 else data

    def prop(self, dest: str, path: str, iface: str, name: str):
        out = subprocess.run(["busctl", f"--address={self.address}", "--json=short", "--", "get-property", dest, path,
                              iface, name], capture_output=True, text=True, timeout=20)
        if out.returncode != 0:
            raise RuntimeError(f"{iface}.{name} on {path}: {out.stderr.strip()}")
        return json.loads(out.stdout)["data"]


@dataclass
class Node:
    dest: str
    path: str
    role: str
    name: str
    description: str
    states: set[int]
    interfaces: list[str]
    depth: int


def read(bus: Bus, dest: str, path: str, depth: int = 0) -> Node:
    role = bus.call(dest, path, ACCESSIBLE, "GetRoleName")
    name = bus.prop(dest, path, ACCESSIBLE, "Name")
    if os.environ.get("ATSPI_TRACE"):
        print(f"{path} {role} {name[:30]!r}", file=sys.stderr, flush=True)
    states_words = bus.call(dest, path, ACCESSIBLE, "GetState")
    states = {word * 32 + bit for word, value in enumerate(states_words) for bit in range(32) if value >> bit & 1}
    return Node(dest, path, role, name, bus.prop(dest, path, ACCESSIBLE, "Description"),
                states, bus.call(dest, path, ACCESSIBLE, "GetInterfaces"), depth)


def walk(bus: Bus, dest: str, path: str, depth: int = 0, limit: int = 2000) -> list[Node]:
    """Every showing object under ``path`` (depth first)."""
    found: list[Node] = []
    stack = [(path, depth)]
    while stack and len(found) < limit:
        here, level = stack.pop()
        node = read(bus, dest, here, level)
        if level > 0 and SHOWING not in node.states:
            continue
        found.append(node)
        children = bus.call(dest, here, ACCESSIBLE, "GetChildren")
        stack.extend((child_path, level + 1) for _child_dest, child_path in reversed(children))
    return found


def find_app(bus: Bus, wait: float = 30.0) -> tuple[str, str]:
    end = time.monotonic() + wait
    while time.monotonic() < end:
        for dest, path in bus.call("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root", ACCESSIBLE,
                                   "GetChildren"):
            try:
                if bus.prop(dest, path, ACCESSIBLE, "Name") == APP_NAME:
                    return dest, path
            except RuntimeError:
                continue
        time.sleep(0.5)
    raise SystemExit(f"the app never showed up on the AT-SPI bus ({APP_NAME})")


def text_of(bus: Bus, node: Node) -> str:
    return bus.call(node.dest, node.path, "org.a11y.atspi.Text", "GetText", "ii", "0", "-1")


def press(bus: Bus, node: Node) -> None:
    count = bus.prop(node.dest, node.path, "org.a11y.atspi.Action", "NActions")
    names = [bus.call(node.dest, node.path, "org.a11y.atspi.Action", "GetName", "i", str(i)) for i in range(count)]
    index = next(i for i, n in enumerate(names) if n.lower() in ("press", "click", "activate"))
    bus.call(node.dest, node.path, "org.a11y.atspi.Action", "DoAction", "i", str(index))


def focused(nodes: list[Node]) -> Node | None:
    return next((n for n in nodes if FOCUSED in n.states), None)


class Listener:
    """Hears the app's AT-SPI events the way a screen reader does: it registers for them with
    the registry (Qt's bridge sends only the events someone listens to) and keeps the
    connection open while the check runs."""

    def __init__(self, address: str, events: tuple[str, ...]) -> None:
        from PySide6.QtCore import QCoreApplication, QObject, Slot
        from PySide6.QtDBus import QDBusConnection, QDBusMessage

        self.app = QCoreApplication.instance() or QCoreApplication([])
        self.heard: list[tuple[str, list]] = []
        heard = self.heard

        class Receiver(QObject):
            @Slot(QDBusMessage)
            def on(self, message) -> None:
                heard.append((message.member(), list(message.arguments())))

        self.receiver = Receiver()
        self.bus = QDBusConnection.connectToBus(address, "atspi-check")
        if not self.bus.isConnected():
            raise SystemExit(f"cannot connect to the AT-SPI bus at {address}")
        for member in ("Announcement", "StateChanged"):
            self.bus.connect("", "", "org.a11y.atspi.Event.Object", member, self.receiver, "1on(QDBusMessage)")
        for event in events:
            call = QDBusMessage.createMethodCall("org.a11y.atspi.Registry", "/org/a11y/atspi/registry",
                                                 "org.a11y.atspi.Registry", "RegisterEvent")
            call.setArguments([event])  # the registry takes the event's name alone too
            self.bus.call(call)

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.02)

    def said(self) -> list[str]:
        """The texts announced: an AT-SPI event is (detail, detail1, detail2, value, properties)."""
        found = []
        for member, args in self.heard:
            if member == "Announcement" and len(args) > 3:
                value = args[3]
                found.append(str(value.variant() if hasattr(value, "variant") else value))
        return found


def main() -> int:
    problems: list[str] = []
    bus = Bus(a11y_address())
    listener = Listener(bus.address, ("object:announcement", "object:state-changed:focused"))
    env = dict(os.environ, PYTHONFAULTHANDLER="1", QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
               TRAINER_CONFIG_DIR=tempfile.mkdtemp(prefix="trainer-atspi-"))
    command = [sys.executable, "-m", "tests.atspi.app_side", "open-an-app"]
    if os.environ.get("ATSPI_GDB"):  # to see where the app stops, when it does
        command = ["gdb", "-q", "-batch", "-ex", f"set logging file {os.environ['ATSPI_GDB']}",
                   "-ex", "set logging enabled on", "-ex", "run", "-ex", "bt 30", "--args", *command]
    app = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        return _check(bus, listener, app, problems)
    except RuntimeError as exc:  # a call the app never answered: it stopped (crashed)
        code = app.poll()
        print(f"PROBLEM: the app stopped answering the screen reader ({exc}; exit code {code})")
        return 1
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()


def _check(bus: Bus, listener: Listener, app: subprocess.Popen, problems: list[str]) -> int:
    for line in app.stdout:
        if line.strip() == "ready":
            break
    else:
        raise SystemExit("the app did not start")
    dest, root = find_app(bus)
    listener.pump(1.0)
    nodes = walk(bus, dest, root)
    print(f"{len(nodes)} showing objects")
    now = focused(nodes)
    if now is None or now.description != "説明" or not now.name:
        problems.append(f"the focus is not on the step's instruction: {now}")
    elif text_of(bus, now) != now.name:
        problems.append(f"the instruction's Text interface does not hold its words: {now.name!r}")
    for node in nodes:
        if node.role in ("push button", "radio button", "check box") and not node.name:
            problems.append(f"a {node.role} without a name at {node.path}")
    buttons = {n.name for n in nodes if n.role == "push button"}
    missing = CONTROL_BAR - buttons
    if missing:
        problems.append(f"the control bar's buttons are not all there by name: {sorted(missing)} missing")
    nexts = [n for n in nodes if n.role == "push button" and n.name == "次へ"]
    if not nexts:
        problems.append("no 「次へ」 button on the first step")
    else:
        first = now.name if now is not None else ""
        press(bus, nexts[0])
        listener.pump(1.5)
        nodes = walk(bus, dest, root)
        after = focused(nodes)
        if after is None or after.description != "説明" or after.name == first:
            problems.append(f"after 「次へ」 the focus is not on the new instruction: {after}")
        else:
            print(f"focus on the new instruction: {after.name[:30]}…")
    said = listener.said()
    if os.environ.get("ATSPI_TRACE"):
        print(listener.heard, file=sys.stderr)
    if not any(text.strip() for text in said):
        problems.append(f"no Announcement event with words on the AT-SPI bus after the step changed: {said}")
    else:
        print(f"announced: {said[-1][:40]!r}")
    for problem in problems:
        print("PROBLEM:", problem)
    print("AT-SPI check:", "ok" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
