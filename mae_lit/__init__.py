__version__ = "0.0.1"

# The one process-wide setting the package makes, installed once, when it is first imported (before any of its modules):
# fastai calls `torch.jit.script` while it is imported, and torch answers with a FutureWarning about its own deprecation
# that says nothing to a user of this package. This silences that message, raised from that torch module, and nothing else.
import warnings as _warnings
_warnings.filterwarnings('ignore', message=r'`torch\.jit\.script` is', category=FutureWarning, module=r'torch\.jit\._script')
