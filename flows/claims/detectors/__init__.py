"""One detector per claim kind behind the `Detector` protocol of `base`."""

from flows.claims.detectors.according import AccordingToDetector
from flows.claims.detectors.assertion import AssertionDetector
from flows.claims.detectors.base import Attributed, Context, Detector, Finding, Reported
from flows.claims.detectors.belief import BeliefDetector
from flows.claims.detectors.direct import DirectQuoteDetector
from flows.claims.detectors.indirect import IndirectDetector
from flows.claims.detectors.nominal import NominalDetector
from flows.claims.detectors.partial import PartialQuoteDetector

__all__ = [
    "AccordingToDetector",
    "AssertionDetector",
    "Attributed",
    "BeliefDetector",
    "Context",
    "Detector",
    "DirectQuoteDetector",
    "Finding",
    "IndirectDetector",
    "NominalDetector",
    "PartialQuoteDetector",
    "Reported",
]
