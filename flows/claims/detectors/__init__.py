"""One detector per claim kind behind the `Detector` protocol of `base`."""

from flows.claims.detectors.according import AccordingToDetector
from flows.claims.detectors.assertion import AssertionDetector
from flows.claims.detectors.base import Attributed, Context, Detector, Finding, Reported
from flows.claims.detectors.direct import DirectQuoteDetector
from flows.claims.detectors.indirect import IndirectDetector
from flows.claims.detectors.partial import PartialQuoteDetector

__all__ = [
    "AccordingToDetector",
    "AssertionDetector",
    "Attributed",
    "Context",
    "Detector",
    "DirectQuoteDetector",
    "Finding",
    "IndirectDetector",
    "PartialQuoteDetector",
    "Reported",
]
