import sys
from pathlib import Path

# The pure rules live in socialmedia_governance/policy and import nothing from frappe; make the
# package importable without installing it (its __init__ imports nothing either).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
