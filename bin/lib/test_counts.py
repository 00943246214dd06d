"""Sums JUnit XML reports (surefire, failsafe): prints "passed failed skipped" for the directories given.

usage: python3 bin/lib/test_counts.py DIR...   (missing directories count as nothing)
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for directory in sys.argv[1:]:
    for report in glob.glob(os.path.join(directory, "TEST-*.xml")):
        suite = ET.parse(report).getroot()
        tests = int(suite.get("tests", 0))
        bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skip = int(suite.get("skipped", 0))
        passed += tests - bad - skip
        failed += bad
        skipped += skip
print(passed, failed, skipped)
