"""`make bench`: every benchmark, one after the other, printing figures (no pass or fail)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script, args in (("serving.py", []), ("baking.py", sys.argv[1:]), ("comments.py", []), ("search.py", []), ("live.py", [])):
    print(f"\n== bench/{script}")
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)
