"""Thin shim beside pyproject.toml (flit builds the package; pip and bench use pyproject.toml).

Kept for tools that still call ``python setup.py``; metadata lives in pyproject.toml.
"""

import re
from pathlib import Path

from setuptools import find_packages, setup

version = re.search(
	r'__version__\s*=\s*"([^"]+)"',
	Path(__file__).with_name("socialmedia_governance").joinpath("__init__.py").read_text(),
).group(1)

setup(
	name="socialmedia_governance",
	version=version,
	packages=find_packages(exclude=["tests", "tests.*", "bench", "bench.*"]),
	include_package_data=True,
	zip_safe=False,
)
