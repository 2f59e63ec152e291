"""Mock devices with bodies: screens set in machines with physical parts
(slots, trays, outlets, keys) the learner operates with the hands.

``BODIES`` maps a device name to its class; ``make_device`` in
``trainer.widgets.devices`` prefers these to the plain frames.
"""

from __future__ import annotations

from trainer.widgets.bodies.machines import AtmBody, FaceReaderBody, KioskBody, PaperBody, TillBody
from trainer.widgets.bodies.parts import BodyFrame, HandTray, HeldThing, PartWidget
from trainer.widgets.bodies.personal import PcBody, PhoneBody

BODIES: dict[str, type[BodyFrame]] = {cls.name: cls for cls in (
    PhoneBody, KioskBody, AtmBody, FaceReaderBody, TillBody, PcBody, PaperBody)}

__all__ = ["BODIES", "BodyFrame", "HandTray", "HeldThing", "PartWidget"]
