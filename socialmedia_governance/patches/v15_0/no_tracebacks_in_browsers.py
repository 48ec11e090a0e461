"""Sites made before: refused input answered without the server's traceback (see the function)."""

from socialmedia_governance.setup.install import no_tracebacks_in_browsers


def execute():
	no_tracebacks_in_browsers()
