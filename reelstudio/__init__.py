"""ReelStudio: an offline pre-publish checker for short vertical video."""

import os as _os

__version__ = "0.1.0"

# ONNX Runtime (1.32 on Linux) writes a device id and a telemetry event queue under
# ~/.cache/Microsoft/DeveloperTools when it is imported, to upload them later; an offline
# tool writes only to its own folders. Set here, before any import of onnxruntime, and
# inherited by the worker processes.
_os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
